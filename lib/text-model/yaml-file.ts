import { isMap, isSeq, LineCounter, parseDocument as parseYaml, type Node as YamlNode } from "yaml";
import type { z } from "zod";
import { DocumentParseError } from "./document-parse-error";

/** A validated YAML file, with the line of any path in it (for error messages). */
export interface YamlFile<T> {
  data: T;
  /** The 1-based line where the value at `path` starts (the deepest existing part of it). */
  lineOf(path: PropertyKey[]): number;
}

/**
 * Parses a curated YAML file and validates it with `schema`.
 *
 * @throws DocumentParseError with the file and the line of the first problem
 */
export function parseYamlFile<S extends z.ZodType>(source: string, file: string, schema: S): YamlFile<z.infer<S>> {
  const lineCounter = new LineCounter();
  const doc = parseYaml(source, { lineCounter, prettyErrors: false });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;
  if (doc.errors.length > 0)
    throw new DocumentParseError(file, lineAt(doc.errors[0].pos[0]), `invalid YAML: ${doc.errors[0].message.split("\n")[0]}`);
  const lineOf = (path: PropertyKey[]): number => {
    let node: unknown = doc.contents;
    let line = 1;
    for (const key of path) {
      if (!isMap(node) && !isSeq(node)) break;
      const next = (node as { get(key: unknown, keepScalar: boolean): unknown }).get(key, true);
      if (next === undefined) break;
      node = next;
      const range = (node as YamlNode).range;
      if (range) line = lineAt(range[0]);
    }
    return line;
  };
  const result = schema.safeParse(doc.toJS());
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new DocumentParseError(file, lineOf(issue.path), `${issue.path.join(".") || "file"}: ${issue.message}`);
  }
  return { data: result.data, lineOf };
}

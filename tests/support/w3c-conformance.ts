import fs from "node:fs";
import path from "node:path";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";

const suite = path.resolve(__dirname, "../fixtures/w3c-web-annotation-tests");

interface Assertion {
  file: string;
  title: string;
  expectedResult: "valid" | "invalid";
  errorMessage?: string;
  validate: (data: unknown) => boolean;
}

let cached: Assertion[] | undefined;

/**
 * The must-level assertions of the W3C Web Annotation test suite (listed in
 * annotations/annotationMusts.test), each compiled on its own with Ajv (draft-04) against the
 * suite's shared definitions.
 */
export function mustAssertions(): Assertion[] {
  if (cached) return cached;
  const ajv = new Ajv({ strict: false, validateSchema: false, allErrors: false });
  addFormats(ajv);
  for (const name of fs.readdirSync(path.join(suite, "definitions")).filter((n) => n.endsWith(".json"))) {
    ajv.addSchema(JSON.parse(fs.readFileSync(path.join(suite, "definitions", name), "utf8")));
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(suite, "annotations", "annotationMusts.test"), "utf8")) as {
    assertions: unknown[];
  };
  cached = manifest.assertions
    .filter((entry): entry is string => typeof entry === "string")
    .map((file) => {
      const schema = JSON.parse(fs.readFileSync(path.join(suite, file), "utf8"));
      delete schema.id; // some ids repeat across files
      return { schema, file };
    })
    .filter(({ schema }) => schema.assertionType === "must")
    .map(({ schema, file }) => ({
      file,
      title: schema.title,
      expectedResult: schema.expectedResult === "invalid" ? "invalid" : "valid",
      errorMessage: schema.errorMessage,
      validate: ajv.compile(schema) as (data: unknown) => boolean,
    }));
  return cached;
}

/** The must-level assertions an annotation fails, as readable lines (empty when it conforms). */
export function conformanceFailures(annotation: unknown): string[] {
  return mustAssertions()
    .filter((a) => a.validate(annotation) !== (a.expectedResult === "valid"))
    .map((a) => `${a.file}: ${a.errorMessage ?? a.title}`);
}

/** The suite's sample annotations, for checking the checker. */
export function sampleAnnotations(kind: "correct" | "incorrect"): Array<{ name: string; data: unknown }> {
  const dir = path.join(suite, "samples", kind);
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .flatMap((name) => {
      try {
        return [{ name, data: JSON.parse(fs.readFileSync(path.join(dir, name), "utf8")) }];
      } catch {
        return []; // some "incorrect" samples are not even JSON
      }
    });
}

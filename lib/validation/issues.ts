import type { z } from "zod";

/** One problem of a form, body or query: where (a dotted path, "" for the whole) and what. */
export interface Problem {
  path: string;
  message: string;
}

/**
 * The problems zod found, as every answer that lists them writes them: one per issue, and one per
 * key for unknown keys (zod reports them together, under the object's path).
 */
export function problemsOf(error: z.ZodError): Problem[] {
  return error.issues.flatMap((issue) => {
    const keys = (issue as { keys?: string[] }).keys;
    if (issue.code === "unrecognized_keys" && keys?.length)
      return keys.map((key) => ({ path: [...issue.path, key].join("."), message: issue.message }));
    return [{ path: issue.path.join("."), message: issue.message }];
  });
}

/** The first problem as a line for a page (`name: must not be empty`). */
export function firstProblemLine(error: z.ZodError): string {
  const [first] = problemsOf(error);
  return first ? `${first.path || "form"}: ${first.message}` : "form: not valid";
}

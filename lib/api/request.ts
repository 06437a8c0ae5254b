import { ApiError } from "./errors";
import type { z } from "zod";

/** The request's search parameters validated by `schema`; 400 with the problems otherwise. */
export function parseSearchParams<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const result = schema.safeParse(params);
  if (!result.success) {
    throw new ApiError(
      400,
      "bad_request",
      "Invalid query parameters.",
      result.error.issues.map((i) => ({ parameter: i.path.join(".") || (i as { keys?: string[] }).keys?.join(", "), message: i.message })),
    );
  }
  return result.data;
}

/** The origin to build absolute ids from. */
export const originOf = (request: Request) => new URL(request.url).origin;

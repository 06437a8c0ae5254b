import type { z } from "zod";
import { readLimitedText } from "../annotations/protocol";
import { getSessionUser, type SessionUser } from "../auth";
import { ApiError } from "./errors";

/** The decoded JSON body of a request: 415 unless it is sent as application/json, 413 beyond `limit` bytes, 400 when malformed. */
export async function readJsonBody(request: Request, limit: number): Promise<unknown> {
  const header = request.headers.get("content-type");
  const media = (header ?? "").split(";")[0].trim().toLowerCase();
  if (media !== "application/json")
    throw new ApiError(
      415,
      "unsupported_media_type",
      `Send JSON (application/json), not ${header ? `"${header}"` : "without a Content-Type"}.`,
    );
  const text = await readLimitedText(request, limit);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ApiError(400, "bad_request", `The body is not valid JSON: ${(error as Error).message}`);
  }
}

/** `json` validated by `schema`; 400 with each problem's path and message otherwise. */
export function parseBody<S extends z.ZodType>(schema: S, json: unknown, what = "The request"): z.infer<S> {
  const result = schema.safeParse(json);
  if (!result.success) {
    throw new ApiError(
      400,
      "bad_request",
      `${what} is not valid.`,
      result.error.issues.map((i) => ({
        path: [...i.path, ...((i as { keys?: string[] }).keys ?? [])].join("."),
        message: i.message,
      })),
    );
  }
  return result.data;
}

/** The signed-in user of the request; 401 otherwise. */
export async function requireUser(request: Request, action: string): Promise<SessionUser> {
  const user = await getSessionUser(request);
  if (!user) throw new ApiError(401, "unauthenticated", `Sign in to ${action}.`);
  return user;
}

/** True when an If-Match header is absent or names `etag` (or `*`): If-Match is optional here, but honoured. */
export function ifMatchAllows(header: string | null, etag: string): boolean {
  if (header === null) return true;
  return header
    .split(",")
    .map((tag) => tag.trim())
    .some((tag) => tag === "*" || tag === etag);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when the database can look `id` up: no NUL (PostgreSQL text cannot hold it), no unpaired surrogate, at most 1000 characters. */
export const isStorableId = (id: string) => id.length <= 1000 && !id.includes("\u0000") && !LONE_SURROGATE.test(id);

/** A route's id or slug as the database can look it up; 404 (as for any unknown id) when it cannot be one. */
export function routeId(id: string, what: string): string {
  if (!isStorableId(id)) throw new ApiError(404, "not_found", `No such ${what}.`);
  return id;
}

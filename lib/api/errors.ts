import { ZodError } from "zod";
import { DomainError, type ErrorCode } from "../errors";
import { problemsOf } from "../validation/issues";

/**
 * The one table of statuses: how the API answers each kind of refusal (lib/errors.ts). Where two
 * codes share a status, the first is the one a bare status is named by (see withErrorBody).
 */
export const STATUS_OF: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  precondition_failed: 412,
  too_large: 413,
  unsupported_media_type: 415,
  invalid: 422,
  invalid_range: 422,
  precondition_required: 428,
  rate_limited: 429,
};

/** The contract's error body: `{ error: { code, message, details? } }`. */
export function errorResponse(status: number, code: string, message: string, details?: unknown): Response {
  return Response.json({ error: { code, message, ...(details === undefined ? {} : { details }) } }, { status });
}

/** The answer to a refusal: its status from STATUS_OF and the contract's error body. */
export const refusalResponse = (error: DomainError) => errorResponse(STATUS_OF[error.code], error.code, error.message, error.details);

/** The code a bare status is named by: the first in STATUS_OF with it. */
const codeOfStatus = (status: number): string =>
  (Object.entries(STATUS_OF) as Array<[ErrorCode, number]>).find(([, s]) => s === status)?.[0] ?? "client_error";

/**
 * `response` with the contract's JSON error body when it is a 4xx from a library's handler: an
 * empty body gets its message from `messages` by status; a JSON body of another shape (better-auth
 * answers `{ code: "INVALID_ORIGIN", message }`) is moved into the contract's, its code in lower
 * case. Any other response is returned as it is.
 */
export async function withErrorBody(response: Response, messages: Partial<Record<number, string>> = {}): Promise<Response> {
  if (response.status < 400 || response.status >= 500) return response;
  const text = (await response.clone().text()).trim();
  let code = codeOfStatus(response.status);
  let message = messages[response.status] ?? `The request was refused (${response.status} ${response.statusText || "client error"}).`;
  if (text !== "") {
    let body: { error?: unknown; code?: unknown; message?: unknown } | null = null;
    try {
      body = JSON.parse(text);
    } catch {
      return response; // not JSON: left as the handler wrote it
    }
    if (!body || typeof body !== "object" || (body.error && typeof body.error === "object")) return response;
    if (typeof body.code === "string" && /^[A-Za-z_]{1,64}$/.test(body.code)) code = body.code.toLowerCase();
    if (typeof body.message === "string" && body.message.trim()) message = body.message;
  }
  const answer = errorResponse(response.status, code, message);
  response.headers.forEach((value, name) => {
    if (name !== "content-type" && name !== "content-length") answer.headers.append(name, value);
  });
  return answer;
}

/** Signs, anywhere in an error's chain, that the database cannot be reached or is going away. */
const UNAVAILABLE =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|Connection terminated|timeout exceeded when trying to connect|Can't reach database server|the database system is (starting up|shutting down|in recovery mode)|terminating connection due to administrator command|57P0[1-3]|P1001|P1017|DatabaseNotReachable|ConnectionClosed/;

interface ErrorLike {
  message?: unknown;
  code?: unknown;
  name?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/** Whether `error`, or anything that caused it (causes, and the errors of an AggregateError), matches `test`. */
function inErrorChain(error: unknown, test: (e: ErrorLike) => boolean, seen = new Set<unknown>()): boolean {
  for (let current = error; current && typeof current === "object" && !seen.has(current);) {
    seen.add(current);
    const e = current as ErrorLike;
    if (test(e)) return true;
    if (Array.isArray(e.errors) && e.errors.some((inner) => inErrorChain(inner, test, seen))) return true;
    current = e.cause;
  }
  return false;
}

/** Whether `error` (or what caused it) says the database is unavailable rather than the request wrong. */
export const isDatabaseUnavailable = (error: unknown) =>
  inErrorChain(error, (e) => UNAVAILABLE.test([e.message, e.code, e.name].filter((v) => typeof v === "string").join(" ")));

/** A path parameter that is not valid percent-encoding (decoding it threw). */
const isMalformedAddress = (error: unknown) => error instanceof URIError;

/** PostgreSQL refusing a string the client sent (a NUL character): 22021 or 22P05. */
const isUnstorableText = (error: unknown) =>
  inErrorChain(
    error,
    (e) =>
      e.code === "22021" ||
      e.code === "22P05" ||
      (typeof e.message === "string" && /invalid byte sequence for encoding|unsupported Unicode escape sequence/.test(e.message)),
  );

/** The answer while the database is down: 503 JSON, to retry shortly. */
export function unavailableResponse(): Response {
  const response = errorResponse(503, "unavailable", "The database cannot be reached right now: try again in a moment.");
  response.headers.set("Retry-After", "5");
  return response;
}

/**
 * Turns anything a route handler threw into a response: a DomainError by the table, a ZodError as
 * 422 with its problems; a database that cannot be reached becomes 503 JSON; anything else is
 * logged with its context and answered with a generic 500 carrying no internals.
 */
export function handleApiError(error: unknown, context: string): Response {
  if (error instanceof DomainError) return refusalResponse(error);
  if (isMalformedAddress(error)) return errorResponse(400, "bad_request", "The address is not valid: its percent-encoding is malformed.");
  if (isUnstorableText(error)) return errorResponse(400, "bad_request", "The request names text that cannot be stored (a NUL character).");
  if (isDatabaseUnavailable(error)) {
    console.error(`[api] ${context}: the database cannot be reached`);
    return unavailableResponse();
  }
  if (error instanceof ZodError) return errorResponse(422, "invalid", "The request is invalid.", problemsOf(error));
  console.error(`[api] ${context}:`, error);
  return errorResponse(500, "internal", "Something went wrong on our side.");
}

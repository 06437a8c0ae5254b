/**
 * An error whose message is meant for the person running Gloss (a CLI user or an API client):
 * it is shown as is, in one line, without a stack trace.
 */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly code: string = "error",
  ) {
    super(message);
    this.name = "UserFacingError";
  }
}

/**
 * What can go wrong with a request, by name. The domain says which; how each is answered (an HTTP
 * status, a page's message) is decided where it is answered: lib/api/errors.ts holds the one table
 * of statuses.
 */
export const ERROR_CODES = [
  // The request itself: its form, its body, its method, its preconditions.
  "bad_request",
  "unsupported_media_type",
  "too_large",
  "method_not_allowed",
  "precondition_required",
  // Who asks.
  "unauthenticated",
  "forbidden",
  "rate_limited",
  // What it asks about or for.
  "not_found",
  "conflict",
  "precondition_failed",
  "invalid",
  "invalid_range",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * A refusal the requester can act on: `code` says what kind, `message` says it in a sentence, and
 * `details` (optional, JSON) what exactly (each problem of a form, the replies that stop a change).
 * Domain code throws it; it never names an HTTP status.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

/** A refusal as one line: its message and the problems its details list (`path: message`). */
export function oneLine(error: DomainError): string {
  const details = Array.isArray(error.details)
    ? error.details
        .map((d) => (d && typeof d === "object" ? [d.path, d.message].filter((p) => typeof p === "string" && p !== "").join(": ") : ""))
        .filter(Boolean)
    : [];
  return details.length ? `${error.message} ${details.join("; ")}` : error.message;
}

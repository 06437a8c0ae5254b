/**
 * A check of the ETag a change was made against (HTTP If-Match, or the ETag a page's form was shown
 * with): true when the change may go ahead. Domain functions that change something take one and
 * refuse (precondition_failed) when it does not hold.
 */
export type Precondition = (etag: string) => boolean;

/** True when `header` (an If-Match value) names `etag`, or is `*`. */
export const ifMatchNames = (header: string, etag: string) =>
  header
    .split(",")
    .map((tag) => tag.trim())
    .some((tag) => tag === "*" || tag === etag);

/** An If-Match value (null when absent) as a Precondition: an absent one passes (If-Match is optional then). */
export const preconditionOf =
  (header: string | null): Precondition =>
  (etag) =>
    header === null || ifMatchNames(header, etag);

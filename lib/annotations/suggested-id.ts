import { asciiSlug } from "../user-ids";

/**
 * Ids a suggestion may not take: the names of the container's other routes (their paths would
 * hide the annotation's IRI), and the shape of the ids the import gives curated annotations
 * (`m-`, `e-` or `c-` and 16 hex digits), which a reader's annotation must never hold first.
 */
const RESERVED = new Set(["export", "import"]);
const CURATED_SHAPE = /^[a-z]-[0-9a-f]{16}$/;

/**
 * The id a client's `Slug` header (W3C Web Annotation Protocol 5.2; RFC 5023: percent-encoded
 * UTF-8) suggests for a new annotation: its words as a lower-case ASCII slug (`Trial Anno!` is
 * `trial-anno`), or null when nothing usable is left or the id is reserved. Whether an annotation
 * already has it is the caller's to check.
 */
export function suggestedAnnotationId(header: string | null): string | null {
  if (header === null) return null;
  let text = header;
  try {
    text = decodeURIComponent(header);
  } catch {
    // Not percent-encoded after all: its characters as they are.
  }
  const id = asciiSlug(text, "");
  return id === "" || RESERVED.has(id) || CURATED_SHAPE.test(id) ? null : id;
}

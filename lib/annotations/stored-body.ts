/**
 * The one reading of an annotation's stored bodies (the row's `body` JSON, a list of StoredBody):
 * what a page shows of them as words. Bodies without a textual `value` (an entity link, a
 * resource) are left out.
 */

/** The words of a note: its comments (plain text or markdown) and its tags. */
export interface NoteBody {
  comments: Array<{ value: string; format: "text/plain" | "text/markdown" }>;
  tags: string[];
}

/**
 * The stored bodies of an annotation as comments and tags: a body is a tag when its purpose is
 * tagging or the whole annotation's motivation is (give `motivation` when it is known).
 */
export function noteBody(body: unknown, motivation?: string): NoteBody {
  const result: NoteBody = { comments: [], tags: [] };
  if (!Array.isArray(body)) return result;
  for (const b of body) {
    if (!b || typeof b !== "object" || typeof (b as { value?: unknown }).value !== "string") continue;
    const { value, format, purpose } = b as { value: string; format?: unknown; purpose?: unknown };
    if (purpose === "tagging" || motivation === "tagging") result.tags.push(value);
    else result.comments.push({ value, format: format === "text/markdown" ? "text/markdown" : "text/plain" });
  }
  return result;
}

/** The stored bodies as one text for a list: the comments, then the tags joined by commas, a blank line apart. */
export function bodyText(body: unknown): string {
  const { comments, tags } = noteBody(body);
  return [...comments.map((c) => c.value), ...(tags.length ? [tags.join(", ")] : [])].join("\n\n");
}

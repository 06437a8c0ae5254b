/** A search box's text, made ready for PostgreSQL. */
export interface ParsedSearchQuery {
  /** The words typed (letters and digits), in order. */
  words: string[];
  /** `to_tsquery` text requiring every word but the last ("'osman' & 'batur'"), or "". */
  head: string;
  /** `to_tsquery` text of the last word as a prefix ("'ghulj':*"), or "" when there are no words. */
  last: string;
}

const MAX_WORDS = 16;

/**
 * Splits what someone typed into words (runs of Unicode letters, digits and marks; anything else
 * separates them, so no query syntax gets through) and builds the two halves of a full-text
 * query: every word but the last must match, and the last matches as a prefix, as it may still
 * be being typed. At most 16 words are kept.
 *
 * Pure: no I/O.
 */
export function parseSearchQuery(text: string): ParsedSearchQuery {
  const words = (text.normalize("NFC").match(/[\p{L}\p{N}\p{M}]+/gu) ?? []).slice(0, MAX_WORDS);
  if (words.length === 0) return { words, head: "", last: "" };
  const quote = (w: string) => `'${w.toLowerCase()}'`;
  return {
    words,
    head: words.slice(0, -1).map(quote).join(" & "),
    last: `${quote(words[words.length - 1])}:*`,
  };
}

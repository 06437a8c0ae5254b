import { quoteContext } from "./quote-context";

/**
 * A range of a document's plain text with its words and their context: what a W3C
 * TextPositionSelector and TextQuoteSelector say of it together. Offsets count UTF-16 code units,
 * `start` inclusive and `end` exclusive; `exact` is `text.slice(start, end)`, and `prefix` and
 * `suffix` are the characters just before and after it (32 each when Gloss takes them, fewer at the
 * ends of the text).
 */
export interface TextRange {
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
}

/** `[start, end)` of `text` as a TextRange, with its words and 32 characters of context each side. */
export const textRangeAt = (text: string, start: number, end: number): TextRange => ({ start, end, ...quoteContext(text, start, end) });

import { bestQuotePlaces, nearest } from "../text-model/quote-match";

/** A quote of the text with its context and, optionally, where it was (a permalink's selector). */
export interface QuoteSelector {
  exact: string;
  prefix?: string;
  suffix?: string;
  /** The quote's old offsets (UTF-16 units of the plain text, end exclusive). */
  start?: number;
  end?: number;
}

/** Where a quote stands in the current text. */
export type QuoteResolution =
  { state: "exact"; start: number; end: number } | { state: "moved"; start: number; end: number } | { state: "gone" };

/**
 * Finds a permalink's quote in the current text: at its old position when the words there are
 * still the quote ("exact"); otherwise at the occurrence of the exact quote whose surroundings
 * agree longest with the prefix and suffix, the nearest to the old position among equals
 * ("moved"); otherwise "gone". Never a fuzzy match: a link must not land on other words.
 */
export function resolveQuote(text: string, selector: QuoteSelector): QuoteResolution {
  const { exact, start, end } = selector;
  if (exact === "") return { state: "gone" };
  if (
    start !== undefined &&
    start >= 0 &&
    text.slice(start, start + exact.length) === exact &&
    (end === undefined || end === start + exact.length)
  ) {
    return { state: "exact", start, end: start + exact.length };
  }
  const places = bestQuotePlaces(text, selector);
  if (places.length === 0) return { state: "gone" };
  const best = start === undefined ? places[0] : nearest(places, start);
  return { state: "moved", start: best, end: best + exact.length };
}

import { bestQuotePlaces, nearest } from "../text-model/quote-match";

/** The reason given for a quote the text does not hold. */
export const QUOTE_NOT_FOUND = "quote not found in the text";

/**
 * Where a quote lies in `text` (UTF-16 offsets), as an import places an annotation made on another
 * text: among the places the exact quote occurs, the one whose surroundings agree longest with the
 * prefix and suffix (the 64 characters of each nearest the quote); between equally good places, the
 * one nearest the position hint (an old TextPositionSelector). A reason instead when the quote is
 * absent, or occurs in places nothing tells apart.
 */
export function anchorQuote(
  text: string,
  quote: { exact: string; prefix?: string; suffix?: string },
  hint?: { start: number } | null,
): { start: number; end: number } | { reason: string } {
  const best = bestQuotePlaces(text, quote);
  if (best.length === 0) return { reason: QUOTE_NOT_FOUND };
  let start = best[0];
  if (best.length > 1) {
    if (!hint) return { reason: `the quote occurs ${best.length} times and its prefix and suffix do not tell which` };
    start = nearest(best, hint.start);
  }
  return { start, end: start + quote.exact.length };
}

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

/** Most characters of a prefix or suffix compared (the ones nearest the quote). */
const CONTEXT_COMPARED = 64;

function prefixAgreement(text: string, at: number, prefix: string): number {
  let n = 0;
  while (n < CONTEXT_COMPARED && n < prefix.length && n < at && text[at - 1 - n] === prefix[prefix.length - 1 - n]) n++;
  return n;
}

function suffixAgreement(text: string, at: number, suffix: string): number {
  let n = 0;
  while (n < CONTEXT_COMPARED && n < suffix.length && at + n < text.length && text[at + n] === suffix[n]) n++;
  return n;
}

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
  const prefix = selector.prefix ?? "";
  const suffix = selector.suffix ?? "";
  let best = -1;
  let bestScore = -1;
  let bestDistance = Infinity;
  for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) {
    const score = prefixAgreement(text, at, prefix) + suffixAgreement(text, at + exact.length, suffix);
    const distance = start === undefined ? 0 : Math.abs(at - start);
    if (score > bestScore || (score === bestScore && distance < bestDistance)) {
      best = at;
      bestScore = score;
      bestDistance = distance;
    }
  }
  if (best === -1) return { state: "gone" };
  return { state: "moved", start: best, end: best + exact.length };
}

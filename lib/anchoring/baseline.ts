import approxSearch from "approx-string-match";
import { quoteContext } from "../text-model/quote-context";
import { contextScore, DEFAULT_MIN_CONTEXT_SIMILARITY, DEFAULT_MIN_QUOTE_SIMILARITY, type Reanchored } from "./reanchor";
import type { TextRange } from "../text-model/text-range";

// The approach `reanchor` is measured against (bench/README.md): each annotation anchored on its
// own by its quote in the whole new text, as Hypothesis's client does it (match-quote.ts, on
// approx-string-match): the exact occurrences if there are any, else the closest approximate
// ones, each scored by quote, prefix, suffix and position, the best one taken.

/**
 * How a baseline result is accepted: "best" takes the best-scored candidate whatever it is, as
 * that approach does; "thresholded" takes it only with the minimums `reanchor` applies (quote
 * similarity 0.8 and context similarity 0.5), and orphans the annotation otherwise.
 */
export type BaselineMode = "best" | "thresholded";

export interface QuoteMatch {
  start: number;
  end: number;
  /** Edits between the quote and the words found. */
  errors: number;
  /** The weighted score, in [0, 1]. */
  score: number;
}

const QUOTE_WEIGHT = 50;
const PREFIX_WEIGHT = 20;
const SUFFIX_WEIGHT = 20;
const POSITION_WEIGHT = 2;

/** Exact occurrences of `pattern` (indexOf), or if there are none its closest matches with at most `maxErrors` edits. */
function search(text: string, pattern: string, maxErrors: number): Array<{ start: number; end: number; errors: number }> {
  const exact: Array<{ start: number; end: number; errors: number }> = [];
  for (let at = text.indexOf(pattern); at !== -1; at = text.indexOf(pattern, at + 1)) {
    exact.push({ start: at, end: at + pattern.length, errors: 0 });
  }
  return exact.length > 0 ? exact : approxSearch(text, pattern, maxErrors);
}

/** How well `pattern` occurs in `text`: 1 − the fewest edits of any match / its length (0 if either is empty). */
function textMatchScore(text: string, pattern: string): number {
  if (pattern.length === 0 || text.length === 0) return 0;
  const matches = search(text, pattern, pattern.length);
  return 1 - matches[0].errors / pattern.length;
}

/**
 * The best place for a quote in `text`: candidates from `search` with up to min(256, ⌊length/2⌋)
 * edits, scored 50 for the quote, 20 each for the text before and after against the stored
 * prefix and suffix, 2 for nearness to `hint` (the old start). Null when nothing is that close.
 */
export function matchQuote(
  text: string,
  quote: string,
  context: { prefix?: string; suffix?: string; hint?: number } = {},
): QuoteMatch | null {
  if (quote.length === 0) return null;
  const maxErrors = Math.min(256, Math.floor(quote.length / 2));
  const candidates = search(text, quote, maxErrors);
  let best: QuoteMatch | null = null;
  for (const match of candidates) {
    const quoteScore = 1 - match.errors / quote.length;
    const prefixScore = context.prefix
      ? textMatchScore(text.slice(Math.max(0, match.start - context.prefix.length), match.start), context.prefix)
      : 1;
    const suffixScore = context.suffix ? textMatchScore(text.slice(match.end, match.end + context.suffix.length), context.suffix) : 1;
    const positionScore = context.hint === undefined ? 1 : 1 - Math.abs(match.start - context.hint) / text.length;
    const score =
      (QUOTE_WEIGHT * quoteScore + PREFIX_WEIGHT * prefixScore + SUFFIX_WEIGHT * suffixScore + POSITION_WEIGHT * positionScore) /
      (QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT);
    if (!best || score > best.score) best = { start: match.start, end: match.end, errors: match.errors, score };
  }
  return best;
}

/**
 * Re-anchors annotations in `newText` by their quotes alone, each independently (see above), in
 * the shape `reanchor` returns: exact or moved for the quote itself, fuzzy for an approximate
 * match, orphaned (old selectors kept) when there is no candidate or, in "thresholded" mode, when
 * the best one falls short of the minimums.
 */
export function reanchorByQuote(newText: string, anchors: TextRange[], mode: BaselineMode = "best"): Reanchored[] {
  return anchors.map((anchor) => {
    const orphan: Reanchored = { ...anchor, state: "orphaned", quoteSimilarity: 0, contextSimilarity: 0, method: "none" };
    const match = matchQuote(newText, anchor.exact, { prefix: anchor.prefix, suffix: anchor.suffix, hint: anchor.start });
    if (!match) return orphan;
    const quoteSimilarity = 1 - match.errors / anchor.exact.length;
    const context = contextScore(newText, match.start, match.end, anchor);
    if (mode === "thresholded" && (quoteSimilarity < DEFAULT_MIN_QUOTE_SIMILARITY || context < DEFAULT_MIN_CONTEXT_SIMILARITY))
      return orphan;
    return {
      ...quoteContext(newText, match.start, match.end),
      start: match.start,
      end: match.end,
      state: match.errors > 0 ? "fuzzy" : match.start === anchor.start ? "exact" : "moved",
      quoteSimilarity,
      contextSimilarity: context,
      method: match.errors > 0 ? "fuzzy" : "quote",
    };
  });
}

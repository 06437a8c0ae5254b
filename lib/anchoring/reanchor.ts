import approxSearch from "approx-string-match";
import { CONTEXT_LENGTH, quoteContext } from "../text-model/quote-context";
import type { TextRange } from "../text-model/text-range";
import type { AnchorState } from "./anchor-state";
import { contextSimilarity, editDistance } from "./similarity";
import { TextDiff, type Span } from "./text-diff";

/**
 * Where an annotation stands on the new text. For every state but "orphaned" the selectors are
 * the new text's own (`exact` is the words now there); an orphan keeps its old selectors.
 */
export interface Reanchored extends TextRange {
  state: AnchorState;
  /** How alike the quote and the words found are (1 for exact and moved; 0 for orphans). */
  quoteSimilarity: number;
  /** How alike the stored prefix and suffix and the new surroundings are (0 for orphans). */
  contextSimilarity: number;
  /** Which step placed it: the diff, the exact quote, the fuzzy quote, or none. */
  method: "diff" | "quote" | "fuzzy" | "none";
}

export interface ReanchorOptions {
  /** Least quote similarity a fuzzy match needs (1 − edits / quote length): 0.8 by default. */
  minQuoteSimilarity?: number;
  /** Least context similarity (mean of prefix and suffix) a quote match needs: 0.5 by default. */
  minContextSimilarity?: number;
  /** Bound on the character-level diff, in seconds. */
  diffTimeoutSeconds?: number;
}

export const DEFAULT_MIN_QUOTE_SIMILARITY = 0.8;
export const DEFAULT_MIN_CONTEXT_SIMILARITY = 0.5;
/** A quote at least this long that occurs once in the candidate text is its own evidence. */
const SELF_EVIDENT_LENGTH = CONTEXT_LENGTH;
/** Least similarity of the text that moved with a quote to the text around a match away from where the words went. */
const MIN_CARRIED_SIMILARITY = 0.8;

/** Passage breaks in a string: a match may not add any the quote did not have. */
const breaks = (text: string) => text.split("\n\n").length - 1;

/** Mean similarity of the stored prefix and suffix to the text around `[start, end)`. */
export function contextScore(text: string, start: number, end: number, anchor: { prefix: string; suffix: string }): number {
  const before = text.slice(Math.max(0, start - anchor.prefix.length), start);
  const after = text.slice(end, end + anchor.suffix.length);
  return (contextSimilarity(anchor.prefix, before) + contextSimilarity(anchor.suffix, after)) / 2;
}

interface Candidate {
  start: number;
  end: number;
  errors: number;
  context: number;
}

/**
 * Re-anchors annotations made on `oldText` in `newText`, in this order:
 * 1. the diff: a range whose characters the edit left in place follows them (exact, or moved
 *    when its offsets changed);
 * 2. the exact quote, where the diff's map says the words went or in text the edit inserted
 *    (a moved section), chosen by its context and then nearness, and only with context that
 *    agrees (a long quote found once is its own evidence);
 * 3. a fuzzy match of the quote in the same places, with quote similarity and context
 *    similarity above their minimums (fuzzy);
 * 4. otherwise orphaned, with its old selectors.
 * Words that were already elsewhere in the old text are never taken: they are other words.
 * The results are in the order of `anchors`.
 */
export function reanchor(oldText: string, newText: string, anchors: TextRange[], options: ReanchorOptions = {}): Reanchored[] {
  const diff = TextDiff.between(oldText, newText, options.diffTimeoutSeconds);
  return anchors.map((anchor) => reanchorOne(diff, oldText, newText, anchor, options));
}

/** Re-anchors one annotation with a diff already made (see `reanchor`). */
export function reanchorOne(
  diff: TextDiff,
  oldText: string,
  newText: string,
  anchor: TextRange,
  options: ReanchorOptions = {},
): Reanchored {
  const minQuote = options.minQuoteSimilarity ?? DEFAULT_MIN_QUOTE_SIMILARITY;
  const minContext = options.minContextSimilarity ?? DEFAULT_MIN_CONTEXT_SIMILARITY;
  const { exact } = anchor;
  const orphan: Reanchored = { ...anchor, state: "orphaned", quoteSimilarity: 0, contextSimilarity: 0, method: "none" };
  if (exact.length === 0) return orphan;

  const valid = anchor.end - anchor.start === exact.length && oldText.slice(anchor.start, anchor.end) === exact;
  // 1. The diff.
  if (valid) {
    const kept = diff.intact(anchor.start, anchor.end);
    if (kept) {
      const state = kept.start === anchor.start ? "exact" : "moved";
      return placed(newText, kept, state, 1, contextScore(newText, kept.start, kept.end, anchor), "diff");
    }
  }
  // Where the words went (or, for selectors that do not fit the old text, where they were).
  const image = valid
    ? diff.image(anchor.start, anchor.end)
    : { start: Math.min(anchor.start, newText.length), end: Math.min(anchor.end, newText.length) };
  // A match must lie mostly (at least half of it) where the words went, what replaced them
  // included, or in inserted text (a moved passage). One that only grazes the image is mostly
  // the words next to it: with "itical Department, War Department, Military Administr" deleted,
  // "Pol" + "ation Department," is close to "Political Department," but is other words.
  // Inserted text away from where the words went holds them only when they moved there, and
  // words that move take the text around them with them: what the edit removed along with the
  // quote (up to 32 characters each side) must stand around the match too, and be, with the
  // quote, long enough to tell. Otherwise a deleted sentence's "Republic" would go to any new
  // paragraph 8,000 characters on that says "an independent East Turkistan Republic".
  const removed = valid ? diff.removedAround(anchor.start, anchor.end) : null;
  const carriedBefore = removed ? oldText.slice(Math.max(removed.start, anchor.start - CONTEXT_LENGTH), anchor.start) : "";
  const carriedAfter = removed ? oldText.slice(anchor.end, Math.min(removed.end, anchor.end + CONTEXT_LENGTH)) : "";
  const movedHere = (start: number, end: number) =>
    removed !== null &&
    carriedBefore.length + exact.length + carriedAfter.length >= SELF_EVIDENT_LENGTH &&
    contextSimilarity(carriedBefore, newText.slice(Math.max(0, start - carriedBefore.length), start)) >= MIN_CARRIED_SIMILARITY &&
    contextSimilarity(carriedAfter, newText.slice(end, end + carriedAfter.length)) >= MIN_CARRIED_SIMILARITY;
  const eligible = (start: number, end: number) => {
    const from = Math.max(start, image.start);
    const to = Math.min(end, image.end);
    const inImage = Math.max(0, to - from);
    if (inImage === 0 && !movedHere(start, end)) return false;
    const insertedElsewhere = diff.insertedIn(start, end) - (inImage > 0 ? diff.insertedIn(from, to) : 0);
    return (inImage + insertedElsewhere) * 2 >= end - start;
  };
  const windows = searchWindows(diff, image, exact.length, exact.length, newText.length);

  // 2. The exact quote.
  const exactHits: Candidate[] = [];
  const seen = new Set<number>();
  for (const window of windows) {
    const slice = newText.slice(window.start, window.end);
    for (let found = slice.indexOf(exact); found !== -1; found = slice.indexOf(exact, found + 1)) {
      const at = window.start + found;
      if (seen.has(at)) continue;
      seen.add(at);
      if (!eligible(at, at + exact.length)) continue;
      exactHits.push({ start: at, end: at + exact.length, errors: 0, context: contextScore(newText, at, at + exact.length, anchor) });
    }
  }
  const agreeing = exactHits.filter((c) => c.context >= minContext);
  const chosen = best(agreeing, image) ?? (exactHits.length === 1 && exact.length >= SELF_EVIDENT_LENGTH ? exactHits[0] : undefined);
  if (chosen) return placed(newText, chosen, chosen.start === anchor.start ? "exact" : "moved", 1, chosen.context, "quote");

  // 3. A fuzzy match.
  // The tolerance absorbs floating point: 1 − 0.8 is 0.19999999999999996, which would give a
  // ten-character quote one error where the minimum allows two.
  const maxErrors = Math.floor(exact.length * (1 - minQuote) + 1e-9);
  if (maxErrors < 1) return orphan;
  const quoteBreaks = breaks(exact);
  const quoteStartsMidWord = valid && midWord(oldText, anchor.start);
  const quoteEndsMidWord = valid && midWord(oldText, anchor.end);
  const fuzzyHits: Candidate[] = [];
  const fuzzySeen = new Set<string>();
  // approx-string-match returns only a window's lowest-error matches, so a window reaches no
  // further than an eligible match can (half the longest match): a closer copy of the words
  // beyond would hide the match in place.
  const reach = Math.ceil((exact.length + maxErrors) / 2);
  for (const window of searchWindows(diff, image, reach, exact.length, newText.length)) {
    const slice = newText.slice(window.start, window.end);
    for (const match of approxSearch(slice, exact, maxErrors)) {
      let start = window.start + match.start;
      let end = window.start + match.end;
      let errors = match.errors;
      // Past the ends of where the words went, text the edit left in place was never the quote's:
      // a match reaching into it makes deleted words up from their neighbours ("nuary 5, 1946,
      // before …" for "just three days before …"). It is cut off at those ends.
      // Nor does it start or end on a space the quote did not.
      let from = start < image.start && image.start < end && diff.insertedIn(start, image.start) === 0 ? image.start : start;
      let to = start < image.end && image.end < end && diff.insertedIn(image.end, end) === 0 ? image.end : end;
      [from, to] = trimSpaces(newText, from, to, exact);
      // Nor does it start or end inside a word where the quote starts or ends on a word's edge:
      // "the Republic of China was" became "the Republic of China wen" (of "went"). Each end
      // goes to the nearer edge of that word that leaves the fewest edits.
      const starts = !quoteStartsMidWord && midWord(newText, from) ? [wordStart(newText, from), wordEnd(newText, from)] : [from];
      const ends = !quoteEndsMidWord && midWord(newText, to) ? [wordStart(newText, to), wordEnd(newText, to)] : [to];
      if (starts.length > 1 || ends.length > 1) {
        let fewest = Infinity;
        for (const a of starts)
          for (const b of ends) {
            const [s, e] = trimSpaces(newText, a, b, exact);
            if (e <= s) continue;
            const distance = editDistance(exact, newText.slice(s, e));
            if (distance < fewest) [fewest, from, to] = [distance, s, e];
          }
        if (fewest === Infinity) continue;
      }
      if (from !== start || to !== end) {
        [start, end] = [from, to];
        if (end > start) errors = editDistance(exact, newText.slice(start, end));
      }
      const key = `${start}:${end}`;
      if (end <= start || fuzzySeen.has(key)) continue;
      fuzzySeen.add(key);
      if (!eligible(start, end) || breaks(newText.slice(start, end)) > quoteBreaks) continue;
      const similarity = 1 - errors / exact.length;
      if (similarity < minQuote) continue;
      const context = contextScore(newText, start, end, anchor);
      if (context >= minContext) fuzzyHits.push({ start, end, errors, context });
    }
  }
  const fuzzy = best(fuzzyHits, image, exact.length);
  if (!fuzzy) return orphan;
  return placed(newText, fuzzy, "fuzzy", 1 - fuzzy.errors / exact.length, fuzzy.context, "fuzzy");
}

const SPACE = /\s/;
const WORD = /[\p{L}\p{N}]/u;

/** `[from, to)` without the spaces at its ends that the quote does not have at its own. */
function trimSpaces(text: string, from: number, to: number, quote: string): [number, number] {
  while (from < to && SPACE.test(text[from]) && !SPACE.test(quote[0])) from++;
  while (to > from && SPACE.test(text[to - 1]) && !SPACE.test(quote[quote.length - 1])) to--;
  return [from, to];
}

/** Whether offset `at` of `text` falls between two letters or digits: inside a word. */
const midWord = (text: string, at: number) => at > 0 && at < text.length && WORD.test(text[at - 1]) && WORD.test(text[at]);
/** The start of the word around offset `at`. */
function wordStart(text: string, at: number): number {
  while (at > 0 && WORD.test(text[at - 1])) at--;
  return at;
}
/** The end of the word around offset `at`. */
function wordEnd(text: string, at: number): number {
  while (at < text.length && WORD.test(text[at])) at++;
  return at;
}

/**
 * The spans of new text worth searching: around the image, then each inserted span long enough
 * to hold half the quote, each widened by `reach` on both sides.
 */
function searchWindows(diff: TextDiff, image: Span, reach: number, quoteLength: number, length: number): Span[] {
  const widen = (span: Span): Span => ({ start: Math.max(0, span.start - reach), end: Math.min(length, span.end + reach) });
  const windows = [widen(image)];
  for (const span of diff.inserted) if ((span.end - span.start) * 2 >= quoteLength) windows.push(widen(span));
  return windows;
}

/** The best candidate: fewest errors relative to the quote and best context, then nearest the image. */
function best(candidates: Candidate[], image: Span, quoteLength = 1): Candidate | undefined {
  let chosen: Candidate | undefined;
  let chosenScore = -Infinity;
  for (const c of candidates) {
    const score = 0.6 * (1 - c.errors / quoteLength) + 0.4 * c.context;
    const better =
      score > chosenScore + 1e-9 ||
      (Math.abs(score - chosenScore) <= 1e-9 && Math.abs(c.start - image.start) < Math.abs(chosen!.start - image.start));
    if (better) {
      chosen = c;
      chosenScore = score;
    }
  }
  return chosen;
}

function placed(text: string, span: Span, state: AnchorState, quote: number, context: number, method: Reanchored["method"]): Reanchored {
  return {
    ...quoteContext(text, span.start, span.end),
    start: span.start,
    end: span.end,
    state,
    quoteSimilarity: quote,
    contextSimilarity: context,
    method,
  };
}

import { DomainError } from "../errors";
import { textRangeAt, type TextRange } from "../text-model/text-range";
import type { AnchorState } from "./anchor-state";

/**
 * Where an annotation lies: a range of one version's text, the passage it is in (the first its
 * words reach) and how it came to be there. Every annotation row stores one; a reply copies its
 * thread root's.
 */
export interface Anchor extends TextRange {
  versionId: string;
  passageId: string;
  state: AnchorState;
}

/** A version as anchoring reads it: its plain text and its passages (by public id) in reading order. */
export interface AnchorableVersion {
  id: string;
  text: string;
  passages: Array<{ anchor: string; start: number; end: number }>;
}

/**
 * The words a reader's annotation names in the current text: their quote (with the context the
 * client saw around it, when it sent it), their offsets, or both.
 */
export interface TextTarget {
  quote?: { exact: string; prefix?: string; suffix?: string };
  position?: { start: number; end: number };
}

const invalid = (message: string, details?: unknown) => new DomainError("invalid", message, details);

const splitsPair = (text: string, offset: number) =>
  offset > 0 && offset < text.length && /[\uD800-\uDBFF]/.test(text[offset - 1]) && /[\uDC00-\uDFFF]/.test(text[offset]);

/** Refuses a range that is empty, outside `text` or splits a character (a UTF-16 surrogate pair). */
function checkBounds(text: string, start: number, end: number): void {
  if (end <= start) throw invalid(`The position range [${start}, ${end}) is empty.`);
  if (end > text.length) throw invalid(`The position range [${start}, ${end}) lies outside the text (${text.length} code units).`);
  if (splitsPair(text, start) || splitsPair(text, end)) throw invalid("The position range splits a character (a UTF-16 surrogate pair).");
}

/** `[start, end)` of `text` with its context, once it is known to hold words (not only whitespace). */
function words(text: string, start: number, end: number): TextRange {
  if (text.slice(start, end).trim() === "") throw invalid("The selected range is only whitespace.");
  return textRangeAt(text, start, end);
}

/**
 * `[start, end)` of `text` (UTF-16 offsets) as a TextRange with 32 characters of context each side;
 * refused (invalid, with the reason) when it is empty, outside the text, splits a character or
 * holds only whitespace.
 */
export function rangeOfWords(text: string, start: number, end: number): TextRange {
  checkBounds(text, start, end);
  return words(text, start, end);
}

/**
 * The range of `text` a target names: its position, checked against its quote, or its quote found
 * exactly once (the prefix and suffix narrowing it). The context is the text's own, taken once
 * here. Refused (invalid, with the reason) otherwise.
 */
export function resolveTarget(text: string, { quote, position }: TextTarget): TextRange {
  if (quote && quote.exact.trim() === "") throw invalid("The quote is only whitespace.");
  if (position) {
    const { start, end } = position;
    checkBounds(text, start, end);
    if (quote && text.slice(start, end) !== quote.exact)
      throw invalid("The quote does not match the text at the position.", { expected: text.slice(start, end), quote: quote.exact });
    return words(text, start, end);
  }
  if (!quote) throw invalid("The target needs a TextQuoteSelector or a TextPositionSelector.");
  const found: number[] = [];
  for (let at = text.indexOf(quote.exact); at !== -1 && found.length < 2; at = text.indexOf(quote.exact, at + 1)) {
    const prefixOk = !quote.prefix || text.slice(0, at).endsWith(quote.prefix);
    const suffixOk = !quote.suffix || text.startsWith(quote.suffix, at + quote.exact.length);
    if (prefixOk && suffixOk) found.push(at);
  }
  if (found.length === 0) throw invalid("The quote is not in the document's text.");
  if (found.length > 1) throw invalid("The quote occurs more than once: add a prefix, a suffix or a TextPositionSelector.");
  return words(text, found[0], found[0] + quote.exact.length);
}

/** A range of `version`'s text as a fresh anchor there: in the first passage its words reach (invalid when none). */
export function anchorIn(version: AnchorableVersion, range: TextRange): Anchor {
  const passage = version.passages.find((p) => p.start < range.end && range.start < p.end);
  if (!passage) throw invalid("The selected range lies outside every passage.");
  return { ...range, passageId: passage.anchor, versionId: version.id, state: "exact" };
}

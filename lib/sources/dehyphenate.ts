/**
 * Joining the lines of a paragraph as a typesetter broke them: with a space, or, where a word was
 * split at the line's end by a hyphen, back into one word. Shared by the readers of formats whose
 * text comes in printed lines (PDF, plain text). Pure text: no I/O.
 */

/**
 * Words that keep their hyphen when it falls at a line's end ("self-\ndetermination" stays
 * "self-determination"): prefixes English writes with a hyphen as a rule, and that a typesetter
 * never breaks a longer word after ("pre", "pro", "ex" are left out: "pre-vious", "ex-ample").
 */
const HYPHENATED_PREFIXES = new Set(["self", "half", "quasi", "well"]);

/** A line that ends in a word broken by a hyphen: the word before it (hyphens and all) in group 1, its last part in group 2. */
const BROKEN_WORD_END = /((?:\p{L}+-)*?(\p{L}+))-$/u;

/** A document's words as it writes them inside its lines, lower-cased: "independence", "sino-soviet". */
export type Vocabulary = ReadonlySet<string>;

/**
 * The words that `lines` write whole (not at a line's end, where they may be broken), lower-cased,
 * hyphenated ones as written: what the text itself says of how a word is spelt.
 */
export function vocabularyOf(lines: Iterable<string>): Vocabulary {
  const words = new Set<string>();
  for (const line of lines) {
    const found = line.toLowerCase().match(/\p{L}+(?:-\p{L}+)*/gu) ?? [];
    // The last word may be broken at the line's end, and the first may be a broken word's end.
    for (const word of found.slice(1, -1)) words.add(word);
  }
  return words;
}

/**
 * Joins two pieces of a paragraph broken at a line's end. When the first ends in "word-", the
 * hyphen is the typesetter's (dropped: "inde-" + "pendence" -> "independence") or the author's
 * (kept, with no space: "Sino-" + "Soviet" -> "Sino-Soviet"). The rule, first that applies:
 * - the next line starts in a capital or a digit ("Sino-Soviet", "1944-1949"): the author's;
 * - the word already holds a hyphen ("three-front-" + "war"), or the next line goes on with one
 *   ("three-" + "front-war"): the author's, a compound;
 * - the text writes the joined word elsewhere ("independence"): the typesetter's;
 * - the text writes the hyphenated word elsewhere ("short-lived"): the author's;
 * - the part before is a prefix written with a hyphen ("self-determination"): the author's;
 * - else the typesetter's, since in print a line ending in a hyphen before a lower-case letter is
 *   mostly a word broken to fill the line.
 * A dash standing alone ("words -" + "more") is not a broken word and keeps its space.
 */
export function joinBrokenLine(before: string, after: string, vocabulary: Vocabulary = new Set()): string {
  if (before === "") return after;
  if (after === "") return before;
  const broken = BROKEN_WORD_END.exec(before);
  if (!broken && /\d-$/.test(before) && /^\d/.test(after)) return before + after;
  if (!broken) return `${before} ${after}`;
  const first = after[0];
  const lowerCaseNext = first.toLowerCase() === first && first.toUpperCase() !== first;
  if (!lowerCaseNext || broken[1] !== broken[2]) return before + after;
  if (/^\p{L}+-\p{L}/u.test(after)) return before + after;
  const part = broken[2].toLowerCase();
  const rest = (/^\p{L}+/u.exec(after)?.[0] ?? "").toLowerCase();
  if (vocabulary.has(part + rest)) return before.slice(0, -1) + after;
  if (vocabulary.has(`${part}-${rest}`) || HYPHENATED_PREFIXES.has(part)) return before + after;
  return before.slice(0, -1) + after;
}

/**
 * The lines of one paragraph as one line of text: each trimmed, joined with single spaces, and
 * words broken at line ends made whole again (joinBrokenLine, with the document's `vocabulary`).
 */
export function joinLines(lines: readonly string[], vocabulary?: Vocabulary): string {
  let text = "";
  for (const line of lines) {
    const trimmed = line.replace(/\s+/g, " ").trim();
    if (trimmed !== "") text = joinBrokenLine(text, trimmed, vocabulary);
  }
  return text;
}

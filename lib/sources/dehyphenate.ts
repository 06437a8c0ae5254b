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

/** A line that ends in a word broken by a hyphen: the word's part before it, in group 1. */
const BROKEN_WORD_END = /(\p{L}+)-$/u;

/**
 * Joins two pieces of a paragraph broken at a line's end. The rule for a line that ends in
 * "word-": the hyphen was the typesetter's, and goes, when the next line goes on in a lower-case
 * letter ("inde-" + "pendence" -> "independence"); it was the author's, and stays with no space,
 * when the next line starts in a capital or a digit ("Sino-" + "Soviet" -> "Sino-Soviet",
 * "1944-" + "1949") or the first part is a prefix written with a hyphen ("self-determination").
 * A dash standing alone ("words -" + "more") is not a broken word and keeps its space.
 */
export function joinBrokenLine(before: string, after: string): string {
  if (before === "") return after;
  if (after === "") return before;
  const broken = BROKEN_WORD_END.exec(before);
  if (!broken && /\d-$/.test(before) && /^\d/.test(after)) return before + after;
  if (!broken) return `${before} ${after}`;
  const first = after[0];
  const lowerCaseNext = first.toLowerCase() === first && first.toUpperCase() !== first;
  if (lowerCaseNext && !HYPHENATED_PREFIXES.has(broken[1].toLowerCase())) return before.slice(0, -1) + after;
  return before + after;
}

/**
 * The lines of one paragraph as one line of text: each trimmed, joined with single spaces, and
 * words broken at line ends made whole again (joinBrokenLine).
 */
export function joinLines(lines: readonly string[]): string {
  let text = "";
  for (const line of lines) {
    const trimmed = line.replace(/\s+/g, " ").trim();
    if (trimmed !== "") text = joinBrokenLine(text, trimmed);
  }
  return text;
}

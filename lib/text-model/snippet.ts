import { z } from "zod";
import { passageContaining, quoteContext } from "./quote-context";
import type { TextRange } from "./text-range";

/**
 * A range of the text written as a snippet with the range in braces:
 * "the Han Chinese warlord {Sheng Shicai} between 1934". The snippet must occur exactly once. A
 * leading "^" or trailing "$" ties it to the start or end of a passage (for a heading such as
 * "^{Aftermath}$" whose words also occur elsewhere). Curated files use it to anchor by quote.
 */
export const snippetSchema = z
  .string()
  .regex(/^[^{}]*\{[^{}]+\}[^{}]*$/, 'a snippet of the text with the range in braces, e.g. "warlord {Sheng Shicai} between"');

/** Finds a snippet ("… {range} …") in the text: the range's offsets, or why not. */
export function locateSnippet(text: string, snippetText: string): { start: number; end: number } | { error: string } {
  const atStart = snippetText.startsWith("^");
  const atEnd = snippetText.endsWith("$");
  const body = snippetText.slice(atStart ? 1 : 0, atEnd ? -1 : undefined);
  const open = body.indexOf("{");
  const close = body.indexOf("}");
  if (open === -1 || close < open) return { error: "has no {range} in braces" };
  const before = body.slice(0, open);
  const quote = body.slice(open + 1, close);
  const haystack = before + quote + body.slice(close + 1);
  const places: number[] = [];
  for (let at = text.indexOf(haystack); at !== -1 && places.length < 2; at = text.indexOf(haystack, at + 1)) {
    const startsPassage = at === 0 || text.startsWith("\n\n", at - 2);
    const endsPassage = at + haystack.length === text.length || text.startsWith("\n\n", at + haystack.length);
    if ((!atStart || startsPassage) && (!atEnd || endsPassage)) places.push(at);
  }
  if (places.length === 0) return { error: "not found in the text" };
  if (places.length > 1) return { error: "found in more than one place: add context to make it unique" };
  return { start: places[0] + before.length, end: places[0] + before.length + quote.length };
}

/** A snippet anchored in a version's plain text: its range and the passage holding it. */
export interface AnchoredRange extends TextRange {
  passageId: string;
}

/**
 * Anchors a snippet in the plain text and finds the passage holding it; an error string (not
 * found, ambiguous, across passages) when it cannot.
 */
export function anchorSnippet(
  text: string,
  passages: Array<{ id: string; start: number; end: number }>,
  snippetText: string,
): AnchoredRange | { error: string } {
  const located = locateSnippet(text, snippetText);
  if ("error" in located) return located;
  const passage = passageContaining(passages, located.start, located.end);
  if (!passage) return { error: "crosses a passage boundary" };
  return { ...located, ...quoteContext(text, located.start, located.end), passageId: passage.id };
}

import { locateSnippet } from "./curated-entities";

/**
 * The shortest snippet that identifies `[start, end)` of `text` uniquely, for a curated
 * mention: the quote in braces with whole words of context on each side (at least one where
 * there is one), grown a word at a time, never across a blank line (a passage boundary). A whole
 * passage whose words also occur elsewhere is tied to the passage's bounds with "^…$".
 */
export function buildSnippet(text: string, start: number, end: number): string {
  const lower = text.lastIndexOf("\n\n", start);
  const upper = text.indexOf("\n\n", end);
  const floor = lower === -1 ? 0 : lower + 2;
  const ceiling = upper === -1 ? text.length : upper;
  const wordBefore = (from: number) => {
    let i = from;
    while (i > floor && /\s/.test(text[i - 1])) i--;
    while (i > floor && !/\s/.test(text[i - 1])) i--;
    return i;
  };
  const wordAfter = (from: number) => {
    let i = from;
    while (i < ceiling && /\s/.test(text[i])) i++;
    while (i < ceiling && !/\s/.test(text[i])) i++;
    return i;
  };
  let left = wordBefore(start);
  let right = wordAfter(end);
  for (let grow = 0; ; grow++) {
    const snippet = `${text.slice(left, start)}{${text.slice(start, end)}}${text.slice(end, right)}`;
    const found = locateSnippet(text, snippet);
    if (!("error" in found) && found.start === start) return snippet;
    if (left === floor && right === ceiling) return `^${snippet}$`;
    if (grow % 2 === 0 && right < ceiling) right = wordAfter(right);
    else if (left > floor) left = wordBefore(left);
    else right = wordAfter(right);
  }
}

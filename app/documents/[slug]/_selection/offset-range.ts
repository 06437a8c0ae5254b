import { rangeFromOffsets } from "./text-range";

/** The rendered passages' text elements, whose text nodes are exactly each passage's text. */
const passageTexts = (root: ParentNode) => Array.from(root.querySelectorAll<HTMLElement>(".passage-text[data-start]"));

/**
 * DOM Ranges covering `[start, end)` of the document's plain text (UTF-16 offsets): one per
 * rendered passage it touches, each inside the passage's words (so the margins and the blank
 * lines between passages are never part of it). Empty when no passage holds any of it.
 */
export function rangesForOffsets(root: ParentNode, start: number, end: number): Range[] {
  const ranges: Range[] = [];
  for (const element of passageTexts(root)) {
    const from = Math.max(start, Number(element.dataset.start));
    const to = Math.min(end, Number(element.dataset.end));
    if (from >= to) continue;
    const range = rangeFromOffsets(element.parentElement ?? root, from, to);
    if (range) ranges.push(range);
  }
  return ranges;
}

/** The document's plain text rebuilt from the rendered passages (the blank lines between them included). */
export function renderedText(root: ParentNode): string {
  let text = "";
  for (const element of passageTexts(root)) {
    const start = Number(element.dataset.start);
    text = text.padEnd(start, "\n") + (element.textContent ?? "");
  }
  return text;
}

/** Sets (or, with no ranges, clears) a named CSS Custom Highlight; false where the API is missing. */
export function setHighlight(name: string, ranges: Range[]): boolean {
  const registry = (globalThis.CSS as unknown as { highlights?: Map<string, unknown> } | undefined)?.highlights;
  const HighlightClass = (globalThis as unknown as { Highlight?: new (...ranges: Range[]) => unknown }).Highlight;
  if (!registry || !HighlightClass) return false;
  if (ranges.length > 0) registry.set(name, new HighlightClass(...ranges));
  else registry.delete(name);
  return true;
}

import type { TextRange } from "@/lib/text-model/text-range";
import { rangeFromOffsets } from "./text-range";

/** A selection inside one passage, as offsets into the document's plain text and its quote. */
export interface TextSelection extends TextRange {
  /** The passage's text element (`.passage-text`). */
  passage: HTMLElement;
  /** Exactly the selected words (without the whitespace or anything outside the passage the selection also took). */
  range: Range;
}

/** Characters of context kept on either side of a quote. */
const CONTEXT = 32;
const WORDS = ".passage-text[data-start]";

/** The UTF-16 offset of a DOM boundary point inside `element`, counted over its text nodes. */
function offsetWithin(element: HTMLElement, node: Node, offset: number): number {
  const range = document.createRange();
  range.selectNodeContents(element);
  range.setEnd(node, offset);
  return range.toString().length;
}

/** The passage text a boundary point is in, or else the text of the passage it is in (its margin, its end). */
function wordsAt(node: Node): HTMLElement | null {
  const element = node instanceof Element ? node : node.parentElement;
  return element?.closest<HTMLElement>(WORDS) ?? element?.closest(".passage")?.querySelector<HTMLElement>(WORDS) ?? null;
}

/** The characters of `element`'s text that `range` covers, as [from, to) offsets into it; null when none. */
function covered(range: Range, element: HTMLElement): [number, number] | null {
  const whole = document.createRange();
  whole.selectNodeContents(element);
  const startSide = whole.comparePoint(range.startContainer, range.startOffset);
  const endSide = whole.comparePoint(range.endContainer, range.endOffset);
  if (startSide > 0 || endSide < 0) return null;
  const from = startSide < 0 ? 0 : offsetWithin(element, range.startContainer, range.startOffset);
  const to = endSide > 0 ? (element.textContent ?? "").length : offsetWithin(element, range.endContainer, range.endOffset);
  return from < to ? [from, to] : null;
}

/** The passage text before or after `element` in reading order. */
function neighbour(element: HTMLElement, direction: "previous" | "next"): HTMLElement | null {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT, {
    acceptNode: (node) => ((node as Element).matches(WORDS) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP),
  });
  walker.currentNode = element;
  return (direction === "next" ? walker.nextNode() : walker.previousNode()) as HTMLElement | null;
}

/**
 * The selection's words when they are all in one passage's text (`.passage-text[data-start]`), with
 * the whitespace around them left out; null otherwise (nothing selected, or words of two passages).
 * A selection that goes beyond its passage without taking another passage's words is cut to its
 * passage: a triple-click takes the blank line after a paragraph, a drag may end in the margin.
 */
export function selectionInPassage(selection: Selection | null): TextSelection | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const ends = new Set([wordsAt(range.startContainer), wordsAt(range.endContainer)]);
  const touched = [...ends].flatMap((element) => {
    const span = element ? covered(range, element) : null;
    return element && span ? [{ element, span }] : [];
  });
  if (touched.length !== 1) return null;
  const [{ element: passage, span }] = touched;
  // A range from the margin of one passage to the start of the one after the next takes the words between.
  for (const direction of ["previous", "next"] as const) {
    const other = neighbour(passage, direction);
    if (other && covered(range, other)) return null;
  }
  const base = Number(passage.dataset.start);
  if (!Number.isFinite(base)) return null;
  const text = passage.textContent ?? "";
  let [from, to] = span;
  while (from < to && /\s/.test(text[from])) from++;
  while (to > from && /\s/.test(text[to - 1])) to--;
  if (from >= to) return null;
  const words = rangeFromOffsets(passage.parentElement ?? passage, base + from, base + to);
  if (!words) return null;
  return {
    start: base + from,
    end: base + to,
    exact: text.slice(from, to),
    prefix: text.slice(Math.max(0, from - CONTEXT), from),
    suffix: text.slice(to, to + CONTEXT),
    passage,
    range: words,
  };
}

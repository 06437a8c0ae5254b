/** A selection inside one passage, as offsets into the document's plain text and its quote. */
export interface TextSelection {
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  passage: HTMLElement;
}

/** Characters of context kept on either side of a quote. */
const CONTEXT = 32;

/** The UTF-16 offset of a DOM boundary point inside `element`, counted over its text nodes. */
function offsetWithin(element: HTMLElement, node: Node, offset: number): number | null {
  if (!element.contains(node)) return null;
  const range = document.createRange();
  range.selectNodeContents(element);
  range.setEnd(node, offset);
  return range.toString().length;
}

/**
 * The selection's offsets when it lies within a single `.passage-text[data-start]` and is not
 * empty (whitespace around it is trimmed); null otherwise.
 */
export function selectionInPassage(selection: Selection | null): TextSelection | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const startElement = range.startContainer instanceof Element ? range.startContainer : range.startContainer.parentElement;
  const passage = startElement?.closest<HTMLElement>(".passage-text[data-start]");
  if (!passage || !passage.contains(range.endContainer)) return null;
  const base = Number(passage.dataset.start);
  const text = passage.textContent ?? "";
  let from = offsetWithin(passage, range.startContainer, range.startOffset);
  let to = offsetWithin(passage, range.endContainer, range.endOffset);
  if (from === null || to === null || !Number.isFinite(base)) return null;
  while (from < to && /\s/.test(text[from])) from++;
  while (to > from && /\s/.test(text[to - 1])) to--;
  if (from >= to) return null;
  return {
    start: base + from,
    end: base + to,
    exact: text.slice(from, to),
    prefix: text.slice(Math.max(0, from - CONTEXT), from),
    suffix: text.slice(to, to + CONTEXT),
    passage,
  };
}

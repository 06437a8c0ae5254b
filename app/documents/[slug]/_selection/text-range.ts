/**
 * A DOM Range for `[start, end)` of the document's plain text (UTF-16 offsets), found through
 * the passages' `.passage-text[data-start][data-end]` elements, whose text nodes are exactly the
 * passage's text. Null when the range is not inside one rendered passage.
 */
export function rangeFromOffsets(root: ParentNode, start: number, end: number): Range | null {
  for (const element of root.querySelectorAll<HTMLElement>(".passage-text[data-start]")) {
    const from = Number(element.dataset.start);
    const to = Number(element.dataset.end);
    if (start < from || end > to) continue;
    const range = document.createRange();
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    let offset = from;
    let started = false;
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const length = node.data.length;
      if (!started && start <= offset + length) {
        range.setStart(node, start - offset);
        started = true;
      }
      if (started && end <= offset + length) {
        range.setEnd(node, end - offset);
        return range;
      }
      offset += length;
    }
    return null;
  }
  return null;
}

// Names drawn into the server's text in the browser: a reader's private identifications, which the
// page kept for every reader cannot hold. They are drawn as the server draws a name (passages.tsx:
// an `a.mention` link to the entity, which the entity cards open on), without disturbing what
// React rendered: its text nodes stay where they are (split, never moved or removed), and undoing
// the drawing gives each of them back its whole text, as React last wrote it. Undo before React
// renders the text again (a refresh of the page), and draw again after.

/** A name to draw: the annotation, its entity and kind, and its words' offsets in the document's text. */
export interface DrawnMention {
  annotationId: string;
  entityId: string;
  kind: string;
  start: number;
  end: number;
}

/**
 * The plain text node of one rendered passage holding all of `[start, end)` (outside any name
 * already drawn), with the offset of `start` in it; null when the words are not such text (they
 * overlap a name the server drew, say: a link cannot hold a link).
 */
function plainWordsAt(root: ParentNode, start: number, end: number): { node: Text; offset: number } | null {
  for (const element of root.querySelectorAll<HTMLElement>(".passage-text[data-start]")) {
    let at = Number(element.dataset.start);
    if (start < at || end > Number(element.dataset.end)) continue;
    for (const child of element.childNodes) {
      const length = child.textContent?.length ?? 0;
      if (child instanceof Text && start >= at && end <= at + length) return { node: child, offset: start - at };
      if (start < at + length) return null;
      at += length;
    }
    return null;
  }
  return null;
}

/** The live Ranges of the page's CSS Custom Highlights (notes, proposals, quotes, evidence). */
function highlightRanges(): Range[] {
  const registry = (globalThis.CSS as unknown as { highlights?: Map<string, Set<AbstractRange>> } | undefined)?.highlights;
  const ranges: Range[] = [];
  registry?.forEach((highlight) => highlight.forEach((range) => range instanceof Range && ranges.push(range)));
  return ranges;
}

/**
 * Runs `change`, which moves the text nodes `nodes`, and puts every highlight's boundary that was
 * in one of them where `place` says it is now (a node moved or merged would otherwise pull the
 * boundary out to its parent, and a note's highlight would spill over the name's other words).
 */
function keepingHighlights(nodes: Text[], change: () => void, place: (node: Text, offset: number) => [Node, number]): void {
  const moved = new Set<Node>(nodes);
  const kept = highlightRanges()
    .filter((range) => moved.has(range.startContainer) || moved.has(range.endContainer))
    .map((range) => ({
      range,
      start: moved.has(range.startContainer) ? place(range.startContainer as Text, range.startOffset) : null,
      end: moved.has(range.endContainer) ? place(range.endContainer as Text, range.endOffset) : null,
      otherEnd: [range.endContainer, range.endOffset] as [Node, number],
    }));
  change();
  for (const { range, start, end, otherEnd } of kept) {
    if (start) range.setStart(...start);
    range.setEnd(...(end ?? otherEnd));
  }
}

/** Draws one name on `offset` of `node`; returns what undoes it. */
function drawOne(node: Text, offset: number, mention: DrawnMention): () => void {
  const length = mention.end - mention.start;
  const after = offset + length < node.length ? node.splitText(offset + length) : null;
  const words = node.splitText(offset);
  const link = document.createElement("a");
  link.className = "mention";
  link.href = `/entities/${encodeURIComponent(mention.entityId)}`;
  link.dataset.kind = mention.kind;
  link.dataset.mention = mention.annotationId;
  link.dataset.private = "";
  link.setAttribute("aria-haspopup", "dialog");
  keepingHighlights(
    [words],
    () => {
      words.before(link);
      link.append(words);
    },
    (moved, at) => [moved, at],
  );
  return () => {
    const base = node.length;
    keepingHighlights(
      after ? [words, after] : [words],
      () => {
        node.appendData(words.data + (after?.data ?? ""));
        link.remove();
        after?.remove();
      },
      (moved, at) => [node, moved === words ? base + at : base + words.length + at],
    );
  };
}

/**
 * Draws `mentions` into the rendered text under `root`, each whose words are plain text of one
 * passage; returns what undoes them all, in the reverse order.
 */
export function drawMentions(root: ParentNode, mentions: DrawnMention[]): () => void {
  const undo: Array<() => void> = [];
  for (const mention of mentions) {
    const words = plainWordsAt(root, mention.start, mention.end);
    if (words && mention.end > mention.start) undo.push(drawOne(words.node, words.offset, mention));
  }
  return () => {
    for (const step of undo.reverse()) step();
  };
}

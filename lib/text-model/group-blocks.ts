import type { PassageAttrs, PassageKind } from "./types";

/** The fields of a passage that rendering needs. */
export interface RenderablePassage {
  id: string;
  label: string;
  kind: PassageKind;
  section: number;
  paragraph: number;
  text: string;
  attrs: PassageAttrs;
}

/** A run of passages rendered as one element: a lone block, a list, or a block quote. */
export type Block<P extends RenderablePassage> =
  { type: "single"; passage: P } | { type: "list"; ordered: boolean; start: number; items: P[] } | { type: "quote"; passages: P[] };

/** A section of the document: its heading (none for the opening section) and its blocks. */
export interface SectionBlocks<P extends RenderablePassage> {
  number: number;
  heading: P | null;
  blocks: Block<P>[];
}

/**
 * Groups passages (in reading order) into sections, and consecutive list items of one list or
 * paragraphs of one block quote into a single block, so they render as <ol>/<ul>/<blockquote>.
 */
export function groupBlocks<P extends RenderablePassage>(passages: P[]): SectionBlocks<P>[] {
  const sections: SectionBlocks<P>[] = [];
  for (const passage of passages) {
    const isSectionHeading = passage.kind === "heading" && passage.paragraph === 0;
    let current = sections.at(-1);
    if (!current || isSectionHeading || current.number !== passage.section) {
      current = { number: passage.section, heading: isSectionHeading ? passage : null, blocks: [] };
      sections.push(current);
      if (isSectionHeading) continue;
    }
    const last = current.blocks.at(-1);
    const { list, quote } = passage.attrs;
    if (passage.kind === "list_item" && list) {
      if (last?.type === "list" && last.items.at(-1)?.attrs.list?.index === list.index) last.items.push(passage);
      else current.blocks.push({ type: "list", ordered: list.ordered, start: list.item, items: [passage] });
    } else if (passage.kind === "quote" && quote) {
      if (last?.type === "quote" && last.passages.at(-1)?.attrs.quote?.index === quote.index) last.passages.push(passage);
      else current.blocks.push({ type: "quote", passages: [passage] });
    } else {
      current.blocks.push({ type: "single", passage });
    }
  }
  return sections;
}

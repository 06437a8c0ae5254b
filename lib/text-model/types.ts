/** The kinds of block a document is divided into, in reading order. */
export const PASSAGE_KINDS = ["heading", "paragraph", "list_item", "quote", "caption", "footnote"] as const;
export type PassageKind = (typeof PASSAGE_KINDS)[number];

/** Rendering hints that the plain text alone does not carry. */
export interface PassageAttrs {
  /** Heading level (2 for a section heading). */
  depth?: number;
  /** Membership of a list: which list in the document, whether numbered, and the item's number. */
  list?: { index: number; ordered: boolean; item: number };
  /** Which block quote in the document the paragraph belongs to. */
  quote?: { index: number };
  /** A footnote's number or mark as the source prints it. */
  note?: string;
  /** Paged sources: the passage's number among those starting on its page ("p. 12 ¶3"). */
  pageParagraph?: number;
}

/** A block of the document with its place in the plain text. */
export interface Passage {
  /** Stable public id, used as the HTML id and in permalinks. */
  id: string;
  /** Citable label: "§3 ¶4", "§3" for a section heading, "¶2" in the untitled opening section. */
  label: string;
  kind: PassageKind;
  /** Position in reading order, from 0. */
  ordinal: number;
  /** 0 for the untitled opening section, then 1, 2, ... per level-2 heading. */
  section: number;
  /** Number within the section, from 1; 0 for the section heading itself. */
  paragraph: number;
  /** Offsets into the plain text, in UTF-16 code units, `start` inclusive and `end` exclusive. */
  start: number;
  end: number;
  text: string;
  attrs: PassageAttrs;
  /** Line of the content file where the block starts (1-based). */
  line: number;
  /** Paged sources (PDF): the page the passage starts on, from 1. */
  page?: number;
}

/** A section of the document, for the table of contents. */
export interface Section {
  number: number;
  /** Heading text; null for the untitled opening section. */
  title: string | null;
  /** Id of the heading passage (or of the first passage of the opening section). */
  anchor: string;
}

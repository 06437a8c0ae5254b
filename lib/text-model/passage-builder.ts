import { PassageIdAllocator } from "./passage-id";
import type { Passage, PassageAttrs, PassageKind, Section } from "./types";

/** Separator between passages in a document's plain text. */
export const PASSAGE_SEPARATOR = "\n\n";

/** Where a block came from, for passages that keep it. */
export interface BlockOrigin {
  /** Line of the content file (1-based); 1 when the source has no lines. */
  line?: number;
  /** Paged sources: the page the block starts on. */
  page?: number;
}

/**
 * Lays blocks end to end into a document's plain text, in reading order, giving each its id,
 * section and paragraph numbers, citable label and offsets. The one place those rules live: the
 * editions of content/ (parse-document.ts) and every imported source (lib/sources) go through it.
 *
 * Labels: "§3" for a section heading, "§3 ¶4" for the fourth passage of section 3, "¶2" in the
 * untitled opening section, "n. 5" for footnote 5 (footnotes keep their own number and do not
 * count as paragraphs). On paged sources (PDF) a passage is cited by its page and its number
 * among the passages starting on that page: "p. 12 ¶3" (`page`, `attrs.pageParagraph`).
 */
export class PassageBuilder {
  readonly passages: Passage[] = [];
  readonly sections: Section[] = [];
  private readonly ids = new PassageIdAllocator();
  private text = "";
  private section = 0;
  private paragraph = 0;
  private page: number | undefined;
  private pageParagraph = 0;

  /** Starts a new section (call before adding its heading). */
  startSection(): void {
    this.section += 1;
    this.paragraph = 0;
  }

  /**
   * Adds a block. `sectionHeading` marks the heading that opens a section (after startSection).
   * `body` must be non-empty and is kept exactly: offsets of marks inside it (TEI's names) stay true.
   */
  add(kind: PassageKind, body: string, attrs: PassageAttrs = {}, origin: BlockOrigin = {}, sectionHeading = false): Passage {
    const isFootnote = kind === "footnote";
    if (!sectionHeading && !isFootnote) this.paragraph += 1;
    if (origin.page !== undefined && origin.page !== this.page) {
      this.page = origin.page;
      this.pageParagraph = 0;
    }
    if (origin.page !== undefined && !isFootnote) this.pageParagraph += 1;
    const id = kind === "heading" ? this.ids.heading(body) : this.ids.passage(body);
    const label =
      isFootnote && attrs.note
        ? `n. ${attrs.note}`
        : origin.page !== undefined
          ? `p. ${origin.page} ¶${this.pageParagraph}`
          : sectionHeading
            ? `§${this.section}`
            : this.section === 0
              ? `¶${this.paragraph}`
              : `§${this.section} ¶${this.paragraph}`;
    if (this.passages.length > 0) this.text += PASSAGE_SEPARATOR;
    const start = this.text.length;
    this.text += body;
    const passage: Passage = {
      id,
      label,
      kind,
      ordinal: this.passages.length,
      section: this.section,
      paragraph: sectionHeading || isFootnote ? 0 : this.paragraph,
      start,
      end: this.text.length,
      text: body,
      attrs: origin.page !== undefined && !isFootnote ? { ...attrs, pageParagraph: this.pageParagraph } : attrs,
      line: origin.line ?? 1,
      ...(origin.page !== undefined ? { page: origin.page } : {}),
    };
    this.passages.push(passage);
    if (this.passages.length === 1 && !sectionHeading) this.sections.push({ number: 0, title: null, anchor: id });
    if (sectionHeading) this.sections.push({ number: this.section, title: body, anchor: id });
    return passage;
  }

  /** The passages' text joined by PASSAGE_SEPARATOR. */
  get plainText(): string {
    return this.text;
  }
}

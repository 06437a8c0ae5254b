/**
 * The intermediate form every source format is read into: what an import keeps of a file (its
 * main text as blocks in reading order, with what the file says of itself), before the text model
 * gives the blocks ids, labels and offsets (assemble-source.ts). Pure data: no DOM, no database.
 */

/** The formats Gloss reads. */
export const SOURCE_FORMATS = ["markdown", "text", "html", "docx", "pdf", "tei", "epub"] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

/** The kinds of block a source is read into (the text model's passage kinds, and footnotes). */
export type SourceBlockKind = "heading" | "paragraph" | "list_item" | "quote" | "caption" | "footnote";

/** The kinds of thing a name in a source may be marked as (TEI's persName, placeName, ...). */
export type SourceMentionKind = "person" | "place" | "organization" | "group" | "event" | "work";

/** A name the source itself marks (TEI), with offsets into its block's `text`. */
export interface SourceMention {
  /** UTF-16 offsets into the block's text, `start` inclusive, `end` exclusive. */
  start: number;
  end: number;
  kind: SourceMentionKind;
  /** The source's identifier for the thing named (TEI `@ref` or `@key`), when it gives one. */
  ref?: string;
}

/** One block of a source's main text. */
export interface SourceBlock {
  kind: SourceBlockKind;
  /**
   * The block's words as a reader reads them: whitespace runs made single spaces, no leading or
   * trailing space, no markup. Never empty.
   */
  text: string;
  /** Heading level as the source has it (1 for the top level); the assembler maps it to sections. */
  depth?: number;
  /** List membership: which list of the source (from 1), whether numbered, the item's number. */
  list?: { index: number; ordered: boolean; item: number };
  /** Which block quote of the source (from 1) the paragraph belongs to. */
  quote?: number;
  /** Paged sources (PDF): the page, from 1 as printed in order, on which the block starts. */
  page?: number;
  /** A footnote's number or mark as the source prints it ("3", "*"). */
  note?: string;
  /** Names the source marks in this block (TEI). */
  mentions?: SourceMention[];
}

/** What a file says of itself. Every field is optional: a source states only what it has. */
export interface SourceMetadata {
  /** The work's own title (not the site's name). */
  title?: string;
  /** Authors as a person writes them ("Ehmetjan Qasimi"). */
  authors?: string[];
  /** ISO 8601 (YYYY, YYYY-MM, YYYY-MM-DD) or EDTF. */
  date?: string;
  publisher?: string;
  /** The source's canonical http(s) address. */
  url?: string;
  /** BCP 47 language tag. */
  language?: string;
}

/** A source read into the intermediate form. */
export interface SourceDocument {
  format: SourceFormat;
  metadata: SourceMetadata;
  blocks: SourceBlock[];
}

/** Why an import failed (the contract's error codes). */
export type ImportFailureCode = "unreadable" | "no_text_layer" | "empty" | "too_large";

/**
 * A source that cannot be imported, with a sentence a person can act on. Thrown by the readers of
 * each format; the import job ends `failed` with it and stores nothing.
 */
export class ImportFailure extends Error {
  constructor(
    readonly code: ImportFailureCode,
    message: string,
  ) {
    super(message);
    this.name = "ImportFailure";
  }
}

/** Limits every reader keeps to, whatever the file claims. */
export const SOURCE_LIMITS = {
  /** The largest upload accepted (bytes). */
  maxUploadBytes: 50 * 1024 * 1024,
  /** The most text an import keeps (UTF-16 code units of the blocks' text). */
  maxTextLength: 20 * 1024 * 1024,
  /** The most bytes a zipped source (DOCX, EPUB) may inflate to, all entries together. */
  maxInflatedBytes: 200 * 1024 * 1024,
  /** The most entries a zipped source may hold. */
  maxZipEntries: 10_000,
} as const;

/**
 * Progress a reader may report while it works, as a fraction of its own part (0..1).
 * Readers that take long (PDF, EPUB) call it between pages or chapters.
 */
export type ReportProgress = (fraction: number) => void;

/** A source file handed to a reader: its bytes (read from the upload on disk) and its name. */
export interface SourceFile {
  bytes: Uint8Array;
  /** The file's name as uploaded, when known ("report.pdf"); used for messages only. */
  name?: string;
}

/** The signature every format's reader has. */
export type SourceReader = (file: SourceFile, progress?: ReportProgress) => Promise<SourceDocument>;

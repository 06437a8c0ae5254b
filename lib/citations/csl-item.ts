import { isKnown, type DocumentMetadata } from "../text-model/metadata";

/** A CSL-JSON date: year, month, day as far as known. */
export interface CslDate {
  "date-parts": [number[]];
}

/** A CSL-JSON name: a person's parts, or a literal (an organisation, or a name not to be split). */
export type CslName = { family: string; given?: string } | { literal: string };

/** The CSL-JSON item of a document, with only the fields Gloss fills in. */
export interface CslItem {
  id: string;
  type: string;
  title: string;
  language?: string;
  author?: CslName[];
  publisher?: string;
  issued?: CslDate;
  accessed?: CslDate;
  URL?: string;
  note?: string;
  "citation-key"?: string;
}

const CSL_TYPES: Record<DocumentMetadata["type"], string> = {
  webpage: "webpage",
  article: "article",
  book: "book",
  chapter: "chapter",
  report: "report",
  document: "document",
};

/** "1945", "1945-03" or "1945-03-04" as CSL date parts; undefined for anything else. */
export function cslDate(value: string | undefined): CslDate | undefined {
  if (!isKnown(value)) return undefined;
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!match) return undefined;
  return {
    "date-parts": [
      match
        .slice(1)
        .filter((part) => part !== undefined)
        .map(Number),
    ],
  };
}

/** A UTC calendar day as CSL date parts (the accessed date of a citation made today). */
export function cslDay(date: Date): CslDate {
  return { "date-parts": [[date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()]] };
}

/**
 * An author as the edition gives it (several are separated by ";"): "Family, Given" is split there; anything else (an
 * organisation, a name whose parts the edition does not state) stays a literal, so no style
 * guesses which word is the family name.
 */
export function cslName(author: string): CslName {
  const parts = /^([^,]+),\s*([^,]+)$/.exec(author.trim());
  return parts ? { family: parts[1].trim(), given: parts[2].trim() } : { literal: author.trim() };
}

/**
 * The CSL-JSON item for citing a document. Fields the edition states as unknown are left out
 * (never "unknown" or an empty value), so each style shows what it shows for a missing field
 * (such as "n.d."). A title the editor supplied is put in square brackets, as the styles
 * want for a title that is not the source's own. `URL` is where the cited words can be read:
 * the permalink.
 *
 * @param metadata the edition's frontmatter
 * @param options the item id (the slug), the permalink, the day of access, and an optional note
 */
export function documentCslItem(metadata: DocumentMetadata, options: { id: string; url: string; accessed: Date; note?: string }): CslItem {
  const item: CslItem = {
    id: options.id,
    type: CSL_TYPES[metadata.type] ?? "webpage",
    title: metadata.titleSupplied ? `[${metadata.title}]` : metadata.title,
    language: metadata.language,
    // BibTeX keys: Citation.js replaces a key holding "-" with one of its own making.
    "citation-key": options.id.replace(/[^A-Za-z0-9_]/g, "_"),
  };
  if (isKnown(metadata.author))
    item.author = metadata.author
      .split(";")
      .map((name) => name.trim())
      .filter(Boolean)
      .map(cslName);
  if (isKnown(metadata.publisher)) item.publisher = metadata.publisher;
  const issued = cslDate(metadata.published);
  if (issued) item.issued = issued;
  item.accessed = cslDay(options.accessed);
  item.URL = options.url;
  if (options.note) item.note = options.note;
  return item;
}

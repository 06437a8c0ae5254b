import type { DocumentPatch } from "./revise-document";

/**
 * The form that checks and corrects a document's details, as the text in its fields: authors one
 * per line, a value the source does not know left empty.
 */
export interface MetadataFields {
  title: string;
  authors: string;
  date: string;
  publisher: string;
  url: string;
  language: string;
}

/**
 * A metadata value as a field shows it: "unknown" (what an edition says of what it does not know)
 * and the language tag "und" (undetermined, what an import without one is given) are empty fields.
 */
const shown = (value: unknown) => (typeof value === "string" && value !== "unknown" && value !== "und" ? value : "");

/**
 * The fields for `GET /api/documents/:slug`'s `metadata`. It is read in either shape: the stored
 * one (`author` joined, `published`) and the contract's (`authors`, `date`), so the form needs no
 * change when the answer moves from one to the other.
 */
export function metadataFields(metadata: Record<string, unknown>): MetadataFields {
  const authors = Array.isArray(metadata.authors)
    ? metadata.authors.filter((name): name is string => typeof name === "string")
    : shown(metadata.author)
      ? shown(metadata.author).split("; ")
      : [];
  return {
    title: shown(metadata.title),
    authors: authors.join("\n"),
    date: shown(metadata.date) || shown(metadata.published),
    publisher: shown(metadata.publisher),
    url: shown(metadata.url),
    language: shown(metadata.language),
  };
}

/**
 * The correction `PATCH /api/documents/:slug` is sent: every field, trimmed, an emptied one
 * meaning "unknown" (the server checks each). The language is left out when empty: a document
 * always has one.
 */
export function metadataPatch(fields: MetadataFields): DocumentPatch {
  const language = fields.language.trim();
  return {
    title: fields.title.trim(),
    authors: fields.authors
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== ""),
    date: fields.date.trim(),
    publisher: fields.publisher.trim(),
    url: fields.url.trim(),
    ...(language ? { language } : {}),
  };
}

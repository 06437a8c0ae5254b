import { DomainError } from "../errors";
import type { DocumentMetadata } from "../text-model/metadata";
import { quoteContext } from "../text-model/quote-context";
import { documentCslItem } from "./csl-item";
import { CSL_STYLES } from "./csl-styles";
import { formatData, formatStyled, type CitationFormat } from "./format-citation";
import { locateRange, type LocatablePassage } from "./passage-locator";
import { LINK_CONTEXT_LENGTH, MAX_QUOTE_LENGTH, quotePermalink } from "./quote-link";
import { buildTextDirective } from "./text-fragment";

/** What citing needs of a document's current version. */
export interface CitableDocument {
  slug: string;
  title: string;
  version: string;
  metadata: DocumentMetadata;
  text: string;
  passages: Array<LocatablePassage & { kind: string; attrs?: { depth?: number } }>;
}

/** What is cited: one passage, or a range of the plain text (UTF-16 offsets, end exclusive). */
export type CiteTarget = { passage: string } | { start: number; end: number };

/** A citation of a passage or range in one format, with its links. */
export interface Citation {
  format: CitationFormat;
  /** The text to copy: the styled citation, or the BibTeX, RIS or CSL-JSON record. */
  citation: string;
  /** The styled citation as HTML (chicago, mla and apa). */
  html?: string;
  /** The bibliography, works-cited or reference-list entry (chicago, mla and apa). */
  reference?: string;
  note?: string;
  inText?: string;
  /** A short citation (Chicago's short note, or the in-text citation), for quotations. */
  short: string;
  /** The CSL style's title (chicago, mla and apa). */
  style?: string;
  locator: string;
  quote: string;
  start: number;
  end: number;
  passages: string[];
  permalink: string;
  textFragment: string;
  /** The accessed date the citation gives: today (UTC), YYYY-MM-DD. */
  accessed: string;
  document: { slug: string; title: string; version: string };
}

/** The range a target names, checked against the text; refused (not_found, invalid_range) when it names none. */
function targetRange(document: CitableDocument, target: CiteTarget): { start: number; end: number; passageId?: string } {
  if ("passage" in target) {
    const passage = document.passages.find((p) => p.id === target.passage);
    if (!passage) throw new DomainError("not_found", `No passage "${target.passage}" in "${document.slug}".`);
    return { start: passage.start, end: passage.end, passageId: passage.id };
  }
  const { text } = document;
  let { start, end } = target;
  if (start >= end) throw new DomainError("invalid_range", "The range is empty: start must be less than end.");
  if (end > text.length) throw new DomainError("invalid_range", `The range ends past the text, which has ${text.length} characters.`);
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  if (start === end) throw new DomainError("invalid_range", "The range holds no words.");
  if (end - start > MAX_QUOTE_LENGTH) {
    throw new DomainError("invalid_range", `The range is longer than ${MAX_QUOTE_LENGTH} characters: cite its passages instead.`);
  }
  return { start, end };
}

/**
 * Cites a passage or a range of a document's current text in one format: the citation made by
 * a CSL processor (or Citation.js for BibTeX and RIS) with the passage label as locator and
 * today as the accessed date, the permalink (the passage's `#id`, or a quote link for a range)
 * and a text-fragment link.
 *
 * @param origin the site's origin, for absolute links
 * @throws DomainError not_found for an unknown passage, invalid_range for a range that is empty, outside the text or too long
 */
export function citeRange(
  document: CitableDocument,
  target: CiteTarget,
  format: CitationFormat,
  options: { origin: string; today?: Date },
): Citation {
  const { text } = document;
  const { start, end, passageId } = targetRange(document, target);
  const location = locateRange(document.passages, start, end)!;
  const documentUrl = `${options.origin}/documents/${encodeURIComponent(document.slug)}`;
  const selector = { ...quoteContext(text, start, end, LINK_CONTEXT_LENGTH), start, end };
  const permalink = passageId ? `${documentUrl}#${passageId}` : quotePermalink(documentUrl, selector, location.passages[0].id);
  const pageBefore = [
    document.title,
    document.metadata.editorialNote ?? "",
    ...document.passages.filter((p) => p.kind === "heading" && p.attrs?.depth === 2).map((p) => text.slice(p.start, p.end)),
  ];
  const fragment = buildTextDirective(text, start, end, pageBefore);
  const today = options.today ?? new Date();
  const dataFormat = format === "bibtex" || format === "ris" || format === "csl-json";
  const item = documentCslItem(document.metadata, {
    id: document.slug,
    url: permalink,
    accessed: today,
    note: dataFormat ? location.locator : undefined,
  });
  const common = {
    format,
    locator: location.locator,
    quote: text.slice(start, end),
    start,
    end,
    passages: location.passages.map((p) => p.id),
    permalink,
    textFragment: `${documentUrl}#:~:${fragment.encoded}`,
    accessed: today.toISOString().slice(0, 10),
    document: { slug: document.slug, title: document.title, version: document.version },
  };
  if (format in CSL_STYLES) {
    const styled = formatStyled(format as keyof typeof CSL_STYLES, item, location.locator);
    return { ...common, ...styled };
  }
  const short = formatStyled("chicago", item, location.locator).short;
  return { ...common, citation: formatData(format as "bibtex" | "ris" | "csl-json", item), short };
}

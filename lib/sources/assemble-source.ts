import { documentMetadataSchema, type DocumentMetadata } from "../text-model/metadata";
import { PassageBuilder } from "../text-model/passage-builder";
import type { ParsedDocument } from "../text-model/parse-document";
import type { PassageAttrs } from "../text-model/types";
import {
  ImportFailure,
  SOURCE_LIMITS,
  type SourceBlock,
  type SourceDocument,
  type SourceMentionKind,
  type SourceMetadata,
} from "./source-document";

/** What the import form says of a source; each field given wins over what the file says. */
export type SourceOverrides = SourceMetadata;

/** A name the source marks (TEI), placed in the assembled text. */
export interface MarkedName {
  start: number;
  end: number;
  exact: string;
  kind: SourceMentionKind;
  ref?: string;
  passageId: string;
}

/** A source laid out in the text model: what the import stores. */
export interface AssembledSource {
  parsed: ParsedDocument;
  names: MarkedName[];
}

const UNKNOWN = "unknown";
const TYPE_OF_FORMAT: Record<string, DocumentMetadata["type"]> = { html: "webpage", epub: "book" };

const squash = (value: string) => value.replace(/\s+/g, " ").trim();
const sameWords = (a: string, b: string) => squash(a).toLocaleLowerCase() === squash(b).toLocaleLowerCase();

/** A title made of a text's first words: its first sentence, or its first ten words and an ellipsis. */
function openingWords(text: string): string {
  const sentence = /^(.{1,100}?[.!?])(\s|$)/.exec(text)?.[1];
  if (sentence) return sentence.replace(/[.]$/, "");
  const words = text.split(" ");
  return words.length <= 10 ? text : `${words.slice(0, 10).join(" ")}…`;
}

/** An ISO 8601 or EDTF date cut to what the text model keeps (YYYY, YYYY-MM or YYYY-MM-DD), or null. */
export function normaliseSourceDate(value: string | undefined): string | null {
  if (!value) return null;
  // EDTF qualifiers (uncertain "?", approximate "~", both "%") and a time of day say more than the
  // citation needs; the calendar part is kept.
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(value.trim().replace(/[?~%]/g, ""));
  if (!match) return null;
  const candidate = match[0];
  const checked = documentMetadataSchema.shape.published.safeParse(candidate);
  return checked.success ? candidate : match[1];
}

const validLanguage = (value: string | undefined) => {
  const tag = value?.trim();
  if (!tag) return null;
  const [primary, ...rest] = tag.replace(/_/g, "-").split("-");
  const normalised = [primary.toLowerCase(), ...rest].join("-");
  return /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(normalised) ? normalised : null;
};

const validUrl = (value: string | undefined) => {
  if (!value) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
};

/** The metadata a document keeps: the form's fields over the file's, "unknown" for what neither says. */
export function sourceMetadata(
  source: SourceDocument,
  overrides: SourceOverrides,
  title: { value: string; supplied: boolean },
): DocumentMetadata {
  const pick = <K extends keyof SourceMetadata>(key: K): SourceMetadata[K] => overrides[key] ?? source.metadata[key];
  const authors = (pick("authors") ?? []).map(squash).filter(Boolean);
  const publisher = squash(pick("publisher") ?? "");
  return {
    title: title.value,
    ...(title.supplied ? { titleSupplied: true } : {}),
    language: validLanguage(pick("language")) ?? "und",
    author: authors.length > 0 ? authors.join("; ") : UNKNOWN,
    ...(authors.length > 0 ? { authors } : {}),
    publisher: publisher || UNKNOWN,
    url: validUrl(pick("url")) ?? UNKNOWN,
    published: normaliseSourceDate(pick("date")) ?? UNKNOWN,
    type: TYPE_OF_FORMAT[source.format] ?? "document",
    format: source.format,
  };
}

/**
 * Lays a source's blocks out as passages (lib/text-model's PassageBuilder): its shallowest
 * heading level opens sections, deeper ones are sub-headings; an opening heading that repeats the
 * title is the title, not a passage; list, quote, footnote and page marks become the passages'
 * attributes; names the source marks are placed in the text. Pure.
 *
 * @param fallbackTitle the title when neither the form nor the file has one (the file's name);
 *   null for pasted text: then the opening words
 * @throws ImportFailure "empty" when no text is left, "too_large" over SOURCE_LIMITS.maxTextLength
 */
export function assembleSource(source: SourceDocument, overrides: SourceOverrides, fallbackTitle: string | null): AssembledSource {
  let blocks: SourceBlock[] = [];
  let length = 0;
  for (const block of source.blocks) {
    const text = squash(block.text);
    if (text === "") continue;
    length += text.length + 2;
    if (length > SOURCE_LIMITS.maxTextLength) {
      throw new ImportFailure("too_large", "The text is longer than Gloss keeps for one document (20 MB of text).");
    }
    // Marks keep their offsets only when the words were already normalised.
    blocks.push(text === block.text ? block : { ...block, text, mentions: undefined });
  }
  if (blocks.length === 0) throw new ImportFailure("empty", "The file holds no text to read.");

  const stated = overrides.title ?? source.metadata.title;
  let title = stated ? squash(stated) : "";
  const opening = blocks[0];
  if (opening.kind === "heading") {
    // The opening heading is the title when it repeats the stated one, or, with none stated, when
    // no other heading stands at its level or above (an h1 over h2 sections).
    const depth = opening.depth ?? 1;
    const peers = blocks.filter((b) => b.kind === "heading" && (b.depth ?? 1) <= depth).length;
    if (title !== "" ? sameWords(opening.text, title) : peers === 1) {
      title ||= opening.text;
      blocks = blocks.slice(1);
    }
  }
  const supplied = title === "";
  if (supplied) title = (fallbackTitle === null ? openingWords(blocks[0].text) : squash(fallbackTitle)) || "Untitled";
  if (blocks.length === 0) throw new ImportFailure("empty", "The file holds a title but no text.");

  const headingDepths = blocks.filter((b) => b.kind === "heading").map((b) => b.depth ?? 1);
  const sectionDepth = headingDepths.length > 0 ? Math.min(...headingDepths) : 1;
  const builder = new PassageBuilder();
  const names: MarkedName[] = [];
  for (const block of blocks) {
    const attrs: PassageAttrs = {};
    let sectionHeading = false;
    if (block.kind === "heading") {
      const depth = block.depth ?? 1;
      sectionHeading = depth === sectionDepth;
      attrs.depth = sectionHeading ? 2 : Math.min(6, depth - sectionDepth + 2);
      if (sectionHeading) builder.startSection();
    }
    if (block.list) attrs.list = block.list;
    if (block.quote !== undefined) attrs.quote = { index: block.quote };
    if (block.note !== undefined) attrs.note = block.note;
    const passage = builder.add(block.kind, block.text, attrs, { page: block.page }, sectionHeading);
    for (const mention of block.mentions ?? []) {
      if (mention.start < 0 || mention.end > block.text.length || mention.start >= mention.end) continue;
      names.push({
        start: passage.start + mention.start,
        end: passage.start + mention.end,
        exact: block.text.slice(mention.start, mention.end),
        kind: mention.kind,
        ...(mention.ref ? { ref: mention.ref } : {}),
        passageId: passage.id,
      });
    }
  }
  const metadata = sourceMetadata(source, overrides, { value: title, supplied });
  return { parsed: { metadata, passages: builder.passages, sections: builder.sections, text: builder.plainText }, names };
}

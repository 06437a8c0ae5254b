import { stringify } from "csv-stringify/sync";
import { z } from "zod";
import { inlineCollection } from "./collection";
import { entityUrl, userUrl } from "./iris";
import { toW3cAnnotation, type W3cAnnotation } from "./serialize-annotation";
import type { StoredAnnotation } from "../annotations/types";

/** The formats a document's annotations can be exported in. */
export const EXPORT_FORMATS = ["jsonld", "csv"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * Query parameters of an export: `?format=jsonld` (the default) or `?format=csv`, and
 * `creator=me` for the requester's own annotations only (without it, everything they may see).
 */
export const exportQuerySchema = z
  .object({ format: z.enum(EXPORT_FORMATS).default("jsonld"), creator: z.literal("me").optional() })
  .strict();
export type ExportQuery = z.infer<typeof exportQuerySchema>;

/** The media type of a CSV export. */
export const CSV_MEDIA_TYPE = "text/csv; charset=utf-8";

/** An annotation as an export reads it: the stored form, its passage and its version's hash. */
export type ExportedAnnotation = StoredAnnotation & { passageId: string; version: { hash: string } };

export interface ExportContext {
  /** The site's origin, e.g. "http://localhost:3000": ids are absolute URLs. */
  origin: string;
  slug: string;
  /** The document's title (the collection's label). */
  title: string;
  /** Only the requester's own annotations (`creator=me`). */
  mine?: boolean;
}

/** The export's address (the collection's id), as it was asked for. */
export const exportUrl = (origin: string, slug: string, format: ExportFormat, mine = false) =>
  `${origin}/api/documents/${encodeURIComponent(slug)}/annotations/export?format=${format}${mine ? "&creator=me" : ""}`;

/** The file name an export is saved as: `<slug>-annotations.jsonld` or `.csv` (`<slug>-my-annotations.…` for one's own). */
export const exportFileName = (slug: string, format: ExportFormat, mine = false) => `${slug}-${mine ? "my-" : ""}annotations.${format}`;

/**
 * The Content-Disposition of a download named `fileName`: the plain quoted form for an ASCII name
 * (what every slug Gloss makes is), plus the RFC 6266 `filename*` form when it is not.
 */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  if (ascii === fileName) return `attachment; filename="${fileName}"`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

const w3cOf = (annotation: ExportedAnnotation, context: ExportContext) =>
  toW3cAnnotation(annotation, { origin: context.origin, documentSlug: context.slug, version: annotation.version.hash });

/**
 * A W3C AnnotationCollection holding every annotation inline, in one AnnotationPage. Each item
 * keeps its own `@context`, so it stands alone (and is what a POST create would accept back).
 */
export function exportCollection(annotations: ExportedAnnotation[], context: ExportContext) {
  const id = exportUrl(context.origin, context.slug, "jsonld", context.mine);
  const label = `${context.mine ? "Your annotations" : "Annotations"} on ${context.title}`;
  return inlineCollection(annotations, { id, label, origin: context.origin, slug: context.slug });
}

/** The columns of a CSV export, in order (its header row). */
export const CSV_COLUMNS = [
  "id",
  "motivation",
  "exact",
  "prefix",
  "suffix",
  "start",
  "end",
  "passage_id",
  "body_text",
  "entity",
  "claim",
  "stance",
  "visibility",
  "state",
  "created",
  "modified",
  "creator",
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** The text of an annotation's TextualBody bodies, one per line. */
function bodyText(w3c: W3cAnnotation): string {
  const bodies = "body" in w3c ? (Array.isArray(w3c.body) ? w3c.body : [w3c.body]) : [];
  return bodies
    .filter((b): b is Record<string, string> => !!b && b.type === "TextualBody" && typeof b.value === "string")
    .map((b) => b.value)
    .join("\n");
}

/** One annotation as a CSV record (column name to cell). */
export function csvRecord(annotation: ExportedAnnotation, context: ExportContext): Record<CsvColumn, string | number> {
  const w3c = w3cOf(annotation, context);
  const own = w3c as { claim?: string; stance?: string };
  return {
    id: w3c.id,
    motivation: annotation.motivation,
    exact: annotation.exact,
    prefix: annotation.prefix,
    suffix: annotation.suffix,
    start: annotation.start,
    end: annotation.end,
    passage_id: annotation.passageId,
    body_text: bodyText(w3c),
    entity: annotation.entityId ? entityUrl(context.origin, annotation.entityId) : "",
    claim: own.claim ?? "",
    stance: own.stance ?? "",
    visibility: annotation.visibility,
    state: annotation.state,
    created: annotation.created.toISOString(),
    modified: annotation.modified.toISOString(),
    creator: annotation.creatorId ? userUrl(context.origin, annotation.creatorId) : "",
  };
}

/**
 * The annotations as CSV (RFC 4180: CRLF line ends, cells with a comma, quote or line break
 * quoted, quotes doubled; UTF-8 without a byte order mark), with a header row of CSV_COLUMNS.
 *
 * Spreadsheet formula injection: a text cell beginning with = + - @ (or a tab or carriage return,
 * or their full-width forms) would be run as a formula by a spreadsheet that opens the file, so it
 * is written with a leading apostrophe (csv-stringify's `escape_formulas`). Numbers are left as
 * they are.
 */
export function exportCsv(annotations: ExportedAnnotation[], context: ExportContext): string {
  return stringify(
    annotations.map((a) => csvRecord(a, context)),
    {
      header: true,
      columns: [...CSV_COLUMNS],
      record_delimiter: "windows",
      // With CRLF records the library quotes only cells holding a whole CRLF: quote any line break.
      quoted_match: /[\r\n]/,
      escape_formulas: true,
    },
  );
}

import { z } from "zod";

const UNKNOWN = "unknown";
const unknownOr = <T extends z.ZodType>(schema: T) => z.union([z.literal(UNKNOWN), schema]);

/** YAML reads `published: 1945` as a number and `2020-01-02` as a date: take both as text. */
const asText = (value: unknown) =>
  typeof value === "number" ? String(value) : value instanceof Date ? value.toISOString().slice(0, 10) : value;

/** A date of year, month or day precision: YYYY, YYYY-MM or YYYY-MM-DD, checked for range. */
const isoDate = z.preprocess(
  asText,
  z.string().refine((value) => {
    const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
    if (!match) return false;
    const [, year, month, day] = match.map(Number);
    if (match[2] && (month < 1 || month > 12)) return false;
    if (match[3]) {
      const date = new Date(Date.UTC(year, month - 1, day));
      return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
    }
    return true;
  }, 'expected a date as YYYY, YYYY-MM or YYYY-MM-DD, or "unknown"'),
);

/** An absolute http(s) address. */
const webUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) address, or "unknown"' });

/**
 * The frontmatter of a content file. Citation fields whose value is not known say "unknown":
 * an edition states what it does not know rather than guessing.
 */
export const documentMetadataSchema = z
  .object({
    title: z.preprocess(asText, z.string().trim().min(1)),
    /** True when the title is the editor's, not the source's. */
    titleSupplied: z.boolean().optional(),
    language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "a BCP 47 language tag such as en or ug-Arab"),
    author: z.string().trim().min(1),
    /** Imported sources: the authors one by one, as a person writes them (`author` joins them). */
    authors: z.array(z.string().trim().min(1)).optional(),
    publisher: z.string().trim().min(1),
    url: unknownOr(webUrl),
    published: unknownOr(isoDate),
    modified: unknownOr(isoDate).optional(),
    accessed: unknownOr(isoDate).optional(),
    type: z.enum(["webpage", "article", "book", "chapter", "report", "document"]).default("webpage"),
    editorialNote: z.string().trim().min(1).optional(),
    /** Imported sources: the format the text was read from (lib/sources). */
    format: z.string().optional(),
  })
  .strict();

export type DocumentMetadata = z.infer<typeof documentMetadataSchema>;

/** True when a metadata value is present and not stated as unknown. */
export function isKnown(value: string | undefined): value is string {
  return value !== undefined && value !== UNKNOWN;
}

import { z } from "zod";

const UNKNOWN = "unknown";
const unknownOr = <T extends z.ZodType>(schema: T) => z.union([z.literal(UNKNOWN), schema]);
const isoDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date as YYYY, YYYY-MM or YYYY-MM-DD, or "unknown"');

/**
 * The frontmatter of a content file. Citation fields whose value is not known say "unknown":
 * an edition states what it does not know rather than guessing.
 */
export const documentMetadataSchema = z
  .object({
    title: z.string().trim().min(1),
    /** True when the title is the editor's, not the source's. */
    titleSupplied: z.boolean().optional(),
    language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "a BCP 47 language tag such as en or ug-Arab"),
    author: z.string().trim().min(1),
    publisher: z.string().trim().min(1),
    url: unknownOr(z.url()),
    published: unknownOr(isoDate),
    modified: unknownOr(isoDate).optional(),
    accessed: unknownOr(isoDate).optional(),
    type: z.enum(["webpage", "article", "book", "chapter", "report", "document"]).default("webpage"),
    editorialNote: z.string().trim().min(1).optional(),
  })
  .strict();

export type DocumentMetadata = z.infer<typeof documentMetadataSchema>;

/** True when a metadata value is present and not stated as unknown. */
export function isKnown(value: string | undefined): value is string {
  return value !== undefined && value !== UNKNOWN;
}

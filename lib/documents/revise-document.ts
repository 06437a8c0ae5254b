import { z } from "zod";
import type { SessionUser } from "../auth";
import { DomainError } from "../errors";
import type { PrismaClient } from "../generated/prisma/client";
import { sourceMetadata } from "../sources/assemble-source";
import type { SourceFormat } from "../sources/source-document";
import type { DocumentMetadata } from "../text-model/metadata";
import { storableText } from "../validation/text";
import { canReviseDocument, canSeeDocument, type Viewer } from "./visibility";

/** `PATCH /api/documents/:slug`: its visibility (editors), or its metadata corrected (owner, or an editor when public). */
export const documentPatchSchema = z
  .object({
    visibility: z.enum(["public", "private"]).optional(),
    title: storableText(500).trim().min(1).optional(),
    authors: z.array(storableText(200).trim().min(1)).max(50).optional(),
    date: z
      .string()
      .trim()
      .regex(/^(\d{4}(-\d{2}(-\d{2})?)?)?$/, "a date as YYYY, YYYY-MM or YYYY-MM-DD, or empty")
      .optional(),
    publisher: storableText(500).trim().optional(),
    url: z.union([z.literal(""), z.url({ protocol: /^https?$/ }).max(2000)]).optional(),
    language: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/, "a BCP 47 tag such as en or ug-Arab")
      .optional(),
  })
  .strict()
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), "give at least one field to change");
export type DocumentPatch = z.infer<typeof documentPatchSchema>;

const notFound = (slug: string) => new DomainError("not_found", `No document "${slug}".`);

/**
 * The document `slug` as one that `user` may add a version to or correct: not found when they
 * cannot see it (exactly as for an unknown slug), forbidden when they can but may not change it.
 */
export async function findRevisableDocument(db: PrismaClient, slug: string, user: SessionUser) {
  const document = await db.document.findUnique({
    where: { slug },
    select: { id: true, slug: true, visibility: true, ownerId: true, currentVersionId: true },
  });
  if (!document || !document.currentVersionId || !canSeeDocument(document, user)) throw notFound(slug);
  if (!canReviseDocument(document, user)) {
    throw new DomainError(
      "forbidden",
      document.ownerId === null
        ? "An edition of the content folder changes only through its files."
        : "Only the document's owner, or an editor for a public document, can change it.",
    );
  }
  return document;
}

/**
 * Whether `viewer` may add a version to the document `slug` and correct its metadata (pages offer
 * the forms only then): false for a document they cannot see, as for an unknown one.
 */
export async function mayReviseDocument(db: PrismaClient, slug: string, viewer: Viewer): Promise<boolean> {
  if (!viewer) return false;
  const document = await db.document.findUnique({ where: { slug }, select: { visibility: true, ownerId: true, currentVersionId: true } });
  return !!document?.currentVersionId && canReviseDocument(document, viewer);
}

/**
 * Changes a document's visibility or corrects its metadata. Only an editor may make a document
 * public (sources.md); its owner may make it private again. Metadata goes onto the document and
 * its current version (citations read it there); an emptied field becomes "unknown".
 */
export async function reviseDocument(db: PrismaClient, slug: string, user: SessionUser, patch: DocumentPatch): Promise<void> {
  const document = await db.document.findUnique({
    where: { slug },
    select: { id: true, visibility: true, ownerId: true, format: true, currentVersion: { select: { id: true, metadata: true } } },
  });
  if (!document?.currentVersion || !canSeeDocument(document, user)) throw notFound(slug);
  if (patch.visibility !== undefined && patch.visibility !== document.visibility) {
    if (document.ownerId === null) throw new DomainError("forbidden", "An edition of the content folder is always public.");
    if (patch.visibility === "public" && user.role !== "editor")
      throw new DomainError("forbidden", "Only an editor can make a document public.");
    if (patch.visibility === "private" && user.role !== "editor" && document.ownerId !== user.id) {
      throw new DomainError("forbidden", "Only the owner or an editor can make a document private.");
    }
  }
  const { visibility, ...fields } = patch;
  const changesMetadata = Object.values(fields).some((v) => v !== undefined);
  if (changesMetadata && !canReviseDocument(document, user)) {
    throw new DomainError("forbidden", "Only the document's owner, or an editor for a public document, can correct its metadata.");
  }
  let metadata = document.currentVersion.metadata as DocumentMetadata;
  if (changesMetadata) {
    const authors = fields.authors ?? metadata.authors ?? (metadata.author !== "unknown" ? metadata.author.split("; ") : []);
    const title = fields.title ?? metadata.title;
    const corrected = sourceMetadata(
      {
        format: (metadata.format ?? document.format) as SourceFormat,
        blocks: [],
        metadata: {
          title,
          authors,
          date: fields.date ?? (metadata.published !== "unknown" ? metadata.published : undefined),
          publisher: fields.publisher ?? (metadata.publisher !== "unknown" ? metadata.publisher : undefined),
          url: fields.url ?? (metadata.url !== "unknown" ? metadata.url : undefined),
          language: fields.language ?? metadata.language,
        },
      },
      {},
      { value: title, supplied: fields.title === undefined && metadata.titleSupplied === true },
    );
    metadata = { ...metadata, ...corrected, ...(corrected.authors ? {} : { authors: undefined }) };
  }
  await db.$transaction([
    db.document.update({
      where: { id: document.id },
      data: {
        ...(visibility ? { visibility } : {}),
        ...(changesMetadata ? { title: metadata.title, language: metadata.language, metadata } : {}),
      },
    }),
    ...(changesMetadata
      ? [db.documentVersion.update({ where: { id: document.currentVersion.id }, data: { title: metadata.title, metadata } })]
      : []),
  ]);
}

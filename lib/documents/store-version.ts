import type { Prisma } from "../generated/prisma/client";
import type { ParsedDocument } from "../text-model/parse-document";
import type { ContentFiles } from "./content-files";
import { reanchorDocumentAnnotations, type ReanchorReport } from "./reanchor-annotations";

/** What happened to a document's text in an import. */
export type ImportStatus = "created" | "updated" | "unchanged" | "restored";

/** A document and the version of it an import makes current. */
export interface StoredVersion {
  document: { id: string; entitiesHash: string | null; claimsHash: string | null };
  version: { id: string; hash: string; number: number };
  status: ImportStatus;
  /** When the text changed: what became of the annotations made on the version before. */
  reanchoring?: ReanchorReport;
}

/**
 * Stores the text as a version of its document, inside the import's transaction: the document is
 * made if new; a text it had before is that version again (`restored`), new text a new version
 * with its passages. The annotations of the version that was current then follow their words to
 * it (the curated ones too, unless `derivesCurated`: they are made anew from their files).
 * Does not make the version current (see importDocument).
 */
export async function storeVersion(
  tx: Prisma.TransactionClient,
  files: ContentFiles,
  parsed: ParsedDocument,
  derivesCurated: boolean,
): Promise<StoredVersion> {
  const { slug, hash } = files;
  const { metadata } = parsed;
  const document = await tx.document.upsert({
    where: { slug },
    create: { slug, title: metadata.title, language: metadata.language, metadata },
    update: {},
    include: { currentVersion: true },
  });
  let version = await tx.documentVersion.findUnique({ where: { documentId_hash: { documentId: document.id, hash } } });
  const status: ImportStatus =
    document.currentVersion?.hash === hash ? "unchanged" : version ? "restored" : document.currentVersion ? "updated" : "created";
  if (!version) {
    const last = await tx.documentVersion.aggregate({ where: { documentId: document.id }, _max: { number: true } });
    version = await tx.documentVersion.create({
      data: {
        documentId: document.id,
        number: (last._max.number ?? 0) + 1,
        hash,
        sourcePath: files.displayPath,
        source: files.source,
        text: parsed.text,
        title: metadata.title,
        metadata,
      },
    });
    const versionId = version.id;
    await tx.passage.createMany({
      data: parsed.passages.map((p) => ({
        versionId,
        anchor: p.id,
        label: p.label,
        kind: p.kind,
        ordinal: p.ordinal,
        section: p.section,
        paragraph: p.paragraph,
        start: p.start,
        end: p.end,
        text: p.text,
        attrs: p.attrs as object,
        page: p.page ?? null,
      })),
    });
  }

  // New text: every annotation follows its words to the new version, or is orphaned.
  let reanchoring: ReanchorReport | undefined;
  const previous = document.currentVersion;
  if (previous && previous.id !== version.id) {
    const passages = await tx.passage.findMany({
      where: { versionId: version.id },
      orderBy: { ordinal: "asc" },
      select: { anchor: true, start: true, end: true },
    });
    reanchoring = await reanchorDocumentAnnotations(tx, document.id, previous, { ...version, passages }, derivesCurated);
  }
  return { document, version, status, ...(reanchoring ? { reanchoring } : {}) };
}

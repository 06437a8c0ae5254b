import type { AnchorableVersion } from "../anchoring/anchor";
import { getDb } from "../db";
import { DomainError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import type { PassageAttrs, PassageKind } from "../text-model/types";
import { isKnown, type DocumentMetadata } from "../text-model/metadata";
import { visibleDocumentWhere, type Viewer } from "./visibility";

/** A document as the library lists it. */
export interface DocumentSummary {
  slug: string;
  title: string;
  language: string;
  version: string;
  versionNumber: number;
  passageCount: number;
  metadata: DocumentMetadata;
  updatedAt: Date;
}

/** A passage as pages and the API serve it. */
export interface PassageView {
  id: string;
  label: string;
  kind: PassageKind;
  section: number;
  paragraph: number;
  start: number;
  end: number;
  text: string;
  attrs: PassageAttrs;
  /** Paged sources: the page the passage starts on. */
  page?: number;
}

/** The current version of a document with its passages in reading order. */
export interface DocumentView {
  slug: string;
  /** public, or private: its owner's alone. */
  visibility: "public" | "private";
  /** The format its text was read from: markdown for the editions, else an import's. */
  format: string;
  title: string;
  language: string;
  metadata: DocumentMetadata;
  version: string;
  versionNumber: number;
  importedAt: Date;
  text: string;
  passages: PassageView[];
}

/**
 * The document `slug` as `viewer` may see it (a public one, or their own private one), with its
 * current version, read with `select`; null when there is none, which is all anyone but its owner
 * ever learns of a private document. Every lookup of a document by slug goes through here.
 */
export async function findVisibleDocument<S extends Prisma.DocumentSelect>(
  slug: string,
  viewer: Viewer,
  select: S,
): Promise<Prisma.DocumentGetPayload<{ select: S }> | null> {
  return (await getDb().document.findFirst({
    where: { slug, currentVersionId: { not: null }, ...visibleDocumentWhere(viewer) },
    select,
  })) as Prisma.DocumentGetPayload<{ select: S }> | null;
}

/** Every document `viewer` can see that has a current version (the public ones and their own), by title. */
export async function listDocuments(viewer: Viewer): Promise<DocumentSummary[]> {
  const documents = await getDb().document.findMany({
    where: { currentVersionId: { not: null }, ...visibleDocumentWhere(viewer) },
    orderBy: { title: "asc" },
    include: { currentVersion: { select: { hash: true, number: true, _count: { select: { passages: true } } } } },
  });
  return documents.map((d) => ({
    slug: d.slug,
    title: d.title,
    language: d.language,
    version: d.currentVersion!.hash,
    versionNumber: d.currentVersion!.number,
    passageCount: d.currentVersion!._count.passages,
    metadata: d.metadata as DocumentMetadata,
    updatedAt: d.updatedAt,
  }));
}

/** The current version of the document `slug` as `viewer` may see it, or null when there is none. */
export async function getDocument(slug: string, viewer: Viewer): Promise<DocumentView | null> {
  const document = await findVisibleDocument(slug, viewer, {
    slug: true,
    language: true,
    visibility: true,
    format: true,
    currentVersion: { include: { passages: { orderBy: { ordinal: "asc" } } } },
  });
  const version = document?.currentVersion;
  if (!document || !version) return null;
  return {
    slug: document.slug,
    visibility: document.visibility,
    format: document.format,
    title: version.title,
    language: document.language,
    metadata: version.metadata as DocumentMetadata,
    version: version.hash,
    versionNumber: version.number,
    importedAt: version.createdAt,
    text: version.text,
    passages: version.passages.map(passageView),
  };
}

/** A stored passage as pages and the API show it (its public id is its anchor). */
export function passageView(p: {
  anchor: string;
  label: string;
  kind: PassageView["kind"];
  section: number;
  paragraph: number;
  start: number;
  end: number;
  text: string;
  attrs: unknown;
  page?: number | null;
}): PassageView {
  return {
    id: p.anchor,
    label: p.label,
    kind: p.kind,
    section: p.section,
    paragraph: p.paragraph,
    start: p.start,
    end: p.end,
    text: p.text,
    attrs: p.attrs as PassageAttrs,
    ...(p.page ? { page: p.page } : {}),
  };
}

/** The labels of passages named by version and anchor, keyed `"<versionId> <anchor>"` (one query). */
export async function passageLabels(refs: Array<{ versionId: string; passageId: string }>): Promise<Map<string, string>> {
  if (refs.length === 0) return new Map();
  const passages = await getDb().passage.findMany({
    where: { OR: refs.map((r) => ({ versionId: r.versionId, anchor: r.passageId })) },
    select: { versionId: true, anchor: true, label: true },
  });
  return new Map(passages.map((p) => [`${p.versionId} ${p.anchor}`, p.label]));
}

/** The refusal for a document that does not exist (or has no version yet, or is someone else's private one). */
export const noSuchDocument = (slug: string) => new DomainError("not_found", `No document "${slug}".`);

/**
 * The document `slug` and its current version as anchoring reads it (text and passages), for
 * placing new annotations and evidence on it; refused as not_found when there is none.
 */
export async function versionToAnchorOn(
  slug: string,
  viewer: Viewer,
): Promise<{ documentId: string; version: AnchorableVersion & { hash: string } }> {
  const document = await findVisibleDocument(slug, viewer, {
    id: true,
    currentVersion: {
      select: {
        id: true,
        hash: true,
        text: true,
        passages: { select: { anchor: true, start: true, end: true }, orderBy: { ordinal: "asc" } },
      },
    },
  });
  if (!document?.currentVersion) throw noSuchDocument(slug);
  return { documentId: document.id, version: document.currentVersion };
}

/**
 * How a response about `document` may be cached: a public one by anyone, revalidated each time; a
 * private one by its owner's browser alone, and not kept (a shared cache must never hold it).
 */
export const cacheControlOf = (document: { visibility: string }) =>
  document.visibility === "public" ? "public, max-age=0, must-revalidate" : "private, no-store";

/** A document as `GET /api/documents` lists it. */
export const documentSummaryJson = (d: DocumentSummary) => ({
  slug: d.slug,
  title: d.title,
  language: d.language,
  version: d.version,
  versionNumber: d.versionNumber,
  passageCount: d.passageCount,
  url: `/documents/${d.slug}`,
});

/** A document as `GET /api/documents/:slug` serves it: the current version's metadata, plain text and passages. */
export const documentJson = (document: DocumentView) => {
  const { metadata } = document;
  return {
    slug: document.slug,
    title: document.title,
    // The edition's fields as its frontmatter has them, and the contract's for every source
    // (sources.md): authors one by one, the date, the format read, the visibility.
    metadata: {
      ...metadata,
      authors: metadata.authors ?? (isKnown(metadata.author) ? metadata.author.split(/\s*;\s*/) : []),
      date: isKnown(metadata.published) ? metadata.published : null,
      format: document.format,
      visibility: document.visibility,
    },
    version: document.version,
    text: document.text,
    passages: document.passages.map(({ id, label, kind, start, end, page }) => ({
      id,
      label,
      kind,
      start,
      end,
      ...(page ? { page } : {}),
    })),
  };
};

import type { AnchorableVersion } from "../anchoring/anchor";
import { getDb } from "../db";
import { DomainError } from "../errors";
import type { PassageAttrs, PassageKind } from "../text-model/types";
import type { DocumentMetadata } from "../text-model/metadata";

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
}

/** The current version of a document with its passages in reading order. */
export interface DocumentView {
  slug: string;
  title: string;
  language: string;
  metadata: DocumentMetadata;
  version: string;
  versionNumber: number;
  importedAt: Date;
  text: string;
  passages: PassageView[];
}

/** Every document that has a current version, by title. */
export async function listDocuments(): Promise<DocumentSummary[]> {
  const documents = await getDb().document.findMany({
    where: { currentVersionId: { not: null } },
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

/** The current version of the document `slug`, or null when there is none. */
export async function getDocument(slug: string): Promise<DocumentView | null> {
  const document = await getDb().document.findUnique({
    where: { slug },
    include: { currentVersion: { include: { passages: { orderBy: { ordinal: "asc" } } } } },
  });
  const version = document?.currentVersion;
  if (!document || !version) return null;
  return {
    slug: document.slug,
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

/** The refusal for a document that does not exist (or has no version yet). */
export const noSuchDocument = (slug: string) => new DomainError("not_found", `No document "${slug}".`);

/**
 * The document `slug` and its current version as anchoring reads it (text and passages), for
 * placing new annotations and evidence on it; refused as not_found when there is none.
 */
export async function versionToAnchorOn(slug: string): Promise<{ documentId: string; version: AnchorableVersion & { hash: string } }> {
  const document = await getDb().document.findUnique({
    where: { slug },
    select: {
      id: true,
      currentVersion: {
        select: {
          id: true,
          hash: true,
          text: true,
          passages: { select: { anchor: true, start: true, end: true }, orderBy: { ordinal: "asc" } },
        },
      },
    },
  });
  if (!document?.currentVersion) throw noSuchDocument(slug);
  return { documentId: document.id, version: document.currentVersion };
}

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
export const documentJson = (document: DocumentView) => ({
  slug: document.slug,
  title: document.title,
  metadata: document.metadata,
  version: document.version,
  text: document.text,
  passages: document.passages.map(({ id, label, kind, start, end }) => ({ id, label, kind, start, end })),
});

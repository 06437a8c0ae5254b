import { getDb } from "../db";
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

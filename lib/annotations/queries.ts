import type { AnchorState } from "../anchoring/anchor-state";
import { getDb } from "../db";
import type { StoredAnnotation } from "./types";

/** Which of a document's annotations a list holds: one page (from 0) of those with a motivation, a state, words overlapping [start, end) of the current text. */
export interface AnnotationFilter {
  page?: number;
  motivation?: string;
  state?: AnchorState;
  start?: number;
  end?: number;
}

/** Annotations one page of a document's list holds. */
export const PAGE_SIZE = 200;

const select = {
  id: true,
  motivation: true,
  entityId: true,
  exact: true,
  prefix: true,
  suffix: true,
  start: true,
  end: true,
  state: true,
  visibility: true,
  created: true,
  modified: true,
  body: true,
  creatorId: true,
  creator: { select: { name: true } },
  replyToId: true,
  stance: true,
  claim: { select: { id: true, statement: true } },
  conflict: { select: { id: true, reason: true } },
  version: { select: { hash: true } },
  priorExact: true,
  madeOnVersion: { select: { hash: true } },
  canonical: true,
  via: true,
} as const;

/** An annotation as the lists read it: with the hash of the version its selectors refer to. */
type Row = StoredAnnotation & { version: { hash: string } };

/**
 * Who may see an annotation: everyone its public ones, its author the private ones too. Nobody
 * else sees a private annotation, editors included.
 */
export function visibleTo(viewerId: string | null | undefined) {
  return viewerId
    ? { OR: [{ visibility: "public" as const }, { visibility: "private" as const, creatorId: viewerId }] }
    : { visibility: "public" as const };
}

/**
 * One page of the annotations on a document `viewerId` may see (the public ones and their own
 * private ones), in text order, with the total; null when the document does not exist.
 */
export async function listDocumentAnnotations(slug: string, query: AnnotationFilter, viewerId?: string | null) {
  const db = getDb();
  const document = await db.document.findUnique({
    where: { slug },
    select: { id: true, title: true, currentVersion: { select: { id: true, hash: true } } },
  });
  if (!document?.currentVersion) return null;
  const where = {
    documentId: document.id,
    ...visibleTo(viewerId),
    ...(query.motivation ? { motivation: query.motivation } : {}),
    ...(query.state ? { state: query.state } : {}),
    ...(query.start !== undefined && query.end !== undefined
      ? {
          versionId: document.currentVersion.id,
          AND: [{ state: { not: "orphaned" as const } }, { start: { lt: query.end } }, { end: { gt: query.start } }],
        }
      : {}),
  };
  const page = query.page ?? 0;
  const [summary, rows] = await Promise.all([
    db.annotation.aggregate({ where, _count: true, _max: { modified: true }, _sum: { start: true, end: true } }),
    db.annotation.findMany({
      where,
      orderBy: [{ start: "asc" }, { end: "asc" }, { id: "asc" }],
      skip: page * PAGE_SIZE,
      take: PAGE_SIZE,
      select,
    }),
  ]);
  // What changes whenever an annotation in the list does (one is added, removed, edited, made
  // private or public, or re-anchored), computed over what the viewer may see only: with the
  // representation, it makes the container's ETag.
  const fingerprint = [
    summary._count,
    summary._max.modified?.toISOString() ?? "",
    summary._sum.start ?? 0,
    summary._sum.end ?? 0,
    document.currentVersion.hash,
  ].join(" ");
  return { title: document.title, version: document.currentVersion.hash, total: summary._count, page, items: rows as Row[], fingerprint };
}

/**
 * One annotation `viewerId` may see (public, or private and theirs) with its document's slug and
 * the version its selectors refer to; null otherwise.
 */
export async function getAnnotation(id: string, viewerId?: string | null) {
  const row = await getDb().annotation.findUnique({
    where: { id },
    select: { ...select, document: { select: { slug: true } } },
  });
  if (!row || (row.visibility !== "public" && (!viewerId || row.creatorId !== viewerId))) return null;
  return row as Row & { document: { slug: string } };
}

/**
 * Every annotation on a document `viewerId` may see (as listDocumentAnnotations, unpaged), in text
 * order, each with the passage it lies in; null when the document does not exist. For exports.
 * With `onlyTheirs`, only the annotations `viewerId` made (none without a viewer).
 */
export async function allDocumentAnnotations(slug: string, viewerId?: string | null, options: { onlyTheirs?: boolean } = {}) {
  const db = getDb();
  const document = await db.document.findUnique({
    where: { slug },
    select: { id: true, title: true, currentVersion: { select: { hash: true } } },
  });
  if (!document?.currentVersion) return null;
  const rows = await db.annotation.findMany({
    where: { documentId: document.id, ...visibleTo(viewerId), ...(options.onlyTheirs ? { creatorId: viewerId ?? "" } : {}) },
    orderBy: [{ start: "asc" }, { end: "asc" }, { id: "asc" }],
    select: { ...select, passageId: true },
  });
  return { title: document.title, version: document.currentVersion.hash, items: rows as Array<Row & { passageId: string }> };
}

/** The plain text of a document's current version, or null when there is no such document. */
export async function currentDocumentText(slug: string): Promise<string | null> {
  const document = await getDb().document.findUnique({
    where: { slug },
    select: { currentVersion: { select: { text: true } } },
  });
  return document?.currentVersion?.text ?? null;
}

import type { AnchorState } from "../anchoring/anchor-state";
import { getDb } from "../db";
import { findVisibleDocument } from "../documents/queries";
import { visibleDocumentWhere, type Viewer } from "../documents/visibility";
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
 * else sees a private annotation, editors included. And an annotation follows its document: none
 * on a document the viewer cannot see (someone else's private one) is seen, whoever made it.
 */
export function visibleTo(viewer: Viewer) {
  return {
    ...(viewer
      ? { OR: [{ visibility: "public" as const }, { visibility: "private" as const, creatorId: viewer.id }] }
      : { visibility: "public" as const }),
    document: visibleDocumentWhere(viewer),
  };
}

/**
 * One page of the annotations on a document `viewer` may see (the public ones and their own
 * private ones), in text order, with the total; null when they cannot see the document.
 */
export async function listDocumentAnnotations(slug: string, query: AnnotationFilter, viewer: Viewer) {
  const db = getDb();
  const document = await findVisibleDocument(slug, viewer, {
    id: true,
    title: true,
    currentVersion: { select: { id: true, hash: true } },
  });
  if (!document?.currentVersion) return null;
  const where = {
    documentId: document.id,
    ...visibleTo(viewer),
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
 * One annotation `viewer` may see (public, or private and theirs, on a document they can see) with
 * its document's slug and the version its selectors refer to; null otherwise.
 */
export async function getAnnotation(id: string, viewer: Viewer) {
  const row = await getDb().annotation.findFirst({
    where: { id, ...visibleTo(viewer) },
    select: { ...select, document: { select: { slug: true } } },
  });
  return row as (Row & { document: { slug: string } }) | null;
}

/**
 * An annotation as stored, whoever may see it, for answering the write that has just changed it
 * (an editor's change may make another reader's note private: it is still answered).
 */
export async function writtenAnnotation(id: string) {
  const row = await getDb().annotation.findUniqueOrThrow({ where: { id }, select: { ...select, document: { select: { slug: true } } } });
  return row as Row & { document: { slug: string } };
}

/**
 * Every annotation on a document `viewer` may see (as listDocumentAnnotations, unpaged), in text
 * order, each with the passage it lies in; null when they cannot see the document. For exports.
 * With `onlyTheirs`, only the annotations `viewer` made (none without a viewer).
 */
export async function allDocumentAnnotations(slug: string, viewer: Viewer, options: { onlyTheirs?: boolean } = {}) {
  const db = getDb();
  const document = await findVisibleDocument(slug, viewer, { id: true, title: true, currentVersion: { select: { hash: true } } });
  if (!document?.currentVersion) return null;
  const rows = await db.annotation.findMany({
    where: { documentId: document.id, ...visibleTo(viewer), ...(options.onlyTheirs ? { creatorId: viewer?.id ?? "" } : {}) },
    orderBy: [{ start: "asc" }, { end: "asc" }, { id: "asc" }],
    select: { ...select, passageId: true },
  });
  return { title: document.title, version: document.currentVersion.hash, items: rows as Array<Row & { passageId: string }> };
}

/** The plain text of a document's current version as `viewer` may see it, or null when there is no such document. */
export async function currentDocumentText(slug: string, viewer: Viewer): Promise<string | null> {
  const document = await findVisibleDocument(slug, viewer, { currentVersion: { select: { text: true } } });
  return document?.currentVersion?.text ?? null;
}

import type { AnchorState } from "../anchoring/anchor-state";
import { getDb } from "../db";
import type { Viewer } from "../documents/visibility";
import { passageLabels } from "../documents/queries";
import { bodyText } from "./stored-body";
import { visibleTo } from "./queries";
import { annotationEtag } from "./annotation-etag";

/** Most items the queue shows at once (the oldest versions' first). */
export const ANCHOR_QUEUE_LIMIT = 200;

/**
 * The editors' queue of anchors the text's changes left uncertain: orphans (their words are gone)
 * and fuzzy anchors (placed on near-equal words), not yet reviewed, that `viewer` may see (public
 * ones and their own private ones, on documents they can see: none on another's private document). Replies follow their thread and are not listed. Each item has
 * what an editor needs to decide: what the annotation is, its last words with their context, the
 * version and passage they were in, and, for a fuzzy one, the words it was on before.
 */
export async function anchorQueue(viewer: NonNullable<Viewer>) {
  const db = getDb();
  const where = { state: { in: ["fuzzy" as const, "orphaned" as const] }, reviewedAt: null, replyToId: null, ...visibleTo(viewer) };
  const [total, rows] = await Promise.all([
    db.annotation.count({ where }),
    db.annotation.findMany({
      where,
      orderBy: [{ documentId: "asc" }, { state: "desc" }, { start: "asc" }, { id: "asc" }],
      take: ANCHOR_QUEUE_LIMIT,
      select: {
        id: true,
        state: true,
        motivation: true,
        origin: true,
        exact: true,
        prefix: true,
        suffix: true,
        priorExact: true,
        passageId: true,
        versionId: true,
        modified: true,
        body: true,
        entity: { select: { id: true, name: true } },
        claim: { select: { id: true, statement: true } },
        conflict: { select: { reason: true } },
        creator: { select: { id: true, name: true } },
        version: { select: { number: true, hash: true } },
        document: { select: { slug: true, title: true, currentVersion: { select: { number: true } } } },
      },
    }),
  ]);
  const labels = await passageLabels(rows);
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      state: r.state as Extract<AnchorState, "fuzzy" | "orphaned">,
      motivation: r.motivation,
      origin: r.origin,
      exact: r.exact,
      prefix: r.prefix,
      suffix: r.suffix,
      priorExact: r.priorExact,
      etag: annotationEtag(r),
      what: r.entity
        ? { kind: "entity" as const, id: r.entity.id, text: r.entity.name }
        : r.claim
          ? { kind: "claim" as const, id: r.claim.id, text: r.claim.statement }
          : r.conflict
            ? { kind: "conflict" as const, id: null, text: r.conflict.reason }
            : { kind: "note" as const, id: null, text: bodyText(r.body) },
      author: r.creator,
      document: { slug: r.document.slug, title: r.document.title, currentVersion: r.document.currentVersion?.number ?? null },
      version: r.version,
      passage: { id: r.passageId, label: labels.get(`${r.versionId} ${r.passageId}`) ?? r.passageId },
    })),
  };
}

import { getDb } from "../db";
import { passageLabels } from "../documents/queries";
import { visibleDocumentWhere, type Viewer } from "../documents/visibility";
import { bodyText } from "./stored-body";
import { annotationEtag } from "./annotation-etag";

/** Notes a moderation page shows at once. */
export const MODERATION_PAGE_SIZE = 50;

/** A reader's public annotation as editors review it. */
export interface ModerationItem {
  id: string;
  motivation: string;
  exact: string;
  text: string;
  created: Date;
  etag: string;
  author: { id: string; name: string } | null;
  document: { slug: string; title: string };
  passage: { id: string; label: string };
  replyTo: string | null;
}

/**
 * Readers' public annotations across every document `viewer` can see, newest first (private ones
 * are their author's alone, and a private document's notes its owner's: editors never see them),
 * with what an editor needs to judge and remove them.
 */
export async function recentPublicAnnotations(viewer: Viewer, page = 0): Promise<{ total: number; items: ModerationItem[] }> {
  const db = getDb();
  const where = { origin: "user", visibility: "public" as const, document: visibleDocumentWhere(viewer) };
  const [total, rows] = await Promise.all([
    db.annotation.count({ where }),
    db.annotation.findMany({
      where,
      orderBy: [{ created: "desc" }, { id: "asc" }],
      skip: page * MODERATION_PAGE_SIZE,
      take: MODERATION_PAGE_SIZE,
      select: {
        id: true,
        motivation: true,
        exact: true,
        body: true,
        created: true,
        modified: true,
        versionId: true,
        passageId: true,
        replyToId: true,
        entityId: true,
        creator: { select: { id: true, name: true } },
        document: { select: { slug: true, title: true } },
      },
    }),
  ]);
  const labels = await passageLabels(rows);
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      motivation: r.motivation,
      exact: r.exact,
      text: moderationText(r.body, r.entityId),
      created: r.created,
      etag: annotationEtag(r),
      author: r.creator,
      document: r.document,
      passage: { id: r.passageId, label: labels.get(`${r.versionId} ${r.passageId}`) ?? r.passageId },
      replyTo: r.replyToId,
    })),
  };
}

/** The words of an annotation's bodies, or the entity it identifies. */
const moderationText = (body: unknown, entityId: string | null) => (entityId ? `identifies ${entityId}` : bodyText(body));

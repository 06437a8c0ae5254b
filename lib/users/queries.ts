import { bodyText } from "../annotations/stored-body";
import { getDb } from "../db";
import { passageLabels } from "../documents/queries";
import { visibleDocumentWhere } from "../documents/visibility";

/** Most annotations a reader's page lists (newest first). */
export const PROFILE_ANNOTATIONS = 200;

/** One of a reader's public annotations, as their page lists it. */
export interface ProfileAnnotation {
  id: string;
  motivation: string;
  /** The quoted text (a reply's is its thread root's). */
  exact: string;
  /** The words of its TextualBody bodies; tags joined by commas. */
  text: string;
  /** The entity an identifying annotation names. */
  entity: { id: string; name: string } | null;
  /** For a reply: the annotation it answers. */
  replyTo: string | null;
  created: Date;
  document: { slug: string; title: string };
  passage: { id: string; label: string };
}

export interface Profile {
  id: string;
  name: string;
  /** How many public annotations the reader has made (the list stops at PROFILE_ANNOTATIONS). */
  total: number;
  annotations: ProfileAnnotation[];
}

/**
 * A reader as anyone may see them: their name and their public annotations on public documents,
 * newest first. Never their email, never a private annotation, and nothing of a private document
 * (not even to its owner: the page is the same for everyone). Null for an unknown id.
 */
export async function getProfile(id: string): Promise<Profile | null> {
  const db = getDb();
  const user = await db.user.findUnique({ where: { id }, select: { id: true, name: true } });
  if (!user) return null;
  const where = { creatorId: id, origin: "user", visibility: "public" as const, document: visibleDocumentWhere(null) };
  const [total, rows] = await Promise.all([
    db.annotation.count({ where }),
    db.annotation.findMany({
      where,
      orderBy: [{ created: "desc" }, { id: "asc" }],
      take: PROFILE_ANNOTATIONS,
      select: {
        id: true,
        motivation: true,
        exact: true,
        body: true,
        created: true,
        versionId: true,
        passageId: true,
        replyToId: true,
        entity: { select: { id: true, name: true } },
        document: { select: { slug: true, title: true } },
      },
    }),
  ]);
  const labels = await passageLabels(rows);
  return {
    id: user.id,
    name: user.name,
    total,
    annotations: rows.map((r) => ({
      id: r.id,
      motivation: r.motivation,
      exact: r.exact,
      text: bodyText(r.body),
      entity: r.entity,
      replyTo: r.replyToId,
      created: r.created,
      document: r.document,
      passage: { id: r.passageId, label: labels.get(`${r.versionId} ${r.passageId}`) ?? r.passageId },
    })),
  };
}

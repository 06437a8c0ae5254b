import { randomUUID } from "node:crypto";
import { recordWrite } from "../accounts/write-limit";
import type { SessionUser } from "../auth";
import { getDb } from "../db";
import { versionToAnchorOn } from "../documents/queries";
import { isUniqueViolation } from "../user-ids";
import { anchorTarget } from "./anchor-target";
import { checkLinkedEntity, newAnnotationRow, type NewAnnotationRow } from "./annotation-row";
import { writtenAnnotation } from "./queries";
import { replyThread } from "./reply-thread";
import { suggestedAnnotationId } from "./suggested-id";
import type { AnnotationDraft } from "./types";

/**
 * Creates a reader's annotation on document `slug`; returns it as getAnnotation does. A reply
 * joins the thread of the annotation it answers (and is private when that thread is); an
 * identifying annotation's entity must exist (invalid otherwise). `suggestedSlug` (a client's Slug
 * header, W3C Protocol 5.2) suggests the new id: it is taken when it makes a usable id no
 * annotation has (see suggestedAnnotationId), and a generated id otherwise.
 */
export async function createAnnotation(
  slug: string,
  user: SessionUser,
  draft: AnnotationDraft,
  options: { suggestedSlug?: string | null } = {},
) {
  const { documentId, version } = await versionToAnchorOn(slug, user);
  const suggested = suggestedAnnotationId(options.suggestedSlug ?? null);
  const free = suggested !== null && !(await getDb().annotation.findUnique({ where: { id: suggested }, select: { id: true } }));
  const id = free ? suggested : randomUUID();
  let row: NewAnnotationRow;
  if (draft.kind === "reply") {
    const root = await replyThread(documentId, user, draft.parentId);
    const visibility = root.visibility === "private" ? "private" : draft.visibility;
    row = newAnnotationRow(id, documentId, root.anchor, user.id, draft, { entityId: null, replyToId: root.id, visibility });
  } else {
    const anchor = anchorTarget(version, slug, draft.target);
    await checkLinkedEntity(draft.entityId, user);
    row = newAnnotationRow(id, documentId, anchor, user.id, draft, { entityId: draft.entityId });
  }
  const store = (data: NewAnnotationRow) => getDb().$transaction([getDb().annotation.create({ data }), recordWrite(user.id)]);
  try {
    await store(row);
  } catch (error) {
    // A concurrent create took the suggested id first: the suggestion falls back, as when taken.
    if (!(free && isUniqueViolation(error))) throw error;
    row = { ...row, id: randomUUID() };
    await store(row);
  }
  return writtenAnnotation(row.id);
}

import { recordWrite } from "../accounts/write-limit";
import type { SessionUser } from "../auth";
import { getDb } from "../db";
import { versionToAnchorOn } from "../documents/queries";
import { DomainError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { anchorTarget } from "./anchor-target";
import { nextModified } from "./annotation-etag";
import { bodyJson, checkLinkedEntity } from "./annotation-row";
import { writtenAnnotation } from "./queries";
import type { Precondition } from "../etag";
import type { AnnotationDraft, AnnotationRef } from "./types";
import { staleAnnotation, writableAnnotation } from "./writable-annotation";

const invalid = (message: string, details?: unknown) => new DomainError("invalid", message, details);

/**
 * Replaces body, motivation, visibility and target; returns the new state. A reply keeps its
 * motivation and its thread (its draft must answer the same root): only its body and visibility
 * change, and it stays private under a private root. An annotation with public replies by other
 * readers cannot become private (conflict: their replies would answer something no one else can
 * see); its author's own replies become private with it. Another reader's private reply does not
 * stop it and is not counted (its author alone may know of it: counting it would tell the root's
 * author it exists): it stays that reader's, private, answering a root they can no longer see,
 * and goes when the root is deleted, as every reply does.
 */
export async function replaceAnnotation(ref: AnnotationRef, user: SessionUser, draft: AnnotationDraft, precondition: Precondition) {
  const { id } = ref;
  const row = await writableAnnotation(ref, user, precondition);
  const provenance = keptProvenance(row, draft);
  if (row.claimId)
    throw invalid("This annotation is evidence of a claim: change the claim (PATCH /api/claims/:id), or delete the evidence.");
  const db = getDb();
  let data: Prisma.AnnotationUncheckedUpdateManyInput;
  let privatiseReplies = false;
  if (row.replyToId) {
    if (draft.motivation !== "replying") throw invalid("A reply stays a reply: only its body can change.");
    if (draft.kind !== "reply" || draft.parentId !== row.replyToId)
      throw invalid("A reply's target cannot change: give the IRI of the annotation it answers.", { target: row.replyToId });
    const visibility = row.replyTo?.visibility === "private" ? "private" : draft.visibility;
    data = { visibility, body: bodyJson(draft.bodies), ...provenance };
  } else {
    if (draft.kind === "reply") throw invalid("An annotation cannot become a reply: post a new annotation with the motivation replying.");
    const { version } = await versionToAnchorOn(row.document.slug, user);
    const anchor = anchorTarget(version, row.document.slug, draft.target);
    await checkLinkedEntity(draft.entityId, user);
    if (draft.visibility === "private" && row.visibility === "public") {
      const others = await db.annotation.count({ where: { replyToId: id, visibility: "public", NOT: { creatorId: row.creatorId } } });
      if (others > 0)
        throw new DomainError("conflict", "Other readers have replied to this annotation, so it cannot become private.", {
          replies: others,
        });
      privatiseReplies = true;
    }
    data = {
      ...anchor,
      motivation: draft.motivation,
      visibility: draft.visibility,
      body: bodyJson(draft.bodies),
      entityId: draft.entityId,
      ...provenance,
    };
  }
  const modified = nextModified(row.modified);
  const [updated] = await db.$transaction([
    db.annotation.updateMany({ where: { id, modified: row.modified }, data: { ...data, modified } }),
    ...(privatiseReplies ? [db.annotation.updateMany({ where: { replyToId: id }, data: { visibility: "private" } })] : []),
    recordWrite(user.id),
  ]);
  if (updated.count === 0) throw staleAnnotation();
  return writtenAnnotation(id);
}

/**
 * `canonical` and `via` after a replace: once set they stay as they are (W3C Protocol 5.3: a
 * server should refuse to change them), so a replacement may repeat them or leave them out
 * (invalid for another value); one not set yet may be given.
 */
function keptProvenance(row: { canonical: string | null; via: string | null }, draft: AnnotationDraft) {
  const kept = { canonical: row.canonical, via: row.via };
  for (const key of ["canonical", "via"] as const) {
    const given = draft[key];
    if (given === undefined) continue;
    if (kept[key] !== null && kept[key] !== given)
      throw invalid(`The annotation's ${key} cannot change: leave it out, or send it as it is.`, { [key]: kept[key] });
    kept[key] = given;
  }
  return kept;
}

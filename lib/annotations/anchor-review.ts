import { z } from "zod";
import { recordWrite } from "../accounts/write-limit";
import type { SessionUser } from "../auth";
import { getDb } from "../db";
import { versionToAnchorOn } from "../documents/queries";
import { DomainError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { anchorTarget } from "./anchor-target";
import { annotationEtag, nextModified } from "./annotation-etag";
import { canSeeDocument } from "../documents/visibility";
import { writtenAnnotation } from "./queries";
import type { Precondition } from "../etag";
import type { AnnotationRef } from "./types";
import { staleAnnotation } from "./writable-annotation";

const offset = z.number().int().min(0).max(100_000_000);

/**
 * What an editor (or the annotation's author) may do about an anchor the text's changes left
 * uncertain: attach it to words of the current text (by position, by quote, or both), confirm a
 * fuzzy anchor, dismiss an orphan from the queue, or detach a fuzzy anchor that landed on the
 * wrong words (it becomes an orphan with the selectors it had before).
 */
export const anchorActionSchema = z.discriminatedUnion("action", [
  z
    .object({
      action: z.literal("attach"),
      start: offset.optional(),
      end: offset.optional(),
      exact: z.string().min(1).max(10_000).optional(),
      prefix: z.string().max(1000).optional(),
      suffix: z.string().max(1000).optional(),
    })
    .strict()
    .refine((a) => (a.start !== undefined) === (a.end !== undefined), "Give both start and end, or neither.")
    .refine((a) => a.start !== undefined || a.exact !== undefined, "Give the words (exact) or their offsets (start and end)."),
  z.object({ action: z.literal("confirm") }).strict(),
  z.object({ action: z.literal("dismiss") }).strict(),
  z.object({ action: z.literal("detach") }).strict(),
]);
export type AnchorAction = z.infer<typeof anchorActionSchema>;

/**
 * Carries out `action` on the annotation `ref` names for `user`, once `precondition` holds for its
 * ETag; returns the annotation as it now is. Replies follow their thread's root: an attach moves
 * them with it.
 *
 * Refused as not_found when `user` cannot see it or its document (or it is not in the container `ref` names);
 * forbidden unless they are an editor or its author (curated annotations: editors only); conflict
 * when the action does not fit its state (confirm needs fuzzy, dismiss needs fuzzy or orphaned,
 * detach needs fuzzy; replies cannot be moved alone); precondition_failed for a stale ETag;
 * invalid when the words are not in the current text.
 */
export async function reviewAnchor(
  { id, documentSlug }: AnnotationRef,
  user: SessionUser,
  action: AnchorAction,
  precondition: Precondition,
) {
  const db = getDb();
  const row = await db.annotation.findUnique({
    where: { id },
    select: {
      id: true,
      modified: true,
      origin: true,
      creatorId: true,
      visibility: true,
      replyToId: true,
      state: true,
      exact: true,
      priorExact: true,
      start: true,
      versionId: true,
      document: { select: { slug: true, visibility: true, ownerId: true } },
    },
  });
  if (
    !row ||
    !canSeeDocument(row.document, user) ||
    (row.visibility === "private" && row.creatorId !== user.id) ||
    (documentSlug !== undefined && row.document.slug !== documentSlug)
  )
    throw new DomainError("not_found", `No annotation "${id}".`);
  const allowed = user.role === "editor" || (row.origin === "user" && row.creatorId === user.id);
  if (!allowed) throw new DomainError("forbidden", "Only an editor or the annotation's author may re-attach or review its anchor.");
  if (row.replyToId) throw new DomainError("conflict", "A reply follows the note it answers: re-attach that note instead.");
  if (!precondition(annotationEtag(row))) throw staleAnnotation();

  const reviewed = { reviewedAt: new Date(), reviewedById: user.id };
  const modified = nextModified(row.modified);
  let data: Prisma.AnnotationUncheckedUpdateManyInput;
  let moveReplies = false;
  if (action.action === "attach") {
    const { version } = await versionToAnchorOn(row.document.slug, user);
    const fields = anchorTarget(version, row.document.slug, {
      ...(action.exact === undefined ? {} : { quote: { exact: action.exact, prefix: action.prefix, suffix: action.suffix } }),
      ...(action.start === undefined || action.end === undefined ? {} : { position: { start: action.start, end: action.end } }),
    });
    data = {
      ...fields,
      state: "exact",
      priorExact: fields.exact === row.exact ? row.priorExact : (row.priorExact ?? row.exact),
      ...reviewed,
    };
    moveReplies = true;
  } else if (action.action === "confirm") {
    if (row.state !== "fuzzy") throw new DomainError("conflict", `Only a fuzzy anchor can be confirmed; this one is ${row.state}.`);
    data = { state: "exact", ...reviewed };
  } else if (action.action === "dismiss") {
    if (row.state !== "orphaned" && row.state !== "fuzzy")
      throw new DomainError("conflict", `Only a fuzzy or orphaned anchor is in the queue; this one is ${row.state}.`);
    data = reviewed;
  } else {
    if (row.state !== "fuzzy") throw new DomainError("conflict", `Only a fuzzy anchor can be detached; this one is ${row.state}.`);
    // Back to where it was before it was placed on near-equal words: its last kept anchor.
    const last = await db.annotationAnchor.findFirst({
      where: { annotationId: id },
      orderBy: { version: { number: "desc" } },
    });
    if (!last) throw new DomainError("conflict", "This anchor has no earlier place to go back to.");
    data = {
      versionId: last.versionId,
      exact: last.exact,
      prefix: last.prefix,
      suffix: last.suffix,
      start: last.start,
      end: last.end,
      passageId: last.passageId,
      state: "orphaned",
      priorExact: null,
      reviewedAt: null,
      reviewedById: null,
    };
    moveReplies = true;
  }

  const updated = await db.$transaction(async (tx) => {
    const result = await tx.annotation.updateMany({ where: { id, modified: row.modified }, data: { ...data, modified } });
    if (result.count > 0 && moveReplies) {
      const root = await tx.annotation.findUniqueOrThrow({
        where: { id },
        select: { versionId: true, exact: true, prefix: true, suffix: true, start: true, end: true, passageId: true, state: true },
      });
      await tx.annotation.updateMany({ where: { replyToId: id }, data: root });
    }
    await recordWrite(user.id, tx);
    return result;
  });
  if (updated.count === 0) throw staleAnnotation();
  return writtenAnnotation(id);
}

import type { SessionUser } from "../auth";
import { getDb } from "../db";
import { canSeeDocument } from "../documents/visibility";
import { DomainError } from "../errors";
import { annotationEtag } from "./annotation-etag";
import type { Precondition } from "../etag";
import type { AnnotationRef } from "./types";

/** The refusal when an annotation changed since its ETag was read. */
export const staleAnnotation = () => new DomainError("precondition_failed", "The annotation changed since you read it: GET it again.");

/**
 * The annotation `user` may change, once `precondition` holds for its ETag: not_found when they
 * cannot see it (a private annotation is its author's alone, and so is every annotation on a
 * private document its owner's: editors are told the same) or it is
 * not in the container named, forbidden when it is not theirs (editors may change and remove any
 * reader's public annotation: moderation), precondition_failed when the ETag does not match.
 */
export async function writableAnnotation({ id, documentSlug }: AnnotationRef, user: SessionUser, precondition: Precondition) {
  const row = await getDb().annotation.findUnique({
    where: { id },
    select: {
      id: true,
      modified: true,
      origin: true,
      creatorId: true,
      visibility: true,
      replyToId: true,
      claimId: true,
      canonical: true,
      via: true,
      document: { select: { slug: true, visibility: true, ownerId: true } },
      replyTo: { select: { visibility: true } },
    },
  });
  if (
    !row ||
    !canSeeDocument(row.document, user) ||
    (row.visibility === "private" && row.creatorId !== user.id) ||
    (documentSlug !== undefined && row.document.slug !== documentSlug)
  )
    throw new DomainError("not_found", `No annotation "${id}".`);
  const mayWrite = row.origin === "user" && (row.creatorId === user.id || user.role === "editor");
  if (!mayWrite) throw new DomainError("forbidden", "Only the annotation's author or an editor may change it.");
  if (!precondition(annotationEtag(row))) throw staleAnnotation();
  return row;
}

import type { Anchor } from "../anchoring/anchor";
import { getDb } from "../db";
import type { Viewer } from "../documents/visibility";
import { visibleEntityWhere } from "../entities/entity-visibility";
import { DomainError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import type { AnnotationDraft, StoredBody, Visibility } from "./types";

/** The stored body: the bodies given (an entity link is not among them: it lives in `entityId`). */
export const bodyJson = (bodies: StoredBody[]) => (bodies.length ? (bodies as Prisma.InputJsonValue) : Prisma.DbNull);

/** The row of a new reader's annotation by `creatorId`, at `anchor`. */
export const newAnnotationRow = (
  id: string,
  documentId: string,
  anchor: Anchor,
  creatorId: string,
  draft: AnnotationDraft,
  links: { entityId: string | null; replyToId?: string; visibility?: Visibility },
) => ({
  id,
  documentId,
  ...anchor,
  motivation: draft.motivation,
  origin: "user",
  creatorId,
  visibility: links.visibility ?? draft.visibility,
  body: bodyJson(draft.bodies),
  entityId: links.entityId,
  replyToId: links.replyToId ?? null,
  canonical: draft.canonical ?? null,
  via: draft.via ?? null,
});
export type NewAnnotationRow = ReturnType<typeof newAnnotationRow>;

/** The ids among `ids` that name no entity `viewer` may know of (visibleEntityWhere). */
export async function unknownEntities(ids: Array<string | null>, viewer: Viewer): Promise<Set<string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Set();
  const found = await getDb().entity.findMany({ where: { id: { in: wanted }, ...visibleEntityWhere(viewer) }, select: { id: true } });
  const known = new Set(found.map((e) => e.id));
  return new Set(wanted.filter((id) => !known.has(id)));
}

/** The refusal for an identification of an entity that does not exist. */
export const noEntity = (id: string) => new DomainError("invalid", `No entity "${id}": create it first (POST /api/entities).`);

/** Refuses (invalid) a link to an entity that does not exist (for `viewer`). */
export async function checkLinkedEntity(entityId: string | null, viewer: Viewer): Promise<void> {
  if (entityId && (await unknownEntities([entityId], viewer)).size) throw noEntity(entityId);
}

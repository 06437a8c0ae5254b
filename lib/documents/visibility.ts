import type { Prisma } from "../generated/prisma/client";

/**
 * Who is looking: a signed-in account, or nobody. A private document exists only for its owner
 * (sources.md): for everyone else, editors included, it is exactly an unknown slug.
 */
export type Viewer = { id: string; role: string } | null | undefined;

/** The documents `viewer` can see, as a Prisma filter: the public ones and their own. */
export function visibleDocumentWhere(viewer: Viewer): Prisma.DocumentWhereInput {
  return viewer ? { OR: [{ visibility: "public" }, { ownerId: viewer.id }] } : { visibility: "public" };
}

/** Whether `viewer` can see a document (its visibility and owner). */
export function canSeeDocument(document: { visibility: string; ownerId: string | null }, viewer: Viewer): boolean {
  return document.visibility === "public" || (!!viewer && document.ownerId === viewer.id);
}

/**
 * Whether `viewer` may change a document's text or its proposals: its owner, or an editor when it
 * is public. The editions of content/ (no owner) change only through their files.
 */
export function canReviseDocument(document: { visibility: string; ownerId: string | null }, viewer: Viewer): boolean {
  if (!viewer || document.ownerId === null) return false;
  return document.ownerId === viewer.id || (document.visibility === "public" && viewer.role === "editor");
}

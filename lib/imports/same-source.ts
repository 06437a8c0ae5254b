import type { PrismaClient } from "../generated/prisma/client";

// What the web server needs to know of imports without loading the pipeline (the readers of
// each format are loaded by the import worker only).

/** The name an import of pasted text goes by. */
export const PASTED_TEXT = "pasted text";

/**
 * The document these bytes from this owner already made, if any (the same import twice gives one
 * document); for the command line's imports (no owner), the ownerless document they made.
 */
export async function documentOfSameBytes(db: Pick<PrismaClient, "document">, ownerId: string | null, hash: string) {
  return db.document.findFirst({ where: { ownerId, sourceHash: hash }, select: { id: true, slug: true } });
}

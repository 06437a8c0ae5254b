import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { visibleEntityWhere } from "./entity-visibility";
import type { RegistryEntity } from "./propose-names";

/**
 * The registry as `ownerId` may know it, for proposing names in their documents: the entities
 * they may know of (entity-visibility.ts: the editions', those named in documents they can see,
 * their own). Nothing of another reader's private document reaches it.
 */
export async function registryFor(db: PrismaClient | Prisma.TransactionClient, ownerId: string | null): Promise<RegistryEntity[]> {
  return db.entity.findMany({
    where: visibleEntityWhere(ownerId ? { id: ownerId, role: "annotator" } : null),
    select: { id: true, name: true, aliases: true, kind: true },
  });
}

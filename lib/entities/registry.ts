import type { Prisma, PrismaClient } from "../generated/prisma/client";
import type { RegistryEntity } from "./propose-names";

/**
 * The registry as `ownerId` may know it, for proposing names in their documents: the editions'
 * entities, the entities named in public documents, and those of their own documents and making.
 * Nothing of another reader's private document reaches it (sources.md: a private document does
 * not exist for anyone else).
 */
export async function registryFor(db: PrismaClient | Prisma.TransactionClient, ownerId: string | null): Promise<RegistryEntity[]> {
  return db.$queryRaw<RegistryEntity[]>`
    SELECT e."id", e."name", e."aliases", e."kind"::text AS "kind"
    FROM "Entity" e
    WHERE e."origin" = 'curated'
       OR (${ownerId}::text IS NOT NULL AND e."createdById" = ${ownerId})
       OR EXISTS (
         SELECT 1 FROM "Annotation" a JOIN "Document" d ON d."id" = a."documentId"
         WHERE a."entityId" = e."id" AND a."motivation" = 'identifying'
           AND (d."visibility" = 'public' OR (${ownerId}::text IS NOT NULL AND d."ownerId" = ${ownerId})))`;
}

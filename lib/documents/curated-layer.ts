import { storedConflictId } from "../claims/ids";
import { UserFacingError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import type { AnchoredRange } from "../text-model/snippet";
import type { ContentFiles } from "./content-files";
import type { PreparedImport } from "./prepare-import";

/**
 * Replaces a document's curated layer (the entities, mentions, claims, evidence and conflicts of
 * its curated files) with the one `prepared` anchored in `versionId`, inside the import's
 * transaction. Readers' annotations, claims and entities (origin "user") are never deleted or
 * rewritten: replies only ever go to readers' annotations (a curated one is replaced here), and
 * the ids of user claims and entities ("u--...") cannot be curated ids (kebab-case slugs).
 *
 * @throws UserFacingError when a curated id is already a reader's entity or another document's claim
 */
export async function replaceCuratedLayer(
  tx: Prisma.TransactionClient,
  files: ContentFiles,
  documentId: string,
  versionId: string,
  prepared: Pick<PreparedImport, "entities" | "claims">,
): Promise<void> {
  const { entities, claims } = prepared;
  await tx.annotation.deleteMany({ where: { documentId, origin: "curated" } });
  await tx.claim.deleteMany({ where: { documentId, origin: "curated" } });
  await tx.conflict.deleteMany({ where: { documentId } });

  if (entities) {
    const taken = await tx.entity.findFirst({
      where: { id: { in: entities.data.entities.map((e) => e.id) }, origin: { not: "curated" } },
      select: { id: true },
    });
    if (taken) throw new UserFacingError(`${files.entities?.displayPath}: entity id "${taken.id}" belongs to a reader's entity`);
    for (const entity of entities.data.entities) {
      const fields = {
        kind: entity.kind,
        name: entity.name,
        aliases: entity.aliases,
        description: entity.description,
        identifiers: entity.identifiers,
      };
      await tx.entity.upsert({ where: { id: entity.id }, create: { id: entity.id, ...fields }, update: fields });
    }
    await tx.annotation.createMany({
      data: entities.mentions.map((m) => ({
        id: m.id,
        documentId,
        versionId,
        motivation: "identifying",
        origin: "curated",
        entityId: m.entityId,
        exact: m.exact,
        prefix: m.prefix,
        suffix: m.suffix,
        start: m.start,
        end: m.end,
        passageId: m.passageId,
      })),
    });
  }

  if (!claims) return;
  const taken = await tx.claim.findMany({
    where: { id: { in: claims.claims.map((c) => c.id) }, documentId: { not: documentId } },
    select: { id: true },
  });
  if (taken.length > 0)
    throw new UserFacingError(`${files.claims?.displayPath}: claim id "${taken[0].id}" is already used by another document`);
  await tx.claim.createMany({
    data: claims.claims.map((claim, ordinal) => ({
      id: claim.id,
      documentId,
      statement: claim.statement,
      kind: claim.kind,
      dateValue: claim.date?.value ?? null,
      dateEnd: claim.date?.end ?? null,
      datePrecision: claim.date?.precision ?? null,
      dateApproximate: claim.date?.approximate ?? false,
      entityIds: claim.entities,
      ordinal,
    })),
  });
  await tx.conflict.createMany({
    data: claims.conflicts.map((conflict, ordinal) => ({
      id: storedConflictId(files.slug, conflict.id),
      documentId,
      reason: conflict.reason,
      ordinal,
    })),
  });
  const range = (r: AnchoredRange) => ({
    documentId,
    versionId,
    origin: "curated",
    exact: r.exact,
    prefix: r.prefix,
    suffix: r.suffix,
    start: r.start,
    end: r.end,
    passageId: r.passageId,
  });
  await tx.annotation.createMany({
    data: [
      ...claims.evidence.map((e) => ({
        ...range(e),
        id: e.id,
        motivation: "linking",
        claimId: e.claimId,
        stance: e.stance,
        body: e.note ? { note: e.note } : undefined,
      })),
      ...claims.sides.map((side) => ({
        ...range(side),
        id: side.id,
        motivation: "questioning",
        conflictId: storedConflictId(files.slug, side.conflictId),
        claimId: side.claimId ?? null,
      })),
    ],
  });
}

import { Prisma } from "../generated/prisma/client";
import { visibleDocumentWhere, type Viewer } from "../documents/visibility";

/**
 * Which entities a viewer may know of. Entities are shared by every document, but a reader's
 * entity may have been made for a private document (its name is then words of that document): it
 * exists for someone else only once a document they can see names it. So an entity is seen when
 * it is curated, or the viewer made it, or no document they cannot see names it (a reader's new
 * entity, named nowhere yet, is everyone's to find), or a public mention in a document they can
 * see names it. The same rule twice, for Prisma and for SQL: keep them together.
 */
export function visibleEntityWhere(viewer: Viewer): Prisma.EntityWhereInput {
  const seen = visibleDocumentWhere(viewer);
  return {
    OR: [
      { origin: "curated" },
      ...(viewer ? [{ createdById: viewer.id }] : []),
      { annotations: { none: { motivation: "identifying", document: { NOT: seen } } } },
      { annotations: { some: { motivation: "identifying", visibility: "public", document: seen } } },
    ],
  };
}

/** Whether the document aliased `d` is one `viewer` can see (visibleDocumentWhere in SQL: never NULL). */
export const documentVisibleSql = (d: string, viewer: Viewer) =>
  viewer
    ? Prisma.sql`(${Prisma.raw(d)}."visibility" = 'public' OR ${Prisma.raw(d)}."ownerId" = ${viewer.id})`
    : Prisma.sql`(${Prisma.raw(d)}."visibility" = 'public')`;

/** visibleEntityWhere in SQL, for the entity aliased `e`. */
export function entityVisibleSql(e: string, viewer: Viewer) {
  const entity = Prisma.raw(e);
  const named = (condition: Prisma.Sql) =>
    Prisma.sql`EXISTS (SELECT 1 FROM "Annotation" m JOIN "Document" md ON md."id" = m."documentId"
                     WHERE m."entityId" = ${entity}."id" AND m."motivation" = 'identifying' AND ${condition})`;
  return Prisma.sql`(${entity}."origin" = 'curated'
    ${viewer ? Prisma.sql`OR ${entity}."createdById" = ${viewer.id}` : Prisma.empty}
    OR NOT ${named(Prisma.sql`NOT ${documentVisibleSql("md", viewer)}`)}
    OR ${named(Prisma.sql`m."visibility" = 'public' AND ${documentVisibleSql("md", viewer)}`)})`;
}

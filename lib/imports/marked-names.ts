import { randomUUID } from "node:crypto";
import type { Prisma } from "../generated/prisma/client";
import type { MarkedName } from "../sources/assemble-source";
import { quoteContext } from "../text-model/quote-context";
import { asciiSlug, firstFreeId, USER_ID_PREFIX } from "../user-ids";

/** Where the names go: the document, its new version and text, and who imported it. */
export interface NamesTarget {
  documentId: string;
  versionId: string;
  ownerId: string | null;
  text: string;
}

/** The names the source marks as the same thing: one `@ref`, or else one kind and one spelling. */
const groupKey = (name: MarkedName) => (name.ref ? `ref:${name.ref}` : `${name.kind}:${name.exact.toLocaleLowerCase()}`);

/**
 * Stores the names a source marks itself (TEI's persName, placeName, orgName, name, rs) as
 * mentions, inside the import's transaction: one entity (a reader's entity of the importing
 * account) per `@ref`, or per kind and spelling where the source gives no ref, named by its most
 * frequent spelling, with the others as aliases; one identifying annotation per name. They are the
 * document's own, and follow it: private with it, public when it is published.
 */
export async function storeMarkedNames(tx: Prisma.TransactionClient, target: NamesTarget, names: MarkedName[]): Promise<number> {
  if (names.length === 0) return 0;
  const groups = new Map<string, MarkedName[]>();
  for (const name of names) groups.set(groupKey(name), [...(groups.get(groupKey(name)) ?? []), name]);

  const bases = [...groups.values()].map((group) => asciiSlug(group[0].exact, "name"));
  const taken = (
    await tx.entity.findMany({
      where: { OR: [...new Set(bases)].map((base) => ({ id: { startsWith: `${USER_ID_PREFIX}${base}` } })) },
      select: { id: true },
    })
  ).map((e) => e.id);
  const annotations: Prisma.AnnotationCreateManyInput[] = [];
  for (const group of groups.values()) {
    const counts = new Map<string, number>();
    for (const name of group) counts.set(name.exact, (counts.get(name.exact) ?? 0) + 1);
    const spellings = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([spelling]) => spelling);
    const id = firstFreeId(asciiSlug(spellings[0], "name"), taken);
    taken.push(id);
    await tx.entity.create({
      data: {
        id,
        kind: group[0].kind,
        name: spellings[0],
        aliases: spellings.slice(1),
        description: "",
        identifiers: group[0].ref && /^https?:\/\//.test(group[0].ref) ? { uri: group[0].ref } : {},
        origin: "user",
        createdById: target.ownerId,
      },
    });
    for (const name of group) {
      const { prefix, suffix } = quoteContext(target.text, name.start, name.end);
      annotations.push({
        id: randomUUID(),
        documentId: target.documentId,
        versionId: target.versionId,
        madeOnVersionId: target.versionId,
        motivation: "identifying",
        origin: "user",
        entityId: id,
        exact: name.exact,
        prefix,
        suffix,
        start: name.start,
        end: name.end,
        passageId: name.passageId,
        creatorId: target.ownerId,
      });
    }
  }
  await tx.annotation.createMany({ data: annotations });
  return annotations.length;
}

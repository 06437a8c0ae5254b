import { randomUUID } from "node:crypto";
import { z } from "zod";
import { recordWrite } from "../accounts/write-limit";
import type { SessionUser } from "../auth";
import { canReviseDocument, canSeeDocument } from "../documents/visibility";
import { DomainError } from "../errors";
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { asciiSlug, firstFreeId, USER_ID_PREFIX } from "../user-ids";
import type { EntityKind } from "./entity-kinds";

/**
 * Reviewing the names an import proposes (the review queue, `/documents/:slug/review`): accept
 * (one, a group, several groups, all), reject, link to another entity, merge groups, split a
 * group, and undo the reviewer's last action. The document's owner reviews, or an editor when it
 * is public; for anyone else the proposals do not exist. Each action is one transaction and one
 * write; what it changed is kept (ProposalReview) so that it can be undone.
 */

const id = z.string().min(1).max(200);
const group = z.string().min(1).max(400);
const selection = {
  ids: z.array(id).max(20_000).optional(),
  groups: z.array(group).max(5_000).optional(),
  all: z.literal(true).optional(),
};

/** `POST /api/documents/:slug/proposals/review`. */
export const reviewSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("accept"), ...selection }).strict(),
  z.object({ action: z.literal("reject"), ...selection }).strict(),
  z.object({ action: z.literal("link"), ...selection, entityId: id }).strict(),
  z.object({ action: z.literal("merge"), groups: z.array(group).min(2).max(100) }).strict(),
  z.object({ action: z.literal("split"), ids: z.array(id).min(1).max(20_000) }).strict(),
  z.object({ action: z.literal("undo") }).strict(),
]);
export type ReviewAction = z.infer<typeof reviewSchema>;

/** A proposal as the API serves it (sources.md, "Proposals"). */
export interface ProposalView {
  id: string;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  passageId: string;
  kind: EntityKind;
  entity: { id: string; name: string } | null;
  name: string;
  group: string;
  source: string;
  score: number;
  status: "pending" | "accepted" | "rejected";
}

/** What an action changed, kept for undo. */
interface Changes {
  proposals: Array<{
    id: string;
    status: string;
    entityId: string | null;
    group: string;
    name: string;
    kind: EntityKind;
    annotationId: string | null;
  }>;
  annotations: string[];
  entities: string[];
  aliases: Array<{ entityId: string; alias: string }>;
}

const notFound = (slug: string) => new DomainError("not_found", `No document "${slug}".`);

/**
 * The document whose proposals `user` may review: not found for anyone who cannot see it, and
 * for anyone who can see it but may not review it (the proposals are not theirs to know).
 */
export async function reviewableDocument(db: PrismaClient, slug: string, user: SessionUser | null) {
  const document = await db.document.findUnique({
    where: { slug },
    select: { id: true, slug: true, visibility: true, ownerId: true, currentVersionId: true },
  });
  if (!document?.currentVersionId || !canSeeDocument(document, user) || !canReviseDocument(document, user)) throw notFound(slug);
  return { ...document, currentVersionId: document.currentVersionId };
}

/** The proposals of the document's current version, in text order (pending only, unless `all`). */
export async function listProposals(db: PrismaClient, slug: string, user: SessionUser | null, all = false): Promise<ProposalView[]> {
  const document = await reviewableDocument(db, slug, user);
  const rows = await db.proposal.findMany({
    where: { documentId: document.id, versionId: document.currentVersionId, ...(all ? {} : { status: "pending" }) },
    orderBy: [{ start: "asc" }, { end: "asc" }],
    include: { entity: { select: { id: true, name: true } } },
  });
  return rows.map((row) => ({
    id: row.id,
    start: row.start,
    end: row.end,
    exact: row.exact,
    prefix: row.prefix,
    suffix: row.suffix,
    passageId: row.passageId,
    kind: row.kind,
    entity: row.entity,
    name: row.name,
    group: row.group,
    source: row.source,
    score: row.score,
    status: row.status,
  }));
}

/** The outcome of an action: how many proposals it touched, and the review's id (for undo). */
export interface ReviewResult {
  action: ReviewAction["action"];
  changed: number;
  review: string | null;
}

/** Applies one review action, in one transaction. */
export async function reviewProposals(db: PrismaClient, slug: string, user: SessionUser, action: ReviewAction): Promise<ReviewResult> {
  const document = await reviewableDocument(db, slug, user);
  return db.$transaction(
    async (tx) => {
      // One review at a time per document: two reviewers accepting one group make one entity.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`gloss:review:${document.id}`}))`;
      if (action.action === "undo") return undoLast(tx, document.id, user);
      const changes: Changes = { proposals: [], annotations: [], entities: [], aliases: [] };
      const pending = await selectPending(tx, document, action);
      if (pending.length === 0) throw new DomainError("invalid", "No pending proposal matches what was chosen.");
      changes.proposals = pending.map((p) => ({
        id: p.id,
        status: p.status,
        entityId: p.entityId,
        group: p.group,
        name: p.name,
        kind: p.kind,
        annotationId: p.annotationId,
      }));
      const ids = pending.map((p) => p.id);
      switch (action.action) {
        case "reject":
          await tx.proposal.updateMany({
            where: { id: { in: ids } },
            data: { status: "rejected", decidedAt: new Date(), decidedById: user.id },
          });
          break;
        case "link": {
          const entity = await tx.entity.findUnique({ where: { id: action.entityId }, select: { id: true, name: true, kind: true } });
          if (!entity) throw new DomainError("invalid", `No entity "${action.entityId}".`);
          await tx.proposal.updateMany({
            where: { id: { in: ids } },
            data: { entityId: entity.id, name: entity.name, kind: entity.kind, group: `entity:${entity.id}` },
          });
          break;
        }
        case "merge": {
          const [into] = action.groups;
          const target = pending.find((p) => p.group === into) ?? pending[0];
          await tx.proposal.updateMany({
            where: { id: { in: ids } },
            data: { group: target.group, entityId: target.entityId, name: target.name, kind: target.kind },
          });
          break;
        }
        case "split": {
          const counts = new Map<string, number>();
          for (const p of pending) counts.set(p.exact, (counts.get(p.exact) ?? 0) + 1);
          const name = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
          await tx.proposal.updateMany({ where: { id: { in: ids } }, data: { group: `split:${randomUUID()}`, entityId: null, name } });
          break;
        }
        case "accept":
          await accept(tx, document, user, pending, changes);
          break;
      }
      const review = await tx.proposalReview.create({
        data: {
          id: randomUUID(),
          documentId: document.id,
          userId: user.id,
          action: action.action,
          changes: changes as unknown as Prisma.InputJsonValue,
        },
      });
      await recordWrite(user.id, tx);
      return { action: action.action, changed: pending.length, review: review.id };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

type PendingProposal = Awaited<ReturnType<typeof selectPending>>[number];

/** The pending proposals of the current version that an action names (ids, groups, or all). */
async function selectPending(
  tx: Prisma.TransactionClient,
  document: { id: string; currentVersionId: string },
  action: Exclude<ReviewAction, { action: "undo" }>,
) {
  const ids = "ids" in action ? (action.ids ?? []) : [];
  const groups = "groups" in action ? (action.groups ?? []) : [];
  const all = "all" in action && action.all === true;
  if (!all && ids.length === 0 && groups.length === 0) throw new DomainError("bad_request", "Choose proposals: ids, groups, or all.");
  return tx.proposal.findMany({
    where: {
      documentId: document.id,
      versionId: document.currentVersionId,
      status: "pending",
      ...(all ? {} : { OR: [...(ids.length ? [{ id: { in: ids } }] : []), ...(groups.length ? [{ group: { in: groups } }] : [])] }),
    },
    orderBy: { start: "asc" },
  });
}

/**
 * Accepts proposals: each becomes an identifying annotation (a mention, the reviewer's, public
 * with the document). A proposal of a known entity names it, and a spelling it did not have
 * joins its aliases; the proposals of one new group become one new entity, named by the group's
 * name, with its other spellings as aliases.
 */
async function accept(
  tx: Prisma.TransactionClient,
  document: { id: string; currentVersionId: string },
  user: SessionUser,
  pending: PendingProposal[],
  changes: Changes,
): Promise<void> {
  const entityOfGroup = new Map<string, string>();
  const known = new Map<string, { id: string; name: string; aliases: string[] }>();
  const knownIds = [...new Set(pending.map((p) => p.entityId).filter((e): e is string => !!e))];
  for (const entity of await tx.entity.findMany({ where: { id: { in: knownIds } }, select: { id: true, name: true, aliases: true } })) {
    known.set(entity.id, entity);
  }
  for (const p of pending) {
    if (p.entityId && known.has(p.entityId)) continue;
    if (entityOfGroup.has(p.group)) continue;
    const members = pending.filter((q) => q.group === p.group);
    const spellings = [...new Set(members.map((q) => q.exact))];
    const base = asciiSlug(p.name, "name");
    const taken = (await tx.entity.findMany({ where: { id: { startsWith: `${USER_ID_PREFIX}${base}` } }, select: { id: true } })).map(
      (e) => e.id,
    );
    const entityId = firstFreeId(base, taken);
    // A new place the import found in the gazetteer gets its point (an editor can change it).
    const placed = p.kind === "place" ? members.find((q) => q.latitude !== null && q.longitude !== null) : undefined;
    await tx.entity.create({
      data: {
        id: entityId,
        kind: p.kind,
        name: p.name,
        aliases: spellings.filter((s) => s !== p.name),
        description: "",
        origin: "user",
        createdById: user.id,
        ...(placed ? { latitude: placed.latitude, longitude: placed.longitude, coordinatesSource: "gazetteer" } : {}),
      },
    });
    changes.entities.push(entityId);
    entityOfGroup.set(p.group, entityId);
  }
  // A new spelling of a known entity joins its aliases.
  for (const entity of known.values()) {
    const fresh = [...new Set(pending.filter((p) => p.entityId === entity.id).map((p) => p.exact))].filter(
      (s) => s !== entity.name && !entity.aliases.includes(s),
    );
    if (fresh.length === 0) continue;
    await tx.entity.update({ where: { id: entity.id }, data: { aliases: [...entity.aliases, ...fresh] } });
    for (const alias of fresh) changes.aliases.push({ entityId: entity.id, alias });
  }
  const annotations: Prisma.AnnotationCreateManyInput[] = [];
  for (const p of pending) {
    const entityId = p.entityId && known.has(p.entityId) ? p.entityId : entityOfGroup.get(p.group)!;
    const annotationId = randomUUID();
    annotations.push({
      id: annotationId,
      documentId: document.id,
      versionId: p.versionId,
      madeOnVersionId: p.versionId,
      motivation: "identifying",
      origin: "user",
      entityId,
      exact: p.exact,
      prefix: p.prefix,
      suffix: p.suffix,
      start: p.start,
      end: p.end,
      passageId: p.passageId,
      creatorId: user.id,
    });
    changes.annotations.push(annotationId);
  }
  await tx.annotation.createMany({ data: annotations });
  // Every proposal accepted, with its entity and mention, in one statement however many there are.
  await tx.$executeRaw`
    UPDATE "Proposal" AS p SET status = 'accepted', "entityId" = u.entity, "annotationId" = u.annotation,
           "decidedAt" = now(), "decidedById" = ${user.id}
      FROM unnest(${pending.map((p) => p.id)}::text[], ${annotations.map((a) => a.entityId!)}::text[],
                  ${annotations.map((a) => a.id!)}::text[]) AS u(id, entity, annotation)
     WHERE p.id = u.id`;
}

/** Undoes the reviewer's last action on the document that is not undone yet. */
async function undoLast(tx: Prisma.TransactionClient, documentId: string, user: SessionUser): Promise<ReviewResult> {
  const last = await tx.proposalReview.findFirst({
    where: { documentId, userId: user.id, undoneAt: null },
    orderBy: { createdAt: "desc" },
  });
  if (!last) throw new DomainError("invalid", "There is nothing of yours to undo here.");
  const changes = last.changes as unknown as Changes;
  await tx.annotation.deleteMany({ where: { id: { in: changes.annotations } } });
  for (const { entityId, alias } of changes.aliases) {
    const entity = await tx.entity.findUnique({ where: { id: entityId }, select: { aliases: true } });
    if (entity) await tx.entity.update({ where: { id: entityId }, data: { aliases: entity.aliases.filter((a) => a !== alias) } });
  }
  for (const before of changes.proposals) {
    await tx.proposal.update({
      where: { id: before.id },
      data: {
        status: before.status as "pending",
        entityId: before.entityId,
        group: before.group,
        name: before.name,
        kind: before.kind,
        annotationId: before.annotationId,
        decidedAt: null,
        decidedById: null,
      },
    });
  }
  // Entities the action made go, unless something else names them since.
  for (const entityId of changes.entities) {
    const used = await tx.annotation.count({ where: { entityId } });
    if (used === 0) await tx.entity.deleteMany({ where: { id: entityId } });
  }
  await tx.proposalReview.update({ where: { id: last.id }, data: { undoneAt: new Date() } });
  await recordWrite(user.id, tx);
  return { action: "undo", changed: changes.proposals.length, review: last.id };
}

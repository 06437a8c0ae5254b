import { createHash } from "node:crypto";
import { z } from "zod";
import { recordWrite } from "../accounts/write-limit";
import type { Precondition } from "../etag";
import type { SessionUser } from "../auth";
import { getDb } from "../db";
import { findVisibleDocument } from "../documents/queries";
import type { Viewer } from "../documents/visibility";
import { documentVisibleSql, entityVisibleSql, visibleEntityWhere } from "./entity-visibility";
import { DomainError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { passageContaining } from "../text-model/quote-context";
import { textRangeAt, type TextRange } from "../text-model/text-range";
import { storableText } from "../validation/text";
import { asciiSlug, firstFreeId, isUniqueViolation, USER_ID_PREFIX } from "../user-ids";
import { coordinatesOf, coordinatesSchema, type Coordinates } from "../maps/coordinates";
import { anchorUnlinked, identifiersSchema } from "./curated-entities";
import { ENTITY_KINDS, type EntityKind } from "./entity-kinds";
import { matchAliases } from "./match-aliases";
import { proposeMentions } from "./propose-mentions";

/**
 * Entities readers make and change in the app (origin "user"), the look-up that finds an entity to
 * identify, and where a document names one. The schemas are exported for pages' server actions.
 *
 * In-app changes to a curated entity (an editor's PATCH) last until its curated file, or its
 * document, next changes: the import then writes the curated fields again. A reader's entity is
 * never touched by an import (its id, `u--...`, cannot be a curated id).
 */

/** Largest entity request body read (bytes). */
export const MAX_ENTITY_REQUEST_BYTES = 16 * 1024;

const name = storableText(200).trim().min(1, "must not be empty");
const aliases = z
  .array(storableText(200).trim().min(1, "must not be empty"))
  .max(50)
  .transform((list) => [...new Set(list)]);
const description = storableText(2000).trim();

/** `GET /api/entities?q=TEXT&limit=N`: what to look for, and how many entities at most. */
export const entityLookupQuerySchema = z
  .object({
    q: storableText(200).trim().min(1, "q must not be empty"),
    limit: z.coerce.number().int().min(1).max(50).default(10),
  })
  .strict();
export type EntityLookupQuery = z.infer<typeof entityLookupQuerySchema>;

/** `POST /api/entities`: a reader's new entity. */
export const entityCreateSchema = z
  .object({
    kind: z.enum(ENTITY_KINDS),
    name,
    aliases: aliases.default([]),
    description: description.default(""),
  })
  .strict();
export type EntityCreate = z.infer<typeof entityCreateSchema>;

/** `PATCH /api/entities/:id`: the fields to change (at least one). */
export const entityPatchSchema = z
  .object({
    kind: z.enum(ENTITY_KINDS).optional(),
    name: name.optional(),
    aliases: aliases.optional(),
    description: description.optional(),
    identifiers: identifiersSchema.optional(),
    /** A place's coordinates, set by an editor; null removes them. */
    coordinates: coordinatesSchema.nullable().optional(),
  })
  .strict()
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), "give at least one field to change");
export type EntityPatch = z.infer<typeof entityPatchSchema>;

/** An entity as the entity routes serve it. */
export interface EntityRecord {
  id: string;
  name: string;
  kind: EntityKind;
  aliases: string[];
  description: string;
  identifiers: Record<string, string>;
  origin: "curated" | "user";
  createdBy: { id: string; name: string } | null;
  /** A place's coordinates, from the gazetteer or an editor; null when unknown. */
  coordinates: Coordinates | null;
}

const recordSelect = {
  id: true,
  name: true,
  kind: true,
  aliases: true,
  description: true,
  identifiers: true,
  origin: true,
  updatedAt: true,
  createdBy: { select: { id: true, name: true } },
  latitude: true,
  longitude: true,
  coordinatesSource: true,
} as const;

type RecordRow = Prisma.EntityGetPayload<{ select: typeof recordSelect }>;

const toRecord = (row: RecordRow): EntityRecord => ({
  id: row.id,
  name: row.name,
  kind: row.kind as EntityKind,
  aliases: row.aliases,
  description: row.description,
  identifiers: (row.identifiers ?? {}) as Record<string, string>,
  origin: row.origin === "user" ? "user" : "curated",
  createdBy: row.createdBy,
  coordinates: coordinatesOf(row),
});

/** The strong ETag of an entity's state: a hash of its id and last change. */
export const entityEtag = (entity: { id: string; updatedAt: Date }) =>
  `"${createHash("sha256").update(`entity\n${entity.id}\n${entity.updatedAt.toISOString()}`).digest("hex").slice(0, 32)}"`;

/** One entity with its ETag, or null. */
export async function getEntityRecord(id: string): Promise<{ entity: EntityRecord; etag: string } | null> {
  const row = await getDb().entity.findUnique({ where: { id }, select: recordSelect });
  return row ? { entity: toRecord(row), etag: entityEtag(row) } : null;
}

/** Creates a reader's entity (origin "user") with a fresh `u--<slug of the name>` id. */
export async function createUserEntity(user: SessionUser, input: EntityCreate): Promise<{ entity: EntityRecord; etag: string }> {
  const db = getDb();
  const base = asciiSlug(input.name, "entity");
  for (let attempt = 0; ; attempt++) {
    const taken = await db.entity.findMany({ where: { id: { startsWith: `${USER_ID_PREFIX}${base}` } }, select: { id: true } });
    const id = firstFreeId(
      base,
      taken.map((e) => e.id),
    );
    try {
      const [row] = await db.$transaction([
        db.entity.create({
          data: {
            id,
            kind: input.kind,
            name: input.name,
            aliases: input.aliases.filter((a) => a !== input.name),
            description: input.description,
            origin: "user",
            createdById: user.id,
          },
          select: recordSelect,
        }),
        recordWrite(user.id),
      ]);
      return { entity: toRecord(row), etag: entityEtag(row) };
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 5) throw error;
    }
  }
}

/**
 * Changes an entity: editors any, the creator of a reader's entity their own. Refused as not_found
 * when unknown (or not theirs to know of: visibleEntityWhere), forbidden when not allowed, precondition_failed when `precondition` does not hold
 * for its ETag.
 */
export async function patchEntity(
  id: string,
  user: SessionUser,
  patch: EntityPatch,
  precondition: Precondition,
): Promise<{ entity: EntityRecord; etag: string }> {
  const db = getDb();
  const row = await db.entity.findFirst({
    where: { id, ...visibleEntityWhere(user) },
    select: { id: true, origin: true, createdById: true, updatedAt: true, name: true, kind: true },
  });
  if (!row) throw new DomainError("not_found", `No entity "${id}".`);
  const mine = row.origin === "user" && row.createdById === user.id;
  if (!mine && user.role !== "editor")
    throw new DomainError("forbidden", "Only an editor, or the reader who made this entity, may change it.");
  // Where a place is shows on every document's map: an editor's to say, like publishing.
  if (patch.coordinates !== undefined && user.role !== "editor")
    throw new DomainError("forbidden", "Only an editor may set a place's coordinates.");
  if (patch.coordinates && (patch.kind ?? row.kind) !== "place")
    throw new DomainError("invalid", "Only a place has coordinates.", [{ path: "coordinates", message: "the entity is not a place" }]);
  if (!precondition(entityEtag(row))) throw staleEntity();
  const nameAfter = patch.name ?? row.name;
  const data: Prisma.EntityUpdateManyMutationInput = {
    ...(patch.kind ? { kind: patch.kind } : {}),
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.aliases !== undefined ? { aliases: patch.aliases.filter((a) => a !== nameAfter) } : {}),
    ...(patch.description !== undefined ? { description: patch.description } : {}),
    ...(patch.identifiers !== undefined ? { identifiers: patch.identifiers as Prisma.InputJsonValue } : {}),
    ...(patch.coordinates !== undefined
      ? {
          latitude: patch.coordinates?.latitude ?? null,
          longitude: patch.coordinates?.longitude ?? null,
          // Removed by an editor stays removed: the import's gazetteer fills only undecided places.
          coordinatesSource: "editor",
        }
      : {}),
    // A later time than the old one even within the same millisecond, so the ETag always changes.
    updatedAt: new Date(Math.max(Date.now(), row.updatedAt.getTime() + 1)),
  };
  const [updated] = await db.$transaction([db.entity.updateMany({ where: { id, updatedAt: row.updatedAt }, data }), recordWrite(user.id)]);
  if (updated.count === 0) throw staleEntity();
  return (await getEntityRecord(id))!;
}

const staleEntity = () => new DomainError("precondition_failed", "The entity changed since you read it: GET it again.");

/** An entity the look-up found, with how often it is named publicly. */
export interface EntityMatch {
  id: string;
  name: string;
  kind: EntityKind;
  aliases: string[];
  description: string;
  origin: "curated" | "user";
  /** Public, anchored identifying annotations on the current version of any document the viewer can see. */
  mentions: number;
}

/** Least trigram word similarity for a fuzzy match (a name the query does not contain). */
export const ENTITY_FUZZY_THRESHOLD = 0.45;

/**
 * Entities `viewer` may know of (visibleEntityWhere) whose name or an alias matches `q`, ignoring case and diacritics: the name or an alias
 * equal to the query first, then starting with it, then with a word starting with it, then
 * containing it, then similar to it (pg_trgm word similarity of at least ENTITY_FUZZY_THRESHOLD);
 * within each, the more similar first, then the more often named (in the documents `viewer` can
 * see: a mention in another's private document is never counted), then by name.
 */
export async function lookUpEntities(q: string, limit: number, viewer: Viewer): Promise<EntityMatch[]> {
  const rows = await getDb().$queryRaw<
    Array<{ id: string; name: string; kind: string; aliases: string[]; description: string; origin: string; mentions: number }>
  >`
    WITH q AS (SELECT lower(unaccent(${q})) AS q)
    SELECT e.id, e.name, e.kind::text AS kind, e.aliases, e.description, e.origin,
           (SELECT count(*) FROM "Annotation" a JOIN "Document" d ON d.id = a."documentId" AND d."currentVersionId" = a."versionId"
             WHERE a."entityId" = e.id AND a.motivation = 'identifying' AND a.visibility = 'public' AND a.state <> 'orphaned'
               AND ${documentVisibleSql("d", viewer)})::int AS mentions
      FROM "Entity" e CROSS JOIN q
     CROSS JOIN LATERAL (
       SELECT CASE WHEN f = q.q THEN 0
                   WHEN left(f, length(q.q)) = q.q THEN 1
                   WHEN strpos(f, ' ' || q.q) > 0 OR strpos(f, '-' || q.q) > 0 THEN 2
                   WHEN strpos(f, q.q) > 0 THEN 3
                   ELSE 4 END AS rank,
              word_similarity(q.q, f) AS similarity
         FROM (SELECT lower(unaccent(form)) AS f FROM unnest(array_prepend(e.name, e.aliases)) AS form) forms
        ORDER BY 1, 2 DESC
        LIMIT 1
     ) best
     WHERE (best.rank < 4 OR best.similarity >= ${ENTITY_FUZZY_THRESHOLD}::real) AND ${entityVisibleSql("e", viewer)}
     ORDER BY best.rank, best.similarity DESC, mentions DESC, e.name, e.id
     LIMIT ${limit}`;
  return rows.map((r) => ({ ...r, kind: r.kind as EntityKind, origin: r.origin === "user" ? "user" : "curated" }));
}

/** Where a document's text names an entity and no one has identified it yet. */
export interface Occurrence extends TextRange {
  passageId: string;
  passageLabel: string;
  /**
   * Whether the alias matcher proposes it as a mention of the entity (`proposeMentions`): no longer
   * name of another entity of the text holds it, and the curated file does not list it as not a
   * mention. Only these are offered ticked.
   */
  proposed: boolean;
  /** Why the curated file says it is not a mention ("Adjective (Soviet setbacks), …"), when it does. */
  unlinked?: string;
}

const unlinkedListSchema = z.array(z.object({ snippet: z.string(), reason: z.string() })).catch([]);

/**
 * The occurrences of an entity's name and aliases in the current text of document `slug` (the
 * alias matcher: whole words, case-sensitive, longest name first), minus the ranges an anchored
 * identifying annotation already covers (any entity's) among those `viewerId` may see: public
 * ones and their own. Each says whether the matcher, run over the names of every entity the text
 * names, proposes it as a mention of this one. Null when the document (as `viewer` sees) or the
 * entity does not exist.
 */
export async function entityOccurrences(slug: string, entityId: string, viewer: Viewer): Promise<Occurrence[] | null> {
  const db = getDb();
  const viewerId = viewer?.id;
  const [document, entity] = await Promise.all([
    findVisibleDocument(slug, viewer, {
      id: true,
      unlinked: true,
      currentVersion: {
        select: {
          id: true,
          text: true,
          passages: { select: { anchor: true, label: true, start: true, end: true }, orderBy: { ordinal: "asc" } },
        },
      },
    }),
    db.entity.findFirst({ where: { id: entityId, ...visibleEntityWhere(viewer) }, select: { id: true, name: true, aliases: true } }),
  ]);
  if (!document?.currentVersion || !entity) return null;
  const version = document.currentVersion;
  const covered = await db.annotation.findMany({
    where: {
      documentId: document.id,
      versionId: version.id,
      motivation: "identifying",
      state: { not: "orphaned" },
      OR: [{ visibility: "public" }, ...(viewerId ? [{ visibility: "private" as const, creatorId: viewerId }] : [])],
    },
    select: { start: true, end: true, entityId: true },
  });
  // The other entities the text names: a longer name of one of them wins the words (as it did for the curated mentions).
  const named = [...new Set(covered.map((c) => c.entityId).filter((id): id is string => id !== null && id !== entity.id))];
  const others = await db.entity.findMany({
    where: { id: { in: named } },
    select: { id: true, name: true, aliases: true },
    orderBy: { id: "asc" },
  });
  const unlinked = anchorUnlinked(unlinkedListSchema.parse(document.unlinked), version.text);
  const reasons = new Map(unlinked.map((u) => [`${u.start}:${u.end}`, u.reason]));
  const entry = (e: { id: string; name: string; aliases: string[] }) => ({ entityId: e.id, names: [e.name, ...e.aliases] });
  const proposed = new Set(
    proposeMentions(version.text, [entry(entity), ...others.map(entry)], unlinked)
      .filter((m) => m.entityId === entity.id)
      .map((m) => `${m.start}:${m.end}`),
  );
  const occurrences: Occurrence[] = [];
  for (const m of matchAliases(version.text, [entry(entity)])) {
    if (covered.some((c) => c.start < m.end && m.start < c.end)) continue;
    const passage = passageContaining(version.passages, m.start, m.end);
    if (!passage) continue; // a name run across two passages is no mention
    const key = `${m.start}:${m.end}`;
    const reason = reasons.get(key);
    occurrences.push({
      ...textRangeAt(version.text, m.start, m.end),
      passageId: passage.anchor,
      passageLabel: passage.label,
      proposed: proposed.has(key),
      ...(reason === undefined ? {} : { unlinked: reason }),
    });
  }
  return occurrences;
}

import { randomUUID } from "node:crypto";
import { ApiError } from "../api/errors";
import { isStorableId } from "../api/json-body";
import type { SessionUser } from "../auth";
import { getDb } from "../db";
import { Prisma } from "../generated/prisma/client";
import { bodiesOf, resolveSelectors, targetAnnotationIri, textTargetOf, type AnnotationInput, type TextTarget } from "./protocol";
import { isUniqueViolation } from "../user-ids";
import { getAnnotation } from "./queries";
import { suggestedAnnotationId } from "./suggested-id";
import { annotationEtag } from "./w3c";

/**
 * Writes one account may make per minute: annotation creates, replaces and deletes, imports, and
 * the creation and changes of entities and claims all count against it.
 */
export const WRITES_PER_MINUTE = Number(process.env.GLOSS_WRITES_PER_MINUTE) || 60;

/**
 * 429 when `userId` has made WRITES_PER_MINUTE writes in the last minute. The count lives in the
 * database (WriteEvent rows), so every app instance shares it. Check and record are not one atomic
 * step: a burst of concurrent requests can overshoot the limit by a few writes.
 */
export async function checkRateLimit(userId: string): Promise<void> {
  const since = new Date(Date.now() - 60_000);
  const db = getDb();
  await db.writeEvent.deleteMany({ where: { userId, at: { lt: since } } });
  const recent = await db.writeEvent.count({ where: { userId, at: { gte: since } } });
  if (recent >= WRITES_PER_MINUTE)
    throw new ApiError(429, "rate_limited", `At most ${WRITES_PER_MINUTE} writes a minute: try again shortly.`);
}

/** The query that counts one write of `userId` (run it in the write's transaction). */
export const recordWrite = (userId: string) => getDb().writeEvent.create({ data: { userId } });

/** The document's current text and passages, or 404. */
export async function currentVersion(slug: string) {
  const document = await getDb().document.findUnique({
    where: { slug },
    select: {
      id: true,
      currentVersion: {
        select: {
          id: true,
          hash: true,
          text: true,
          passages: { select: { anchor: true, start: true, end: true }, orderBy: { ordinal: "asc" } },
        },
      },
    },
  });
  if (!document?.currentVersion) throw new ApiError(404, "not_found", `No document "${slug}".`);
  return { documentId: document.id, version: document.currentVersion };
}

/** Where an annotation lies: the stored anchor of its range (a reply copies its thread root's). */
interface AnchorFields {
  versionId: string;
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
  passageId: string;
  state: "exact" | "moved" | "fuzzy" | "orphaned";
}

/** The target's stored fields, resolved against the document's current version (422 if they do not fit). */
export function targetFields(
  version: Awaited<ReturnType<typeof currentVersion>>["version"],
  slug: string,
  target: TextTarget,
): AnchorFields {
  const source = target.source;
  if (source !== undefined) {
    let path: string;
    try {
      path = new URL(source).pathname;
    } catch {
      throw new ApiError(422, "invalid", "The target's source is not a URL.");
    }
    if (path !== `/documents/${encodeURIComponent(slug)}`)
      throw new ApiError(422, "invalid", `The target's source is not the document "${slug}".`);
  }
  const range = resolveSelectors(version.text, target.selector);
  const passage = version.passages.find((p) => p.start < range.end && range.start < p.end);
  if (!passage) throw new ApiError(422, "invalid", "The selected range lies outside every passage.");
  return { ...range, passageId: passage.anchor, versionId: version.id, state: "exact" as const };
}

/** The last path segment of `iri` when its path is `prefix<segment>` (`prefix` a pattern), decoded; null otherwise. Hosts are not compared (as for a target's source). */
function idInPath(iri: string, prefix: RegExp): string | null {
  let path: string;
  try {
    path = new URL(iri).pathname;
  } catch {
    return null;
  }
  const match = new RegExp(`^${prefix.source}([^/]+)$`).exec(path);
  if (!match) return null;
  try {
    const id = decodeURIComponent(match[1]);
    return isStorableId(id) ? id : null;
  } catch {
    return null;
  }
}

/**
 * The id of the annotation an IRI names, or null: `<origin>/api/documents/<slug>/annotations/<id>`
 * (what Gloss serves), or `<origin>/api/annotations/<id>` (what it served before, still resolving).
 */
export const annotationIdOf = (iri: string) =>
  idInPath(iri, /\/api\/documents\/[^/]+\/annotations\//) ?? idInPath(iri, /\/api\/annotations\//);
/** The id of the entity an IRI names (`<origin>/entities/<id>`, what identifying bodies point at), or null. */
export const entityIdOf = (iri: string) => idInPath(iri, /\/entities\//);

const anchorSelect = {
  versionId: true,
  exact: true,
  prefix: true,
  suffix: true,
  start: true,
  end: true,
  passageId: true,
  state: true,
} as const;

/**
 * The thread a reply joins: the root annotation of the thread the targeted annotation belongs to
 * (a reply to a reply joins its root's thread, so threads are flat). 422 when the target is not an
 * annotation IRI, lies on another document or is a curated annotation (those are rebuilt from
 * the content files, and would take their replies with them); 404 when the annotation does not
 * exist or `user` may not see it.
 */
async function replyThread(documentId: string, user: SessionUser, iri: string) {
  const id = annotationIdOf(iri);
  if (id === null)
    throw new ApiError(422, "invalid", "A reply's target must be the IRI of an annotation (…/api/documents/<slug>/annotations/<id>).");
  const select = { id: true, documentId: true, origin: true, visibility: true, creatorId: true, replyToId: true, ...anchorSelect } as const;
  const db = getDb();
  const parent = await db.annotation.findUnique({ where: { id }, select });
  const visible = (a: { visibility: string; creatorId: string | null } | null) =>
    !!a && (a.visibility === "public" || a.creatorId === user.id);
  if (!parent || !visible(parent)) throw new ApiError(404, "not_found", `No annotation "${id}" to reply to.`);
  if (parent.documentId !== documentId) throw new ApiError(422, "invalid", `The annotation "${id}" is on another document.`);
  const root = parent.replyToId ? await db.annotation.findUnique({ where: { id: parent.replyToId }, select }) : parent;
  if (!root || !visible(root)) throw new ApiError(404, "not_found", `No annotation "${id}" to reply to.`);
  if (root.origin !== "user")
    throw new ApiError(
      422,
      "invalid",
      "Replies go to readers' annotations: curated ones are rebuilt from the content files. Annotate the text instead.",
    );
  return root;
}

/** The fields of a new reply: the thread, its root's anchor, and private when the root is. */
async function replyFields(documentId: string, user: SessionUser, iri: string, input: AnnotationInput) {
  const root = await replyThread(documentId, user, iri);
  const anchor: AnchorFields = {
    versionId: root.versionId,
    exact: root.exact,
    prefix: root.prefix,
    suffix: root.suffix,
    start: root.start,
    end: root.end,
    passageId: root.passageId,
    state: root.state,
  };
  return { anchor, replyToId: root.id, visibility: root.visibility === "private" ? ("private" as const) : input.visibility };
}

/** The entity an identifying annotation's SpecificResource body names (`<origin>/entities/<id>`), if any. */
function linkedEntityId(input: AnnotationInput): string | null {
  if (input.motivation !== "identifying" || !input.body || Array.isArray(input.body) || input.body.type !== "SpecificResource") return null;
  return entityIdOf(input.body.source);
}

/** The ids among `ids` that name no entity. */
async function unknownEntities(ids: Array<string | null>): Promise<Set<string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Set();
  const found = await getDb().entity.findMany({ where: { id: { in: wanted } }, select: { id: true } });
  const known = new Set(found.map((e) => e.id));
  return new Set(wanted.filter((id) => !known.has(id)));
}

const noEntity = (id: string) => new ApiError(422, "invalid", `No entity "${id}": create it first (POST /api/entities).`);

/** The stored body: the bodies given, except an entity link, which lives in `entityId` (and is served from it). */
const bodyJson = (input: AnnotationInput, entityId: string | null) => {
  const bodies = entityId ? [] : bodiesOf(input);
  return bodies.length ? (bodies as Prisma.InputJsonValue) : Prisma.DbNull;
};

/** The row of a new reader's annotation. */
const newRow = (
  id: string,
  documentId: string,
  anchor: AnchorFields,
  user: SessionUser,
  input: AnnotationInput,
  links: { entityId: string | null; replyToId?: string; visibility?: "public" | "private" },
) => ({
  id,
  documentId,
  ...anchor,
  motivation: input.motivation,
  origin: "user",
  creatorId: user.id,
  visibility: links.visibility ?? input.visibility,
  body: bodyJson(input, links.entityId),
  entityId: links.entityId,
  replyToId: links.replyToId ?? null,
  // W3C Protocol 5.1: a canonical IRI is kept unchanged; the client's own id is kept as via.
  canonical: input.canonical ?? null,
  via: input.id ?? input.via ?? null,
});

/**
 * Creates a reader's annotation on a document; returns it as queries.getAnnotation does. A reply
 * (motivation replying, targeting an annotation's IRI) joins that annotation's thread; an
 * identifying annotation whose body is `<origin>/entities/<id>` links the entity (422 if unknown).
 * `slug` (a client's Slug header, W3C Protocol 5.2) suggests the new id: it is taken when it
 * makes a usable id no annotation has (see suggestedAnnotationId), and a generated id otherwise.
 */
export async function createAnnotation(
  slug: string,
  user: SessionUser,
  input: AnnotationInput,
  options: { suggestedSlug?: string | null } = {},
) {
  const { documentId, version } = await currentVersion(slug);
  const replyTo = targetAnnotationIri(input.target);
  const suggested = suggestedAnnotationId(options.suggestedSlug ?? null);
  const free = suggested !== null && !(await getDb().annotation.findUnique({ where: { id: suggested }, select: { id: true } }));
  const id = free ? suggested : randomUUID();
  let row: ReturnType<typeof newRow>;
  if (replyTo !== null) {
    const reply = await replyFields(documentId, user, replyTo, input);
    row = newRow(id, documentId, reply.anchor, user, input, { entityId: null, replyToId: reply.replyToId, visibility: reply.visibility });
  } else {
    const anchor = targetFields(version, slug, textTargetOf(input.target)!);
    const entityId = linkedEntityId(input);
    if (entityId && (await unknownEntities([entityId])).size) throw noEntity(entityId);
    row = newRow(id, documentId, anchor, user, input, { entityId });
  }
  await checkRateLimit(user.id);
  try {
    await getDb().$transaction([getDb().annotation.create({ data: row }), recordWrite(user.id)]);
  } catch (error) {
    // A concurrent create took the suggested id first: the suggestion falls back, as when taken.
    if (!(free && isUniqueViolation(error))) throw error;
    row = { ...row, id: randomUUID() };
    await getDb().$transaction([getDb().annotation.create({ data: row }), recordWrite(user.id)]);
  }
  return (await getAnnotation(row.id, user.id))!;
}

/**
 * Most annotations one import may create. An import is one write against WRITES_PER_MINUTE (so a
 * whole exported file can be brought in at once), and this separate, larger limit bounds it.
 */
export const IMPORT_MAX_ANNOTATIONS = Number(process.env.GLOSS_IMPORT_MAX_ANNOTATIONS) || 2000;

/** What became of one input of createAnnotations: the new annotation's id, or why it was refused. */
export type CreateOutcome = { id: string } | { error: ApiError };

/**
 * Creates many reader's annotations on a document as one write (an import): each input is
 * resolved against the current text exactly as createAnnotation resolves it, the ones that fit are
 * stored together, the others come back with their 4xx error. 413 beyond IMPORT_MAX_ANNOTATIONS,
 * 404 for an unknown document, 429 when the account is over its write limit.
 */
export async function createAnnotations(slug: string, user: SessionUser, inputs: AnnotationInput[]): Promise<CreateOutcome[]> {
  if (inputs.length > IMPORT_MAX_ANNOTATIONS)
    throw new ApiError(413, "too_large", `At most ${IMPORT_MAX_ANNOTATIONS} annotations an import (this one has ${inputs.length}).`);
  const { documentId, version } = await currentVersion(slug);
  const outcomes: CreateOutcome[] = [];
  const rows: Array<ReturnType<typeof newRow>> = [];
  const unknown = await unknownEntities(inputs.map(linkedEntityId));
  for (const input of inputs) {
    try {
      const target = textTargetOf(input.target);
      if (!target) throw new ApiError(422, "invalid", "A reply is not imported: post it to the annotation it answers.");
      const entityId = linkedEntityId(input);
      if (entityId && unknown.has(entityId)) throw noEntity(entityId);
      const id = randomUUID();
      rows.push(newRow(id, documentId, targetFields(version, slug, target), user, input, { entityId }));
      outcomes.push({ id });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      outcomes.push({ error });
    }
  }
  if (rows.length === 0) return outcomes;
  await checkRateLimit(user.id);
  await getDb().$transaction([getDb().annotation.createMany({ data: rows }), recordWrite(user.id)]);
  return outcomes;
}

/** True when `header` (an If-Match value) matches `etag`. */
export function ifMatches(header: string, etag: string): boolean {
  return header
    .split(",")
    .map((tag) => tag.trim())
    .some((tag) => tag === "*" || tag === etag);
}

/** Which annotation a change names: its id, and the document whose container its IRI is in (when it came by that IRI). */
export interface AnnotationRef {
  id: string;
  documentSlug?: string;
}

/**
 * The annotation `user` may change, after the If-Match precondition: 404 when they cannot see it
 * (a private annotation is its author's alone: editors get 404 too) or it is not in the container
 * named, 403 when it is not theirs (editors may change and remove any reader's public annotation:
 * moderation), 428/412 for If-Match.
 */
async function writable({ id, documentSlug }: AnnotationRef, user: SessionUser, ifMatch: string | null) {
  const row = await getDb().annotation.findUnique({
    where: { id },
    select: {
      id: true,
      modified: true,
      origin: true,
      creatorId: true,
      visibility: true,
      replyToId: true,
      claimId: true,
      canonical: true,
      via: true,
      document: { select: { slug: true } },
      replyTo: { select: { visibility: true } },
    },
  });
  if (
    !row ||
    (row.visibility === "private" && row.creatorId !== user.id) ||
    (documentSlug !== undefined && row.document.slug !== documentSlug)
  )
    throw new ApiError(404, "not_found", `No annotation "${id}".`);
  const mayWrite = row.origin === "user" && (row.creatorId === user.id || user.role === "editor");
  if (!mayWrite) throw new ApiError(403, "forbidden", "Only the annotation's author or an editor may change it.");
  if (ifMatch === null) throw new ApiError(428, "precondition_required", "Send If-Match with the annotation's ETag (GET it first).");
  if (!ifMatches(ifMatch, annotationEtag(row)))
    throw new ApiError(412, "precondition_failed", "The annotation changed since you read it: GET it again.");
  return row;
}

/**
 * Replaces body, motivation, visibility and target; returns the new state. A reply keeps its
 * motivation and its thread (its target must name the same root): only its body and visibility
 * change, and it stays private under a private root. An annotation with public replies by other
 * readers cannot become private (409: their replies would answer something no one else can see);
 * its author's own replies become private with it. Another reader's private reply does not stop
 * it and is not counted (its author alone may know of it: counting it would tell the root's
 * author it exists): it stays that reader's, private, answering a root they can no longer see,
 * and goes when the root is deleted, as every reply does.
 */
export async function replaceAnnotation(ref: AnnotationRef, user: SessionUser, input: AnnotationInput, ifMatch: string | null) {
  const { id } = ref;
  const row = await writable(ref, user, ifMatch);
  const provenance = keptProvenance(row, input);
  if (row.claimId)
    throw new ApiError(
      422,
      "invalid",
      "This annotation is evidence of a claim: change the claim (PATCH /api/claims/:id), or delete the evidence.",
    );
  const replyTo = targetAnnotationIri(input.target);
  const db = getDb();
  let data: Prisma.AnnotationUncheckedUpdateManyInput;
  let privatiseReplies = false;
  if (row.replyToId) {
    if (input.motivation !== "replying") throw new ApiError(422, "invalid", "A reply stays a reply: only its body can change.");
    if (replyTo === null || annotationIdOf(replyTo) !== row.replyToId)
      throw new ApiError(422, "invalid", "A reply's target cannot change: give the IRI of the annotation it answers.", {
        target: row.replyToId,
      });
    const visibility = row.replyTo?.visibility === "private" ? "private" : input.visibility;
    data = { visibility, body: bodyJson(input, null), ...provenance };
  } else {
    if (replyTo !== null)
      throw new ApiError(422, "invalid", "An annotation cannot become a reply: post a new annotation with the motivation replying.");
    const { version } = await currentVersion(row.document.slug);
    const fields = targetFields(version, row.document.slug, textTargetOf(input.target)!);
    const entityId = linkedEntityId(input);
    if (entityId && (await unknownEntities([entityId])).size) throw noEntity(entityId);
    if (input.visibility === "private" && row.visibility === "public") {
      const others = await db.annotation.count({ where: { replyToId: id, visibility: "public", NOT: { creatorId: row.creatorId } } });
      if (others > 0)
        throw new ApiError(409, "conflict", "Other readers have replied to this annotation, so it cannot become private.", {
          replies: others,
        });
      privatiseReplies = true;
    }
    data = {
      ...fields,
      motivation: input.motivation,
      visibility: input.visibility,
      body: bodyJson(input, entityId),
      entityId,
      ...provenance,
    };
  }
  await checkRateLimit(user.id);
  // A later time than the old one even within the same millisecond, so the ETag always changes.
  const modified = new Date(Math.max(Date.now(), row.modified.getTime() + 1));
  const [updated] = await db.$transaction([
    db.annotation.updateMany({ where: { id, modified: row.modified }, data: { ...data, modified } }),
    ...(privatiseReplies ? [db.annotation.updateMany({ where: { replyToId: id }, data: { visibility: "private" } })] : []),
    recordWrite(user.id),
  ]);
  if (updated.count === 0) throw new ApiError(412, "precondition_failed", "The annotation changed since you read it: GET it again.");
  return (await getAnnotation(id, row.creatorId))!;
}

/**
 * `canonical` and `via` after a replace: once set they stay as they are (W3C Protocol 5.3: a
 * server should refuse to change them), so a replacement may repeat them or leave them out (422
 * for another value); one not set yet may be given.
 */
function keptProvenance(row: { canonical: string | null; via: string | null }, input: AnnotationInput) {
  const kept = { canonical: row.canonical, via: row.via };
  for (const key of ["canonical", "via"] as const) {
    const given = input[key];
    if (given === undefined) continue;
    if (kept[key] !== null && kept[key] !== given)
      throw new ApiError(422, "invalid", `The annotation's ${key} cannot change: leave it out, or send it as it is.`, { [key]: kept[key] });
    kept[key] = given;
  }
  return kept;
}

/** Deletes the annotation (and, through the database's cascade, the replies of its thread). */
export async function deleteAnnotation(ref: AnnotationRef, user: SessionUser, ifMatch: string | null): Promise<void> {
  const { id } = ref;
  const row = await writable(ref, user, ifMatch);
  await checkRateLimit(user.id);
  const [deleted] = await getDb().$transaction([
    getDb().annotation.deleteMany({ where: { id, modified: row.modified } }),
    recordWrite(user.id),
  ]);
  if (deleted.count === 0) throw new ApiError(412, "precondition_failed", "The annotation changed since you read it: GET it again.");
}

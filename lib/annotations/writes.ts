import { randomUUID } from "node:crypto";
import { ApiError } from "../api/errors";
import type { SessionUser } from "../auth";
import { getDb } from "../db";
import { Prisma } from "../generated/prisma/client";
import { bodiesOf, resolveSelectors, type AnnotationInput } from "./protocol";
import { getAnnotation } from "./queries";
import { annotationEtag } from "./w3c";

/** Annotation writes (create, replace, delete) one account may make per minute. */
export const WRITES_PER_MINUTE = Number(process.env.GLOSS_WRITES_PER_MINUTE) || 60;

/**
 * 429 when `userId` has made WRITES_PER_MINUTE writes in the last minute. The count lives in the
 * database (WriteEvent rows), so every app instance shares it. Check and record are not one atomic
 * step: a burst of concurrent requests can overshoot the limit by a few writes.
 */
async function checkRateLimit(userId: string): Promise<void> {
  const since = new Date(Date.now() - 60_000);
  const db = getDb();
  await db.writeEvent.deleteMany({ where: { userId, at: { lt: since } } });
  const recent = await db.writeEvent.count({ where: { userId, at: { gte: since } } });
  if (recent >= WRITES_PER_MINUTE)
    throw new ApiError(429, "rate_limited", `At most ${WRITES_PER_MINUTE} annotation writes a minute: try again shortly.`);
}

const recordWrite = (userId: string) => getDb().writeEvent.create({ data: { userId } });

/** The document's current text and passages, or 404. */
async function currentVersion(slug: string) {
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

/** The target's stored fields, resolved against the document's current version (422 if they do not fit). */
function targetFields(version: Awaited<ReturnType<typeof currentVersion>>["version"], slug: string, input: AnnotationInput) {
  const source = input.target.source;
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
  const range = resolveSelectors(version.text, input.target.selector);
  const passage = version.passages.find((p) => p.start < range.end && range.start < p.end);
  if (!passage) throw new ApiError(422, "invalid", "The selected range lies outside every passage.");
  return { ...range, passageId: passage.anchor, versionId: version.id, state: "exact" as const };
}

const bodyJson = (input: AnnotationInput) => {
  const bodies = bodiesOf(input);
  return bodies.length ? (bodies as Prisma.InputJsonValue) : Prisma.DbNull;
};

/** The row of a new reader's annotation. */
const newRow = (id: string, documentId: string, fields: ReturnType<typeof targetFields>, user: SessionUser, input: AnnotationInput) => ({
  id,
  documentId,
  ...fields,
  motivation: input.motivation,
  origin: "user",
  creatorId: user.id,
  visibility: input.visibility,
  body: bodyJson(input),
});

/** Creates a reader's annotation on a document; returns it as queries.getAnnotation does. */
export async function createAnnotation(slug: string, user: SessionUser, input: AnnotationInput) {
  const { documentId, version } = await currentVersion(slug);
  const fields = targetFields(version, slug, input);
  await checkRateLimit(user.id);
  const id = randomUUID();
  await getDb().$transaction([getDb().annotation.create({ data: newRow(id, documentId, fields, user, input) }), recordWrite(user.id)]);
  return (await getAnnotation(id, user.id))!;
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
  for (const input of inputs) {
    try {
      const id = randomUUID();
      rows.push(newRow(id, documentId, targetFields(version, slug, input), user, input));
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

/**
 * The annotation `user` may change, after the If-Match precondition: 404 when they cannot see it,
 * 403 when it is not theirs (editors may change any reader's annotation), 428/412 for If-Match.
 */
async function writable(id: string, user: SessionUser, ifMatch: string | null) {
  const row = await getDb().annotation.findUnique({
    where: { id },
    select: { id: true, modified: true, origin: true, creatorId: true, visibility: true, document: { select: { slug: true } } },
  });
  if (!row || (row.visibility === "private" && row.creatorId !== user.id && user.role !== "editor"))
    throw new ApiError(404, "not_found", `No annotation "${id}".`);
  const mayWrite = row.origin === "user" && (row.creatorId === user.id || user.role === "editor");
  if (!mayWrite) throw new ApiError(403, "forbidden", "Only the annotation's author or an editor may change it.");
  if (ifMatch === null) throw new ApiError(428, "precondition_required", "Send If-Match with the annotation's ETag (GET it first).");
  if (!ifMatches(ifMatch, annotationEtag(row)))
    throw new ApiError(412, "precondition_failed", "The annotation changed since you read it: GET it again.");
  return row;
}

/** Replaces body, motivation, visibility and target; returns the new state. */
export async function replaceAnnotation(id: string, user: SessionUser, input: AnnotationInput, ifMatch: string | null) {
  const row = await writable(id, user, ifMatch);
  const { version } = await currentVersion(row.document.slug);
  const fields = targetFields(version, row.document.slug, input);
  await checkRateLimit(user.id);
  // A later time than the old one even within the same millisecond, so the ETag always changes.
  const modified = new Date(Math.max(Date.now(), row.modified.getTime() + 1));
  const [updated] = await getDb().$transaction([
    getDb().annotation.updateMany({
      where: { id, modified: row.modified },
      data: { ...fields, motivation: input.motivation, visibility: input.visibility, body: bodyJson(input), modified },
    }),
    recordWrite(user.id),
  ]);
  if (updated.count === 0) throw new ApiError(412, "precondition_failed", "The annotation changed since you read it: GET it again.");
  return (await getAnnotation(id, row.creatorId))!;
}

/** Deletes the annotation. */
export async function deleteAnnotation(id: string, user: SessionUser, ifMatch: string | null): Promise<void> {
  const row = await writable(id, user, ifMatch);
  await checkRateLimit(user.id);
  const [deleted] = await getDb().$transaction([
    getDb().annotation.deleteMany({ where: { id, modified: row.modified } }),
    recordWrite(user.id),
  ]);
  if (deleted.count === 0) throw new ApiError(412, "precondition_failed", "The annotation changed since you read it: GET it again.");
}

import { createHash, randomUUID } from "node:crypto";
import { z } from "zod";
import { recordWrite } from "../accounts/write-limit";
import { anchorIn, rangeOfWords } from "../anchoring/anchor";
import type { Precondition } from "../etag";
import type { SessionUser } from "../auth";
import { getDb } from "../db";
import { versionToAnchorOn } from "../documents/queries";
import { canSeeDocument, type Viewer } from "../documents/visibility";
import { visibleEntityWhere } from "../entities/entity-visibility";
import { DomainError } from "../errors";
import { storableText } from "../validation/text";
import { asciiSlug, firstFreeId, isUniqueViolation, USER_ID_PREFIX } from "../user-ids";
import { CLAIM_KINDS, STANCES } from "./claim-kinds";
import { DATE_PRECISIONS, dateText, PRECISION_MESSAGE, precisionMatches, precisionOf } from "./curated-claims";
import { getClaim } from "./queries";

/**
 * Claims readers make in the app (origin "user"): a statement about a document with the ranges of
 * its text that support, contradict or qualify it. The schemas are exported for pages' server
 * actions.
 *
 * A user claim's id is `u--<slug of the statement>` (never a curated id, so an import never
 * touches it); it sorts after the curated claims (ordinal from USER_CLAIM_ORDINAL_BASE). An
 * editor's change to a curated claim lasts until the document's claims file (or text) next
 * changes: the import then replaces the curated claims.
 */

/** Largest claim request body read (bytes). */
export const MAX_CLAIM_REQUEST_BYTES = 64 * 1024;
/** Most evidence ranges a claim is made with. */
export const MAX_EVIDENCE = 20;
/** Ordinals of user claims start here, after any curated file's. */
export const USER_CLAIM_ORDINAL_BASE = 1_000_000;

/**
 * A claim's date: `value` YYYY, YYYY-MM or YYYY-MM-DD (as in the curated claims files); the
 * precision follows from the form when not given (and must match it when given); `end` ends a
 * period and may not come before `value`.
 */
export const userClaimDateSchema = z
  .object({
    value: dateText,
    precision: z.enum(DATE_PRECISIONS).optional(),
    approximate: z.boolean().default(false),
    end: dateText.optional(),
  })
  .strict()
  .refine((d) => d.precision === undefined || precisionMatches(d.value, d.precision), { message: PRECISION_MESSAGE, path: ["precision"] })
  .refine((d) => d.end === undefined || d.end >= d.value, { message: "the end must not come before the date", path: ["end"] })
  .transform((d) => ({ value: d.value, precision: d.precision ?? precisionOf(d.value), approximate: d.approximate, end: d.end }));
export type UserClaimDate = z.infer<typeof userClaimDateSchema>;

const statement = storableText(1000).trim().min(1, "must not be empty");
const entityIds = z
  .array(storableText(200).min(1))
  .max(20)
  .transform((ids) => [...new Set(ids)]);

/** One range of evidence: `[start, end)` of the document's current plain text, and how it bears on the claim. */
export const evidenceInputSchema = z
  .object({
    start: z.number().int().min(0),
    end: z.number().int().min(0),
    stance: z.enum(STANCES),
  })
  .strict();

/** `POST /api/documents/:slug/claims`: a reader's new claim. */
export const claimCreateSchema = z
  .object({
    statement,
    kind: z.enum(CLAIM_KINDS),
    date: userClaimDateSchema.optional(),
    entities: entityIds.default([]),
    evidence: z.array(evidenceInputSchema).min(1, "a claim needs at least one range of evidence").max(MAX_EVIDENCE),
  })
  .strict();
export type ClaimCreate = z.infer<typeof claimCreateSchema>;

/** `PATCH /api/claims/:id`: the fields to change (at least one); `date: null` removes the date. */
export const claimPatchSchema = z
  .object({
    statement: statement.optional(),
    kind: z.enum(CLAIM_KINDS).optional(),
    date: userClaimDateSchema.nullable().optional(),
    entities: entityIds.optional(),
  })
  .strict()
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), "give at least one field to change");
export type ClaimPatch = z.infer<typeof claimPatchSchema>;

/** The strong ETag of a claim's state: a hash of its fields (claims keep no modification time). */
export function claimEtag(claim: {
  id: string;
  statement: string;
  kind: string;
  dateValue: string | null;
  dateEnd: string | null;
  datePrecision: string | null;
  dateApproximate: boolean;
  entityIds: string[];
}): string {
  const state = JSON.stringify([
    claim.id,
    claim.statement,
    claim.kind,
    claim.dateValue,
    claim.dateEnd,
    claim.datePrecision,
    claim.dateApproximate,
    claim.entityIds,
  ]);
  return `"${createHash("sha256").update(state).digest("hex").slice(0, 32)}"`;
}

const etagSelect = {
  id: true,
  statement: true,
  kind: true,
  dateValue: true,
  dateEnd: true,
  datePrecision: true,
  dateApproximate: true,
  entityIds: true,
} as const;

/** The ETag of claim `id`, or null when there is none. */
export async function currentClaimEtag(id: string): Promise<string | null> {
  const row = await getDb().claim.findUnique({ where: { id }, select: etagSelect });
  return row ? claimEtag(row) : null;
}

/** 422 naming the first of `ids` that is no entity (that `viewer` may know of). */
async function checkEntities(ids: string[], viewer: Viewer): Promise<void> {
  if (ids.length === 0) return;
  const found = await getDb().entity.findMany({ where: { id: { in: ids }, ...visibleEntityWhere(viewer) }, select: { id: true } });
  const known = new Set(found.map((e) => e.id));
  const missing = ids.find((id) => !known.has(id));
  if (missing) throw new DomainError("invalid", `No entity "${missing}".`);
}

const dateFields = (date: UserClaimDate | null | undefined) =>
  date === undefined
    ? {}
    : {
        dateValue: date?.value ?? null,
        dateEnd: date?.end ?? null,
        datePrecision: date?.precision ?? null,
        dateApproximate: date?.approximate ?? false,
      };

/**
 * Creates a reader's claim on document `slug` with one public evidence annotation per range
 * (motivation linking, with its stance), in one transaction counted as one write. Each range is
 * anchored in the current text as an annotation's words are (invalid, naming the range and the
 * reason, when it cannot be); unknown entities are invalid; not_found for an unknown document.
 * Returns the claim as getClaim gives it.
 */
export async function createUserClaim(slug: string, user: SessionUser, input: ClaimCreate) {
  const { documentId, version } = await versionToAnchorOn(slug, user);
  const seen = new Map<string, number>();
  const ranges = input.evidence.map((e, i) => {
    const key = `${e.start}:${e.end}`;
    if (seen.has(key)) throw new DomainError("invalid", `Evidence ${i + 1} repeats evidence ${seen.get(key)! + 1}.`);
    seen.set(key, i);
    try {
      return { ...anchorIn(version, rangeOfWords(version.text, e.start, e.end)), stance: e.stance };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      throw new DomainError(error.code, `Evidence ${i + 1} [${e.start}, ${e.end}): ${error.message}`, error.details);
    }
  });
  await checkEntities(input.entities, user);
  const db = getDb();
  const base = asciiSlug(input.statement, "claim");
  for (let attempt = 0; ; attempt++) {
    const [taken, last] = await Promise.all([
      db.claim.findMany({ where: { id: { startsWith: `${USER_ID_PREFIX}${base}` } }, select: { id: true } }),
      db.claim.aggregate({ where: { documentId }, _max: { ordinal: true } }),
    ]);
    const id = firstFreeId(
      base,
      taken.map((c) => c.id),
    );
    const ordinal = Math.max(last._max.ordinal ?? 0, USER_CLAIM_ORDINAL_BASE - 1) + 1;
    try {
      await db.$transaction([
        db.claim.create({
          data: {
            id,
            documentId,
            statement: input.statement,
            kind: input.kind,
            ...dateFields(input.date ?? null),
            entityIds: input.entities,
            ordinal,
            origin: "user",
            createdById: user.id,
          },
        }),
        db.annotation.createMany({
          data: ranges.map(({ stance, ...range }) => ({
            id: randomUUID(),
            documentId,
            ...range,
            motivation: "linking",
            origin: "user",
            creatorId: user.id,
            visibility: "public" as const,
            claimId: id,
            stance,
          })),
        }),
        recordWrite(user.id),
      ]);
      return (await getClaim(id, user))!;
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 5) throw error;
    }
  }
}

/**
 * The claim `user` may change: not_found when there is none (or it is about a document they
 * cannot see), forbidden unless they are an editor or made it (a user claim), precondition_failed
 * when `precondition` does not hold for its ETag.
 */
async function changeable(id: string, user: SessionUser, precondition: Precondition) {
  const row = await getDb().claim.findUnique({
    where: { id },
    select: { ...etagSelect, origin: true, createdById: true, document: { select: { visibility: true, ownerId: true } } },
  });
  if (!row || !canSeeDocument(row.document, user)) throw new DomainError("not_found", `No claim "${id}".`);
  const mine = row.origin === "user" && row.createdById === user.id;
  if (!mine && user.role !== "editor")
    throw new DomainError("forbidden", "Only an editor, or the reader who made this claim, may change it.");
  if (!precondition(claimEtag(row))) throw staleClaim();
  return row;
}

const staleClaim = () => new DomainError("precondition_failed", "The claim changed since you read it: GET it again.");

/** Changes a claim's statement, kind, date or entities; returns it as getClaim gives it. */
export async function patchClaim(id: string, user: SessionUser, patch: ClaimPatch, precondition: Precondition) {
  const row = await changeable(id, user, precondition);
  if (patch.entities) await checkEntities(patch.entities, user);
  const db = getDb();
  const [updated] = await db.$transaction([
    // Only when unchanged since it was read (the fields the ETag covers).
    db.claim.updateMany({
      where: {
        id,
        statement: row.statement,
        kind: row.kind,
        dateValue: row.dateValue,
        dateEnd: row.dateEnd,
        datePrecision: row.datePrecision,
        dateApproximate: row.dateApproximate,
        entityIds: { equals: row.entityIds },
      },
      data: {
        ...(patch.statement !== undefined ? { statement: patch.statement } : {}),
        ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
        ...dateFields(patch.date),
        ...(patch.entities !== undefined ? { entityIds: patch.entities } : {}),
      },
    }),
    recordWrite(user.id),
  ]);
  if (updated.count === 0) throw staleClaim();
  return (await getClaim(id, user))!;
}

/**
 * Deletes a claim and its evidence annotations. The sides of a conflict that name the claim stay
 * (they only lose the link to it).
 */
export async function deleteClaim(id: string, user: SessionUser, precondition: Precondition): Promise<void> {
  await changeable(id, user, precondition);
  const db = getDb();
  await db.$transaction([
    db.annotation.updateMany({ where: { claimId: id, conflictId: { not: null } }, data: { claimId: null } }),
    db.claim.deleteMany({ where: { id } }),
    recordWrite(user.id),
  ]);
}

import { z } from "zod";
import type { SessionUser } from "../auth";
import { DomainError } from "../errors";
import type { PrismaClient } from "../generated/prisma/client";
import { reviewableDocument } from "../entities/review-proposals";
import { claimCreateSchema, createUserClaim } from "./user-claims";

/**
 * The dated sentences an import proposes for the document's timeline, and their review: an
 * accepted one becomes a claim of kind "date" (the sentence as its statement and as its evidence,
 * its date with its precision), which the timeline then shows; a rejected one is left out. Who
 * may review is who may review the document's names (review-proposals.ts).
 */

/** `POST /api/documents/:slug/proposals/dates`. */
export const dateReviewSchema = z
  .object({ action: z.enum(["accept", "reject"]), ids: z.array(z.string().min(1).max(200)).min(1).max(1000) })
  .strict();
export type DateReview = z.infer<typeof dateReviewSchema>;

/** A date proposal as the API serves it. */
export interface DateProposalView {
  id: string;
  start: number;
  end: number;
  exact: string;
  passageId: string;
  dateText: string;
  date: { value: string; end: string | null; precision: string; approximate: boolean; edtf: string };
  score: number;
  status: string;
  claimId: string | null;
}

/** The date proposals of the document's current version, in text order (pending only, unless `all`). */
export async function listDateProposals(
  db: PrismaClient,
  slug: string,
  user: SessionUser | null,
  all = false,
): Promise<DateProposalView[]> {
  const document = await reviewableDocument(db, slug, user);
  const rows = await db.dateProposal.findMany({
    where: { documentId: document.id, versionId: document.currentVersionId, ...(all ? {} : { status: "pending" }) },
    orderBy: [{ start: "asc" }, { dateValue: "asc" }],
  });
  return rows.map((row) => ({
    id: row.id,
    start: row.start,
    end: row.end,
    exact: row.exact,
    passageId: row.passageId,
    dateText: row.dateText,
    date: { value: row.dateValue, end: row.dateEnd, precision: row.datePrecision, approximate: row.dateApproximate, edtf: row.edtf },
    score: row.score,
    status: row.status,
    claimId: row.claimId,
  }));
}

/** Accepts (each a claim on the timeline) or rejects pending date proposals. */
export async function reviewDates(
  db: PrismaClient,
  slug: string,
  user: SessionUser,
  review: DateReview,
): Promise<{ changed: number; claims: string[] }> {
  const document = await reviewableDocument(db, slug, user);
  const pending = await db.dateProposal.findMany({
    where: { id: { in: review.ids }, documentId: document.id, versionId: document.currentVersionId, status: "pending" },
    orderBy: { start: "asc" },
  });
  if (pending.length === 0) throw new DomainError("invalid", "No pending date proposal matches what was chosen.");
  if (review.action === "reject") {
    await db.dateProposal.updateMany({
      where: { id: { in: pending.map((p) => p.id) } },
      data: { status: "rejected", decidedAt: new Date(), decidedById: user.id },
    });
    return { changed: pending.length, claims: [] };
  }
  const claims: string[] = [];
  for (const p of pending) {
    const input = claimCreateSchema.parse({
      statement: p.exact.trim().slice(0, 1000),
      kind: "date",
      date: { value: p.dateValue, precision: p.datePrecision, approximate: p.dateApproximate, ...(p.dateEnd ? { end: p.dateEnd } : {}) },
      evidence: [{ start: p.start, end: p.end, stance: "supports" }],
    });
    const claim = await createUserClaim(slug, user, input);
    claims.push(claim.id);
    await db.dateProposal.update({
      where: { id: p.id },
      data: { status: "accepted", claimId: claim.id, decidedAt: new Date(), decidedById: user.id },
    });
  }
  return { changed: pending.length, claims };
}

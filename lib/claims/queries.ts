import { getDb } from "../db";
import { findVisibleDocument } from "../documents/queries";
import type { Viewer } from "../documents/visibility";
import type { ClaimKind, Stance } from "./claim-kinds";
import type { DatePrecision } from "./curated-claims";
import { publicConflictId } from "./ids";

/** A range of the text that bears on a claim. */
export interface EvidenceView {
  annotationId: string;
  stance: Stance;
  passageId: string;
  passageLabel: string;
  section: number;
  start: number;
  end: number;
  exact: string;
  note?: string;
}

export interface ClaimView {
  id: string;
  statement: string;
  kind: ClaimKind;
  date: { value: string; end?: string; precision: DatePrecision; approximate: boolean } | null;
  entities: string[];
  /** The section of the claim's first supporting passage (for grouping). */
  section: number;
  evidence: EvidenceView[];
  /** "curated" (from the content's claims file) or "user" (made by a reader). */
  origin: "curated" | "user";
  /** The reader who made a user claim (null for curated ones, or once that account is gone). */
  createdBy: { id: string; name: string } | null;
}

export interface ConflictSideView {
  annotationId: string;
  claimId?: string;
  passageId: string;
  passageLabel: string;
  start: number;
  end: number;
  exact: string;
}

export interface ConflictView {
  id: string;
  reason: string;
  sides: ConflictSideView[];
}

async function currentDocument(slug: string, viewer: Viewer) {
  const document = await findVisibleDocument(slug, viewer, { id: true, currentVersionId: true });
  if (!document?.currentVersionId) return null;
  const passages = await getDb().passage.findMany({
    where: { versionId: document.currentVersionId },
    select: { anchor: true, label: true, section: true },
  });
  return { ...document, versionId: document.currentVersionId, passages: new Map(passages.map((p) => [p.anchor, p])) };
}

const visibleRanges = { visibility: "public" as const, state: { not: "orphaned" as const } };

/** The claims about document `slug` with their evidence in text order; null for no such document (as `viewer` sees). */
export async function getDocumentClaims(slug: string, viewer: Viewer): Promise<ClaimView[] | null> {
  const document = await currentDocument(slug, viewer);
  if (!document) return null;
  const claims = await getDb().claim.findMany({
    where: { documentId: document.id },
    orderBy: [{ ordinal: "asc" }, { id: "asc" }],
    include: {
      evidence: { where: { ...visibleRanges, versionId: document.versionId, motivation: "linking" }, orderBy: { start: "asc" } },
      createdBy: { select: { id: true, name: true } },
    },
  });
  return claims.map((claim) => {
    const evidence = claim.evidence.map((e) => {
      const passage = document.passages.get(e.passageId);
      return {
        annotationId: e.id,
        stance: (e.stance ?? "supports") as Stance,
        passageId: e.passageId,
        passageLabel: passage?.label ?? "",
        section: passage?.section ?? 0,
        start: e.start,
        end: e.end,
        exact: e.exact,
        ...(e.body && typeof e.body === "object" && "note" in e.body ? { note: String((e.body as { note: unknown }).note) } : {}),
      };
    });
    const first = evidence.find((e) => e.stance === "supports") ?? evidence[0];
    return {
      id: claim.id,
      statement: claim.statement,
      kind: claim.kind as ClaimKind,
      date: claim.dateValue
        ? {
            value: claim.dateValue,
            ...(claim.dateEnd ? { end: claim.dateEnd } : {}),
            precision: claim.datePrecision as DatePrecision,
            approximate: claim.dateApproximate,
          }
        : null,
      entities: claim.entityIds,
      section: first?.section ?? 0,
      evidence,
      origin: claim.origin === "user" ? ("user" as const) : ("curated" as const),
      createdBy: claim.createdBy,
    };
  });
}

/**
 * One claim as getDocumentClaims gives it, with its document; null when there is no such claim,
 * or it is about a document `viewer` cannot see.
 */
export async function getClaim(id: string, viewer: Viewer): Promise<(ClaimView & { document: { slug: string; title: string } }) | null> {
  const claim = await getDb().claim.findUnique({ where: { id }, select: { document: { select: { slug: true, title: true } } } });
  if (!claim) return null;
  const found = (await getDocumentClaims(claim.document.slug, viewer))?.find((c) => c.id === id);
  return found ? { ...found, document: claim.document } : null;
}

/** A claim as the claims API serves it. */
export function claimJson(c: ClaimView) {
  return {
    id: c.id,
    statement: c.statement,
    kind: c.kind,
    date: c.date,
    entities: c.entities,
    origin: c.origin,
    createdBy: c.createdBy,
    evidence: c.evidence.map(({ annotationId, stance, passageId, passageLabel, start, end, exact, note }) => ({
      annotationId,
      stance,
      passageId,
      passageLabel,
      start,
      end,
      exact,
      ...(note ? { note } : {}),
    })),
  };
}

/** The conflicts inside document `slug`, each with its sides in text order; null for no such document (as `viewer` sees). */
export async function getDocumentConflicts(slug: string, viewer: Viewer): Promise<ConflictView[] | null> {
  const document = await currentDocument(slug, viewer);
  if (!document) return null;
  const conflicts = await getDb().conflict.findMany({
    where: { documentId: document.id },
    orderBy: [{ ordinal: "asc" }, { id: "asc" }],
    include: { sides: { where: { ...visibleRanges, versionId: document.versionId }, orderBy: { start: "asc" } } },
  });
  return conflicts.map((conflict) => ({
    id: publicConflictId(slug, conflict.id),
    reason: conflict.reason,
    sides: conflict.sides.map((side) => ({
      annotationId: side.id,
      ...(side.claimId ? { claimId: side.claimId } : {}),
      passageId: side.passageId,
      passageLabel: document.passages.get(side.passageId)?.label ?? "",
      start: side.start,
      end: side.end,
      exact: side.exact,
    })),
  }));
}

/** A conflict as the API serves it: its reason and its sides (a side's claim when it has one). */
export const conflictJson = (c: ConflictView) => ({
  id: c.id,
  reason: c.reason,
  sides: c.sides.map(({ claimId, passageId, passageLabel, start, end, exact }) => ({
    ...(claimId ? { claimId } : {}),
    passageId,
    passageLabel,
    start,
    end,
    exact,
  })),
});

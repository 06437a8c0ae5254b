import type { AnchorState } from "../anchoring/anchor-state";
import { reanchor, type Reanchored } from "../anchoring/reanchor";
import type { Prisma } from "../generated/prisma/client";
import { passageContaining } from "../text-model/quote-context";
import type { TextRange } from "../text-model/text-range";

type Tx = Prisma.TransactionClient;

/** One fuzzy or orphaned annotation in a re-anchoring report. */
export interface ReanchorDetail {
  id: string;
  state: Extract<AnchorState, "fuzzy" | "orphaned">;
  motivation: string;
  origin: string;
  /** The words it is on now (fuzzy), or the last words it had (orphaned). */
  exact: string;
  /** For a fuzzy one, the words it was on before. */
  priorExact?: string;
  passageId: string;
  /** Already orphaned before this re-anchoring. */
  wasOrphaned?: boolean;
}

/** What a re-anchoring did, by state (replies follow their thread and are not counted). */
export interface ReanchorReport {
  from: { id: string; hash: string; number: number };
  to: { id: string; hash: string; number: number };
  unchanged: number;
  moved: number;
  fuzzy: number;
  orphaned: number;
  durationMs: number;
  details: ReanchorDetail[];
}

interface VersionRef {
  id: string;
  hash: string;
  number: number;
  text: string;
}

interface Row extends TextRange {
  id: string;
  versionId: string;
  motivation: string;
  origin: string;
  replyToId: string | null;
  passageId: string;
  state: AnchorState;
  priorExact: string | null;
  reviewedAt: Date | null;
}

/**
 * Moves a document's annotations from the version that was current onto a new one, inside the
 * import's transaction: first keeps where each one was (its anchor in the old version, for the
 * history view), then re-anchors each (orphans too, from the version they were last placed in)
 * and writes the results in one statement per column set, then stores the report.
 *
 * A fuzzy anchor stays fuzzy, with the words it was first made on, until an editor reviews it;
 * an annotation that becomes fuzzy or orphaned enters the editors' queue again.
 *
 * @param skipCurated leave curated annotations alone (their files changed: they are derived anew)
 */
export async function reanchorDocumentAnnotations(
  tx: Tx,
  documentId: string,
  from: VersionRef,
  to: VersionRef & { passages: Array<{ anchor: string; start: number; end: number }> },
  skipCurated: boolean,
): Promise<ReanchorReport> {
  const began = performance.now();
  await tx.$executeRaw`
    INSERT INTO "AnnotationAnchor" ("annotationId", "versionId", exact, prefix, suffix, start, "end", "passageId", state)
    SELECT id, "versionId", exact, prefix, suffix, start, "end", "passageId", state
      FROM "Annotation" WHERE "documentId" = ${documentId} AND "versionId" = ${from.id} AND state <> 'orphaned'
    ON CONFLICT ("annotationId", "versionId") DO UPDATE SET
      exact = EXCLUDED.exact, prefix = EXCLUDED.prefix, suffix = EXCLUDED.suffix, start = EXCLUDED.start,
      "end" = EXCLUDED."end", "passageId" = EXCLUDED."passageId", state = EXCLUDED.state`;

  const rows: Row[] = await tx.annotation.findMany({
    where: { documentId, ...(skipCurated ? { origin: { not: "curated" } } : {}) },
    select: {
      id: true,
      versionId: true,
      motivation: true,
      origin: true,
      replyToId: true,
      exact: true,
      prefix: true,
      suffix: true,
      start: true,
      end: true,
      passageId: true,
      state: true,
      priorExact: true,
      reviewedAt: true,
    },
  });

  // Each group re-anchors from the text its selectors refer to.
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const group = groups.get(row.versionId);
    if (group) group.push(row);
    else groups.set(row.versionId, [row]);
  }
  const texts = new Map<string, string>([
    [from.id, from.text],
    [to.id, to.text],
  ]);
  const missing = [...groups.keys()].filter((id) => !texts.has(id));
  if (missing.length > 0) {
    for (const v of await tx.documentVersion.findMany({ where: { id: { in: missing } }, select: { id: true, text: true } }))
      texts.set(v.id, v.text);
  }

  const results = new Map<string, Reanchored>();
  for (const [versionId, group] of groups) {
    const outcomes = reanchor(texts.get(versionId)!, to.text, group);
    group.forEach((row, i) => results.set(row.id, outcomes[i]));
  }

  const update = {
    id: [] as string[],
    start: [] as number[],
    end: [] as number[],
    exact: [] as string[],
    prefix: [] as string[],
    suffix: [] as string[],
    passageId: [] as string[],
    state: [] as string[],
    priorExact: [] as Array<string | null>,
    reviewed: [] as boolean[],
  };
  const orphanedNow: string[] = [];
  const report = { unchanged: 0, moved: 0, fuzzy: 0, orphaned: 0, details: [] as ReanchorDetail[] };
  for (const row of rows) {
    const result = results.get(row.id)!;
    let state: Row["state"] = "orphaned";
    let priorExact: string | null = null;
    let passageId = row.passageId;
    if (result.state === "orphaned") {
      if (row.state !== "orphaned") orphanedNow.push(row.id);
    } else {
      const pending = row.state === "fuzzy" && row.reviewedAt === null;
      // A fuzzy anchor not yet reviewed stays fuzzy, with the words it was first on, even where
      // this edit left its words alone.
      state = result.state === "fuzzy" || pending ? "fuzzy" : result.state;
      priorExact = state === "fuzzy" ? (pending ? (row.priorExact ?? row.exact) : row.exact) : null;
      passageId =
        (passageContaining(to.passages, result.start, result.end) ?? to.passages.find((p) => p.start < result.end && result.start < p.end))
          ?.anchor ?? row.passageId;
      update.id.push(row.id);
      update.start.push(result.start);
      update.end.push(result.end);
      update.exact.push(result.exact);
      update.prefix.push(result.prefix);
      update.suffix.push(result.suffix);
      update.passageId.push(passageId);
      update.state.push(state);
      update.priorExact.push(priorExact);
      // A fuzzy anchor goes (back) to the editors' queue; an exact or moved one keeps its review.
      update.reviewed.push(state !== "fuzzy");
    }
    if (row.replyToId !== null) continue;
    const counted = state === "exact" ? "unchanged" : state;
    report[counted]++;
    if (state === "fuzzy" || state === "orphaned") {
      report.details.push({
        id: row.id,
        state,
        motivation: row.motivation,
        origin: row.origin,
        exact: state === "orphaned" ? row.exact : result.exact,
        ...(priorExact !== null ? { priorExact } : {}),
        passageId,
        ...(row.state === "orphaned" && state === "orphaned" ? { wasOrphaned: true } : {}),
      });
    }
  }

  if (update.id.length > 0) {
    await tx.$executeRaw`
      UPDATE "Annotation" AS a SET
        "versionId" = ${to.id}, start = u.start, "end" = u."end", exact = u.exact, prefix = u.prefix, suffix = u.suffix,
        "passageId" = u."passageId", state = u.state::"AnchorState", "priorExact" = u."priorExact",
        "reviewedAt" = CASE WHEN u.reviewed THEN a."reviewedAt" ELSE NULL END,
        "reviewedById" = CASE WHEN u.reviewed THEN a."reviewedById" ELSE NULL END
      FROM unnest(${update.id}::text[], ${update.start}::int[], ${update.end}::int[], ${update.exact}::text[], ${update.prefix}::text[],
                  ${update.suffix}::text[], ${update.passageId}::text[], ${update.state}::text[], ${update.priorExact}::text[],
                  ${update.reviewed}::boolean[])
        AS u(id, start, "end", exact, prefix, suffix, "passageId", state, "priorExact", reviewed)
      WHERE a.id = u.id`;
  }
  if (orphanedNow.length > 0) {
    await tx.annotation.updateMany({
      where: { id: { in: orphanedNow } },
      data: { state: "orphaned", reviewedAt: null, reviewedById: null },
    });
  }

  const durationMs = Math.round(performance.now() - began);
  const stored = {
    unchanged: report.unchanged,
    moved: report.moved,
    fuzzy: report.fuzzy,
    orphaned: report.orphaned,
    durationMs,
    details: report.details as unknown as Prisma.InputJsonValue,
  };
  await tx.reanchoring.create({ data: { documentId, fromVersionId: from.id, toVersionId: to.id, ...stored } });
  const ref = (v: VersionRef) => ({ id: v.id, hash: v.hash, number: v.number });
  return { from: ref(from), to: ref(to), ...report, durationMs };
}

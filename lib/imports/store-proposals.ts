import { randomUUID } from "node:crypto";
import type { ProposedDate } from "../claims/propose-dates";
import type { NameProposal } from "../entities/propose-names";
import { Prisma } from "../generated/prisma/client";
import { overlapIndex } from "../text-model/overlap-index";
import { passageContaining, quoteContext } from "../text-model/quote-context";

/** The version the proposals are made on. */
export interface ProposalTarget {
  documentId: string;
  versionId: string;
  text: string;
  passages: Array<{ id: string; start: number; end: number }>;
}

/**
 * Stores an import's proposed names inside its transaction (pending, for review), with the
 * gazetteer's point for each group of new places it places (`points`, [longitude, latitude]).
 */
export async function storeProposals(
  tx: Prisma.TransactionClient,
  target: ProposalTarget,
  proposals: NameProposal[],
  points: ReadonlyMap<string, [number, number]> = new Map(),
): Promise<number> {
  const rows: Prisma.ProposalCreateManyInput[] = [];
  for (const p of proposals) {
    const point = p.entityId ? undefined : points.get(p.group);
    const passage = passageContaining(target.passages, p.start, p.end);
    if (!passage) continue;
    const { prefix, suffix } = quoteContext(target.text, p.start, p.end);
    rows.push({
      id: randomUUID(),
      documentId: target.documentId,
      versionId: target.versionId,
      start: p.start,
      end: p.end,
      exact: p.exact,
      prefix,
      suffix,
      passageId: passage.id,
      kind: p.kind,
      entityId: p.entityId,
      name: p.name,
      group: p.group,
      source: p.source,
      score: p.score,
      longitude: point?.[0] ?? null,
      latitude: point?.[1] ?? null,
    });
  }
  await insertByArrays(tx, "Proposal", PROPOSAL_COLUMNS, rows);
  return rows.length;
}

/**
 * What a new version's proposals leave out: names its re-anchored mentions already cover, names
 * and dated sentences a reviewer rejected in an earlier version (the same words), and dated
 * sentences already decided (accepted ones are claims on the timeline). Call it inside the
 * import's transaction, after the version is stored and its annotations re-anchored.
 */
export async function undecidedProposals(
  tx: Prisma.TransactionClient,
  target: { documentId: string; versionId: string },
  proposed: { names: NameProposal[]; dates: ProposedDate[] },
): Promise<{ names: NameProposal[]; dates: ProposedDate[] }> {
  const [mentions, rejected, decidedDates] = await Promise.all([
    tx.annotation.findMany({
      where: { documentId: target.documentId, versionId: target.versionId, motivation: "identifying", state: { not: "orphaned" } },
      select: { start: true, end: true },
    }),
    tx.proposal.findMany({
      where: { documentId: target.documentId, status: "rejected" },
      select: { exact: true },
      distinct: ["exact"],
    }),
    tx.dateProposal.findMany({
      where: { documentId: target.documentId, status: { not: "pending" } },
      select: { exact: true },
      distinct: ["exact"],
    }),
  ]);
  const covered = overlapIndex(mentions);
  const rejectedNames = new Set(rejected.map((r) => r.exact));
  const decided = new Set(decidedDates.map((d) => d.exact));
  return {
    names: proposed.names.filter((p) => !rejectedNames.has(p.exact) && !covered(p)),
    dates: proposed.dates.filter((d) => !decided.has(d.exact)),
  };
}

/** Stores an import's dated sentences inside its transaction (pending, for the timeline's review). */
export async function storeDateProposals(
  tx: Prisma.TransactionClient,
  target: { documentId: string; versionId: string },
  dates: ProposedDate[],
): Promise<number> {
  const rows: Prisma.DateProposalCreateManyInput[] = dates.map((d) => ({
    id: randomUUID(),
    documentId: target.documentId,
    versionId: target.versionId,
    start: d.start,
    end: d.end,
    exact: d.exact,
    passageId: d.passageId,
    dateText: d.dateText,
    dateValue: d.dateValue,
    dateEnd: d.dateEnd ?? null,
    datePrecision: d.datePrecision,
    dateApproximate: d.dateApproximate,
    edtf: d.edtf,
    score: d.score,
  }));
  await insertByArrays(tx, "DateProposal", DATE_PROPOSAL_COLUMNS, rows);
  return rows.length;
}

/** A column and the PostgreSQL type of its array (an enum's values go as text, cast on insert). */
type Column<R> = [keyof R & string, string, string?];

const PROPOSAL_COLUMNS: Column<Prisma.ProposalCreateManyInput>[] = [
  ["id", "text"],
  ["documentId", "text"],
  ["versionId", "text"],
  ["start", "int"],
  ["end", "int"],
  ["exact", "text"],
  ["prefix", "text"],
  ["suffix", "text"],
  ["passageId", "text"],
  ["kind", "text", "EntityKind"],
  ["entityId", "text"],
  ["name", "text"],
  ["group", "text"],
  ["source", "text"],
  ["score", "float8"],
  ["latitude", "float8"],
  ["longitude", "float8"],
];

const DATE_PROPOSAL_COLUMNS: Column<Prisma.DateProposalCreateManyInput>[] = [
  ["id", "text"],
  ["documentId", "text"],
  ["versionId", "text"],
  ["start", "int"],
  ["end", "int"],
  ["exact", "text"],
  ["passageId", "text"],
  ["dateText", "text"],
  ["dateValue", "text"],
  ["dateEnd", "text"],
  ["datePrecision", "text", "DatePrecision"],
  ["dateApproximate", "boolean"],
  ["edtf", "text"],
  ["score", "float8"],
];

/**
 * Inserts rows with one INSERT of arrays (unnest) per 10,000 rows: an import proposes tens of
 * thousands of names, and createMany's bind parameters (one per field of every row) made storing
 * them the slowest step of a 1 MB import. Table and column names are this module's constants.
 */
async function insertByArrays<R extends object>(
  tx: Prisma.TransactionClient,
  table: string,
  columns: Column<R>[],
  rows: R[],
): Promise<void> {
  const names = Prisma.raw(columns.map(([name]) => `"${name}"`).join(", "));
  const selected = Prisma.raw(columns.map(([, , cast], i) => (cast ? `c${i}::"${cast}"` : `c${i}`)).join(", "));
  const aliases = Prisma.raw(columns.map((_, i) => `c${i}`).join(", "));
  for (let i = 0; i < rows.length; i += 10_000) {
    const chunk = rows.slice(i, i + 10_000);
    const arrays = Prisma.join(
      columns.map(
        ([name, type]) => Prisma.sql`${chunk.map((row) => (row as Record<string, unknown>)[name] ?? null)}::${Prisma.raw(type)}[]`,
      ),
    );
    await tx.$executeRaw`INSERT INTO ${Prisma.raw(`"${table}"`)} (${names}) SELECT ${selected} FROM unnest(${arrays}) AS u(${aliases})`;
  }
}

import { randomUUID } from "node:crypto";
import type { ProposedDate } from "../claims/propose-dates";
import type { NameProposal } from "../entities/propose-names";
import type { Prisma } from "../generated/prisma/client";
import { passageContaining, quoteContext } from "../text-model/quote-context";

/** The version the proposals are made on. */
export interface ProposalTarget {
  documentId: string;
  versionId: string;
  text: string;
  passages: Array<{ id: string; start: number; end: number }>;
}

/** Stores an import's proposed names inside its transaction (pending, for review). */
export async function storeProposals(tx: Prisma.TransactionClient, target: ProposalTarget, proposals: NameProposal[]): Promise<number> {
  const rows: Prisma.ProposalCreateManyInput[] = [];
  for (const p of proposals) {
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
    });
  }
  // One INSERT of arrays per 10,000 rows: a 1 MB text proposes tens of thousands of names, which
  // createMany's bind parameters (16 a row) made the slowest step of an import.
  for (let i = 0; i < rows.length; i += 10_000) {
    const chunk = rows.slice(i, i + 10_000);
    const column = <K extends keyof Prisma.ProposalCreateManyInput>(key: K) => chunk.map((row) => row[key] ?? null);
    await tx.$executeRaw`
      INSERT INTO "Proposal" ("id", "documentId", "versionId", "start", "end", "exact", "prefix", "suffix", "passageId", "kind", "entityId", "name", "group", "source", "score")
      SELECT u.id, u.document, u.version, u.s, u.e, u.exact, u.prefix, u.suffix, u.passage, u.kind::"EntityKind", u.entity, u.name, u.grp, u.source, u.score
      FROM unnest(${column("id")}::text[], ${column("documentId")}::text[], ${column("versionId")}::text[], ${column("start")}::int[],
                  ${column("end")}::int[], ${column("exact")}::text[], ${column("prefix")}::text[], ${column("suffix")}::text[],
                  ${column("passageId")}::text[], ${column("kind")}::text[], ${column("entityId")}::text[], ${column("name")}::text[],
                  ${column("group")}::text[], ${column("source")}::text[], ${column("score")}::float8[])
        AS u(id, document, version, s, e, exact, prefix, suffix, passage, kind, entity, name, grp, source, score)`;
  }
  return rows.length;
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
  for (let i = 0; i < rows.length; i += 10_000) {
    const chunk = rows.slice(i, i + 10_000);
    const column = <K extends keyof Prisma.DateProposalCreateManyInput>(key: K) => chunk.map((row) => row[key] ?? null);
    await tx.$executeRaw`
      INSERT INTO "DateProposal" ("id", "documentId", "versionId", "start", "end", "exact", "passageId", "dateText", "dateValue", "dateEnd", "datePrecision", "dateApproximate", "edtf", "score")
      SELECT u.id, u.document, u.version, u.s, u.e, u.exact, u.passage, u.words, u.value, u.ending, u.precision::"DatePrecision", u.approximate, u.edtf, u.score
      FROM unnest(${column("id")}::text[], ${column("documentId")}::text[], ${column("versionId")}::text[], ${column("start")}::int[],
                  ${column("end")}::int[], ${column("exact")}::text[], ${column("passageId")}::text[], ${column("dateText")}::text[],
                  ${column("dateValue")}::text[], ${column("dateEnd")}::text[], ${column("datePrecision")}::text[],
                  ${column("dateApproximate")}::boolean[], ${column("edtf")}::text[], ${column("score")}::float8[])
        AS u(id, document, version, s, e, exact, passage, words, value, ending, precision, approximate, edtf, score)`;
  }
  return rows.length;
}

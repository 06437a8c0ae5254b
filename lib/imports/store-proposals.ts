import { randomUUID } from "node:crypto";
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
  for (let i = 0; i < rows.length; i += 5000) await tx.proposal.createMany({ data: rows.slice(i, i + 5000) });
  return rows.length;
}

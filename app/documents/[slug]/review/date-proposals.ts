import { getDb } from "@/lib/db";

/** A dated statement proposed for the timeline, as the review queue lists it. */
export interface DateProposalView {
  id: string;
  exact: string;
  passageId: string;
  dateText: string;
  edtf: string;
}

/**
 * The pending date proposals of the document's current version, in text order. Call it only for
 * someone who may review the document (the page checks that first): it does not check again.
 */
export async function pendingDateProposals(slug: string): Promise<DateProposalView[]> {
  const document = await getDb().document.findUnique({ where: { slug }, select: { id: true, currentVersionId: true } });
  if (!document?.currentVersionId) return [];
  return getDb().dateProposal.findMany({
    where: { documentId: document.id, versionId: document.currentVersionId, status: "pending" },
    orderBy: [{ start: "asc" }, { end: "asc" }],
    select: { id: true, exact: true, passageId: true, dateText: true, edtf: true },
  });
}

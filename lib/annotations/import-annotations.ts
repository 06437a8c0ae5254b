import { randomUUID } from "node:crypto";
import { recordWrite } from "../accounts/write-limit";
import { anchorQuote } from "../anchoring/anchor-quote";
import type { SessionUser } from "../auth";
import { getDb } from "../db";
import { versionToAnchorOn } from "../documents/queries";
import { DomainError, oneLine } from "../errors";
import { anchorTarget } from "./anchor-target";
import { newAnnotationRow, noEntity, unknownEntities, type NewAnnotationRow } from "./annotation-row";
import type { AnnotationDraft, TextDraft } from "./types";

/**
 * Most annotations one import may create. An import is one write against the per-minute write
 * limit (so a whole exported file can be brought in at once), and this separate, larger limit
 * bounds it.
 */
export const IMPORT_MAX_ANNOTATIONS = Number(process.env.GLOSS_IMPORT_MAX_ANNOTATIONS) || 2000;

/** One annotation an import did not create, and why. */
export interface ImportFailure {
  /** Its position in the imported list (0-based). */
  index: number;
  /** Its `id` in the imported file, when it had one. */
  id?: string;
  /** Its quote, when it had one. */
  exact?: string;
  reason: string;
}

/** What an import answers: how many annotations it created and which it did not. */
export interface ImportReport {
  imported: number;
  failed: ImportFailure[];
}

/**
 * One item of an imported list as its format read it: a draft, or the reason it is none; with its
 * position and what names it in a failure (its id and quote in the file).
 */
export type ImportItem = { index: number; label: { id?: string; exact?: string } } & ({ draft: AnnotationDraft } | { reason: string });

/**
 * One imported item made ready to create on a document whose current plain text is `text`: it is
 * anchored by its quote (see anchorQuote), and the draft it becomes targets the range found, with
 * the quote the create checks against it, and no document (the import names it). A failure
 * otherwise: not a draft, a reply, no quote, or a quote not (or not unambiguously) in the text.
 */
export function prepareImportItem(item: ImportItem, text: string): { draft: TextDraft } | { failure: ImportFailure } {
  const fail = (reason: string) => ({ failure: { index: item.index, ...item.label, reason } });
  if ("reason" in item) return fail(item.reason);
  const { draft } = item;
  if (draft.kind === "reply")
    return fail("a reply (its target is another annotation) is not imported: post it to the annotation it answers");
  const { quote, position } = draft.target;
  if (!quote) return fail("no TextQuoteSelector: an import anchors annotations by their quote");
  const anchored = anchorQuote(text, quote, position);
  if ("reason" in anchored) return fail(anchored.reason);
  return { draft: { ...draft, target: { quote: { exact: quote.exact }, position: anchored } } };
}

/**
 * Creates the importable items as `user`'s annotations on document `slug`, as one write: each is
 * anchored by its quote in the current text (prepareImportItem) and then placed as a create places
 * it; the ones that fit are stored together, the others are reported with their reason. Refused
 * as too_large beyond IMPORT_MAX_ANNOTATIONS, not_found for an unknown document.
 */
export async function importAnnotations(slug: string, user: SessionUser, items: ImportItem[]): Promise<ImportReport> {
  if (items.length > IMPORT_MAX_ANNOTATIONS)
    throw new DomainError("too_large", `At most ${IMPORT_MAX_ANNOTATIONS} annotations an import (this one has ${items.length}).`);
  const { documentId, version } = await versionToAnchorOn(slug, user);
  const prepared = items.map((item) => ({ item, ...prepareImportItem(item, version.text) }));
  const unknown = await unknownEntities(
    prepared.map((p) => ("draft" in p ? p.draft.entityId : null)),
    user,
  );
  const failed: ImportFailure[] = [];
  const rows: NewAnnotationRow[] = [];
  for (const entry of prepared) {
    if ("failure" in entry) {
      failed.push(entry.failure);
      continue;
    }
    const { item, draft } = entry;
    try {
      if (draft.entityId && unknown.has(draft.entityId)) throw noEntity(draft.entityId);
      const anchor = anchorTarget(version, slug, draft.target);
      rows.push(newAnnotationRow(randomUUID(), documentId, anchor, user.id, draft, { entityId: draft.entityId }));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      failed.push({ index: item.index, ...item.label, reason: oneLine(error) });
    }
  }
  if (rows.length > 0) await getDb().$transaction([getDb().annotation.createMany({ data: rows }), recordWrite(user.id)]);
  return { imported: rows.length, failed: failed.sort((a, b) => a.index - b.index) };
}

import { TextDiff } from "../anchoring/text-diff";
import { getDb } from "../db";
import { findVisibleDocument } from "./queries";
import type { Viewer } from "./visibility";

/**
 * Where a passage a link names (`#p-…`) is in the current text. Passage ids hash their words, so
 * an edited passage has a new id, and a link made before the edit names one the current text lacks:
 * - `current`: the current text has it;
 * - `changed`: it was in an earlier version, and the current passage holding most of where its
 *   words went is `passageId`;
 * - `gone`: it was in an earlier version, and its words are all gone.
 * `was` is the passage as the link knew it: its label and the last version that had it.
 */
export type PassageWhereabouts =
  | { state: "current"; passageId: string; label: string }
  | { state: "changed"; passageId: string; label: string; was: { label: string; version: number } }
  | { state: "gone"; was: { label: string; version: number } };

/**
 * Where the passage `anchor` of the document `slug` is now; null when no version of it had one
 * (or `viewer` cannot see the document).
 */
export async function followPassage(slug: string, anchor: string, viewer: Viewer): Promise<PassageWhereabouts | null> {
  const db = getDb();
  const document = await findVisibleDocument(slug, viewer, { id: true, currentVersion: { select: { id: true, text: true } } });
  const current = document?.currentVersion;
  if (!document || !current) return null;
  const here = await db.passage.findFirst({ where: { versionId: current.id, anchor }, select: { anchor: true, label: true } });
  if (here) return { state: "current", passageId: here.anchor, label: here.label };
  const earlier = await db.passage.findFirst({
    where: { anchor, version: { documentId: document.id } },
    orderBy: { version: { number: "desc" } },
    select: { start: true, end: true, label: true, version: { select: { number: true, text: true } } },
  });
  if (!earlier) return null;
  const was = { label: earlier.label, version: earlier.version.number };
  const image = TextDiff.between(earlier.version.text, current.text).image(earlier.start, earlier.end);
  if (image.end <= image.start) return { state: "gone", was };
  const overlapping = await db.passage.findMany({
    where: { versionId: current.id, start: { lt: image.end }, end: { gt: image.start } },
    select: { anchor: true, label: true, start: true, end: true },
    orderBy: { ordinal: "asc" },
  });
  let best: (typeof overlapping)[number] | undefined;
  let bestOverlap = 0;
  for (const p of overlapping) {
    const overlap = Math.min(p.end, image.end) - Math.max(p.start, image.start);
    if (overlap > bestOverlap) [best, bestOverlap] = [p, overlap];
  }
  return best ? { state: "changed", passageId: best.anchor, label: best.label, was } : { state: "gone", was };
}

/** A piece of a passage's text, marked with the range that covers it (if any). */
export interface Segment<R> {
  text: string;
  /** Offset of the piece in the document's plain text. */
  start: number;
  range?: R;
}

/**
 * Cuts a passage's text into plain and marked pieces. `ranges` are document offsets (UTF-16,
 * end exclusive) sorted by start and not overlapping; parts of a range outside the passage are
 * ignored, and a range overlapping an earlier one is skipped.
 */
export function segmentText<R extends { start: number; end: number }>(text: string, passageStart: number, ranges: R[]): Segment<R>[] {
  const segments: Segment<R>[] = [];
  const passageEnd = passageStart + text.length;
  let cursor = passageStart;
  for (const range of ranges) {
    const start = Math.max(range.start, passageStart);
    const end = Math.min(range.end, passageEnd);
    if (end <= start || start < cursor) continue;
    if (start > cursor) segments.push({ text: text.slice(cursor - passageStart, start - passageStart), start: cursor });
    segments.push({ text: text.slice(start - passageStart, end - passageStart), start, range });
    cursor = end;
  }
  if (cursor < passageEnd || segments.length === 0) segments.push({ text: text.slice(cursor - passageStart), start: cursor });
  return segments;
}

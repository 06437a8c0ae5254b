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

/** A piece of a text with every range that covers it (none for plain text). */
export interface CoveredSegment<R> {
  text: string;
  /** Offset of the piece in the document's plain text. */
  start: number;
  ranges: R[];
}

/**
 * Cuts a text (starting at document offset `textStart`) at every edge of `ranges`, which may
 * overlap and come in any order: each piece lists the ranges covering all of it, in the order
 * given. Parts of ranges outside the text and empty ranges are ignored; the pieces rebuild the text.
 */
export function coverText<R extends { start: number; end: number }>(text: string, textStart: number, ranges: R[]): CoveredSegment<R>[] {
  const textEnd = textStart + text.length;
  const inside = ranges.filter((r) => Math.min(r.end, textEnd) > Math.max(r.start, textStart));
  const edges = new Set<number>([textStart, textEnd]);
  for (const r of inside) {
    edges.add(Math.max(r.start, textStart));
    edges.add(Math.min(r.end, textEnd));
  }
  const points = [...edges].sort((a, b) => a - b);
  if (points.length === 1) return [{ text, start: textStart, ranges: [] }];
  const segments: CoveredSegment<R>[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [start, end] = [points[i], points[i + 1]];
    segments.push({
      text: text.slice(start - textStart, end - textStart),
      start,
      ranges: inside.filter((r) => r.start <= start && r.end >= end),
    });
  }
  return segments;
}

/**
 * The ranges that overlap each passage, keyed by passage id, each list in the order given.
 * `passages` are in reading order and do not overlap; a range across passages goes to each, and
 * an empty range to none.
 */
export function rangesByPassage<R extends { start: number; end: number }>(
  passages: Array<{ id: string; start: number; end: number }>,
  ranges: R[],
): Map<string, R[]> {
  const byPassage = new Map<string, R[]>();
  for (const range of ranges) {
    // The first passage ending after the range starts (binary search), then every one it reaches.
    let low = 0;
    let high = passages.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (passages[mid].end <= range.start) low = mid + 1;
      else high = mid;
    }
    for (let i = low; i < passages.length && passages[i].start < range.end; i++) {
      const p = passages[i];
      if (Math.min(p.end, range.end) <= Math.max(p.start, range.start)) continue;
      const list = byPassage.get(p.id);
      if (list) list.push(range);
      else byPassage.set(p.id, [range]);
    }
  }
  return byPassage;
}

/** A range of a text: UTF-16 offsets, `end` exclusive. */
type Range = { start: number; end: number };

/**
 * Whether a range overlaps any of `ranges`, in logarithmic time: the ranges sorted by start, with
 * the greatest end so far, so that a binary search finds the last range starting before `range`
 * ends and the running maximum says whether any of those reaches past its start.
 */
export function overlapIndex(ranges: Range[]): (range: Range) => boolean {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const starts = sorted.map((r) => r.start);
  const reach: number[] = [];
  let max = -Infinity;
  for (const r of sorted) reach.push((max = Math.max(max, r.end)));
  return (range) => {
    let low = 0;
    let high = starts.length - 1;
    let last = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (starts[middle] < range.end) {
        last = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    return last >= 0 && reach[last] > range.start;
  };
}

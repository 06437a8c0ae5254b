/** Characters of context kept on each side of a quote (TextQuoteSelector prefix and suffix). */
export const CONTEXT_LENGTH = 32;

/**
 * The W3C TextQuoteSelector fields for `[start, end)` of `text` (UTF-16 offsets): the exact
 * words and up to 32 characters before and after them.
 */
export function quoteContext(text: string, start: number, end: number, length = CONTEXT_LENGTH) {
  return {
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - length), start),
    suffix: text.slice(end, end + length),
  };
}

/** The passage (by its offsets) that contains the whole range, or undefined. */
export function passageContaining<P extends { start: number; end: number }>(passages: P[], start: number, end: number): P | undefined {
  let low = 0;
  let high = passages.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const passage = passages[middle];
    if (start < passage.start) high = middle - 1;
    else if (start >= passage.end) low = middle + 1;
    else return end <= passage.end ? passage : undefined;
  }
  return undefined;
}

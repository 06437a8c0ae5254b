/**
 * Edit distance (Levenshtein: insertions, deletions and substitutions of UTF-16 code units),
 * in O(a·b) time and O(b) space. Used on quotes and their 32-character contexts only.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = new Array<number>(b.length + 1);
  let current = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      current[j] = Math.min(substitution, previous[j] + 1, current[j - 1] + 1);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length];
}

/**
 * How alike a quote and the words found for it are: 1 − edit distance / the quote's length
 * (at least 0). 1 means equal; 0.8 means one edit per five characters of the quote.
 */
export function quoteSimilarity(quote: string, found: string): number {
  if (quote.length === 0) return found.length === 0 ? 1 : 0;
  return Math.max(0, 1 - editDistance(quote, found) / quote.length);
}

/**
 * How alike two contexts are: 1 − edit distance / the longer one's length; two empty contexts
 * (a quote at the very start or end of the text) agree fully.
 */
export function contextSimilarity(expected: string, found: string): number {
  const longest = Math.max(expected.length, found.length);
  if (longest === 0) return 1;
  return 1 - editDistance(expected, found) / longest;
}

/** pg_trgm's trigrams of one word: lower-cased, padded with two spaces before and one after. */
function trigrams(word: string): Set<string> {
  const padded = `  ${word.toLowerCase()} `;
  const set = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) set.add(padded.slice(i, i + 3));
  return set;
}

/**
 * The trigram similarity of two words as pg_trgm's `similarity()` computes it: shared trigrams
 * over all trigrams of either, from 0 (nothing shared) to 1 (same word up to case). Used to
 * find the words a misspelt query matched ("Qasimy" and "Qasimi": 0.56).
 *
 * Pure: no I/O.
 */
export function trigramSimilarity(a: string, b: string): number {
  const x = trigrams(a);
  const y = trigrams(b);
  let shared = 0;
  for (const t of x) if (y.has(t)) shared++;
  const union = x.size + y.size - shared;
  return union === 0 ? 0 : shared / union;
}

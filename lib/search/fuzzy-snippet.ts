import { trigramSimilarity } from "./trigram-similarity";
import type { SnippetSegment } from "./types";

export interface FuzzySnippetOptions {
  /** Least trigram similarity for a word of the text to count as matching a query word. */
  threshold?: number;
  /** How many words of the text the snippet shows at most. */
  maxWords?: number;
}

const fold = (word: string) => word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/**
 * A snippet of `text` around the words that match `queryWords` by spelling rather than exactly
 * (a misspelt "Qasimy" marks "Qasimi"), as segments: words whose trigram similarity to a query
 * word reaches the threshold, or that start with one, are matches. The window of `maxWords`
 * words is centred on the first match; an ellipsis marks text cut off. No match: the start of
 * the text, unmarked.
 *
 * Pure: no I/O.
 */
export function fuzzySnippet(text: string, queryWords: string[], options: FuzzySnippetOptions = {}): SnippetSegment[] {
  const threshold = options.threshold ?? 0.45;
  const maxWords = options.maxWords ?? 30;
  const wanted = queryWords.map(fold).filter(Boolean);
  // Words with the text after each (spaces and punctuation), so the pieces rebuild the text.
  const tokens = [...text.matchAll(/([\p{L}\p{N}\p{M}]+)|([^\p{L}\p{N}\p{M}]+)/gu)].map((m) => ({ text: m[0], word: Boolean(m[1]) }));
  const isMatch = (word: string) => {
    const w = fold(word);
    return wanted.some((q) => w.startsWith(q) || (q.length >= 3 && trigramSimilarity(q, w) >= threshold));
  };
  const wordIndexes = tokens.flatMap((t, i) => (t.word ? [i] : []));
  const firstMatch = wordIndexes.findIndex((i) => isMatch(tokens[i].text));
  const centre = Math.max(0, firstMatch);
  const from = Math.max(0, Math.min(centre - Math.floor(maxWords / 3), wordIndexes.length - maxWords));
  const to = Math.min(wordIndexes.length, from + maxWords);
  const startToken = wordIndexes.length ? wordIndexes[from] : 0;
  const endToken = wordIndexes.length ? wordIndexes[to - 1] : tokens.length - 1;

  const segments: SnippetSegment[] = [];
  const push = (piece: string, match: boolean) => {
    const last = segments[segments.length - 1];
    if (last && last.match === match) last.text += piece;
    else if (piece) segments.push({ text: piece, match });
  };
  if (startToken > 0) push("… ", false);
  for (let i = startToken; i <= endToken && i < tokens.length; i++) {
    const token = tokens[i];
    push(token.text, firstMatch >= 0 && token.word && isMatch(token.text));
  }
  if (endToken < tokens.length - 1) {
    const tail = tokens
      .slice(endToken + 1)
      .map((t) => t.text)
      .join("");
    push(/[\p{L}\p{N}]/u.test(tail) ? " …" : tail, false);
  }
  return segments;
}

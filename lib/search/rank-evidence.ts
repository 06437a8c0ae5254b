import type { PassageKind } from "../text-model/types";

/** What the ranking knows of one passage. */
export interface EvidenceCandidate {
  id: string;
  kind: PassageKind;
  /** Stemmed lexemes of the passage (PostgreSQL's English configuration) and how often each occurs. */
  lexemes: Record<string, number>;
  /** Normalised numbers and dates (see factTerms). */
  facts: string[];
  /** Ids of the entities the passage mentions. */
  entities: string[];
  /** PostgreSQL's cover-density rank of the passage for an OR query of the claim's lexemes, in [0, 1). */
  coverDensity: number;
  /** pg_trgm's word_similarity of the claim to the passage, in [0, 1]. */
  trigram: number;
}

/** What the ranking knows of the claim. */
export interface EvidenceQuery {
  lexemes: string[];
  facts: string[];
  entities: string[];
}

export interface EvidenceWeights {
  /** BM25 term-frequency saturation. */
  k1: number;
  /** BM25 length normalisation (0 none, 1 full). */
  b: number;
  /** How much a matching number or date counts against a matching word of the same rarity. */
  fact: number;
  /** How much a shared entity counts against a matching word of the same rarity. */
  entity: number;
  /** Weight of the cover-density rank (proximity of the matched words). */
  coverDensity: number;
  /** Weight of trigram similarity (spelling variants, words the stemmer does not join). */
  trigram: number;
  /** Factor applied to section headings, which name a topic rather than state anything. */
  heading: number;
  /** Passages with fewer lexemes than this are scaled down in proportion (very short captions). */
  shortLength: number;
}

/**
 * BM25's usual k1 and b; the other weights were chosen by two-fold cross-validation on the
 * paraphrase benchmark (tuned on one half of the claims, checked on the other: bench/README.md).
 */
export const DEFAULT_EVIDENCE_WEIGHTS: EvidenceWeights = {
  k1: 1.2,
  b: 0.75,
  fact: 2,
  entity: 0.25,
  coverDensity: 2,
  trigram: 1,
  heading: 0.5,
  shortLength: 3,
};

export interface RankedEvidence {
  id: string;
  /**
   * Combined score in [0, 1]: about the share of the claim's weighted words, facts and entities
   * the passage matches (1 for a passage of average length matching all of them once).
   */
  score: number;
  parts: { words: number; facts: number; entities: number; coverDensity: number; trigram: number };
}

/** Inverse document frequency over the candidates (BM25's, never negative). */
function idfTable(candidates: EvidenceCandidate[], terms: string[], has: (c: EvidenceCandidate, term: string) => boolean) {
  const n = candidates.length;
  const table = new Map<string, number>();
  for (const term of new Set(terms)) {
    const df = candidates.reduce((count, c) => count + (has(c, term) ? 1 : 0), 0);
    table.set(term, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
  }
  return table;
}

/**
 * Ranks the passages of one document for a claim worded differently from the text. Words
 * (stemmed lexemes), normalised numbers and dates, and shared entities are weighted by how rare
 * they are among the document's passages (BM25's inverse document frequency), words with BM25's
 * saturation and length normalisation; numbers, dates and entities count once per passage with
 * their own weight. Cover density (how close together the matched words stand) and trigram
 * similarity are added on top. Headings and passages of a few words are scaled down so that they
 * do not outrank passages that state something. Returns every candidate, best first (ties keep
 * the input order).
 *
 * Pure: no I/O.
 */
export function rankEvidence(
  query: EvidenceQuery,
  candidates: EvidenceCandidate[],
  weights: EvidenceWeights = DEFAULT_EVIDENCE_WEIGHTS,
): RankedEvidence[] {
  if (candidates.length === 0) return [];
  const lexemes = [...new Set(query.lexemes)];
  const facts = [...new Set(query.facts)];
  const entities = [...new Set(query.entities)];
  const lengths = candidates.map((c) => Object.values(c.lexemes).reduce((sum, n) => sum + n, 0));
  const averageLength = Math.max(1, lengths.reduce((sum, n) => sum + n, 0) / candidates.length);
  const wordIdf = idfTable(candidates, lexemes, (c, t) => (c.lexemes[t] ?? 0) > 0);
  const factSets = candidates.map((c) => new Set(c.facts));
  const entitySets = candidates.map((c) => new Set(c.entities));
  const factIdf = idfTable(candidates, facts, (c, t) => c.facts.includes(t));
  const entityIdf = idfTable(candidates, entities, (c, t) => c.entities.includes(t));

  // The best a passage could do, to bring scores into [0, 1].
  const sum = (table: Map<string, number>) => [...table.values()].reduce((s, v) => s + v, 0);
  const ceiling = sum(wordIdf) + weights.fact * sum(factIdf) + weights.entity * sum(entityIdf) + weights.coverDensity + weights.trigram;

  const ranked = candidates.map((candidate, index) => {
    const length = lengths[index];
    const norm = weights.k1 * (1 - weights.b + (weights.b * length) / averageLength);
    let words = 0;
    for (const term of lexemes) {
      const tf = candidate.lexemes[term] ?? 0;
      if (tf > 0) words += wordIdf.get(term)! * ((tf * (weights.k1 + 1)) / (tf + norm));
    }
    let factScore = 0;
    for (const term of facts) if (factSets[index].has(term)) factScore += factIdf.get(term)!;
    let entityScore = 0;
    for (const term of entities) if (entitySets[index].has(term)) entityScore += entityIdf.get(term)!;
    const parts = {
      words,
      facts: weights.fact * factScore,
      entities: weights.entity * entityScore,
      coverDensity: weights.coverDensity * candidate.coverDensity,
      trigram: weights.trigram * candidate.trigram,
    };
    let score = parts.words + parts.facts + parts.entities + parts.coverDensity + parts.trigram;
    if (candidate.kind === "heading") score *= weights.heading;
    if (length < weights.shortLength) score *= Math.max(length, 1) / weights.shortLength;
    return { id: candidate.id, score: ceiling > 0 ? Math.min(1, score / ceiling) : 0, parts, index };
  });
  ranked.sort((a, b) => b.score - a.score || a.index - b.index);
  return ranked.map(({ id, score, parts }) => ({ id, score, parts }));
}

import type { Viewer } from "../documents/visibility";
import { evidenceCandidates, type EvidenceInput } from "./evidence-candidates";
import { DEFAULT_EVIDENCE_WEIGHTS, rankEvidence, type EvidenceWeights } from "./rank-evidence";

/** A passage proposed as evidence for a claim. */
export interface EvidenceResult {
  passageId: string;
  label: string;
  start: number;
  end: number;
  /** The passage's text. */
  exact: string;
  score: number;
}

/**
 * The passages of the current version of document `slug` that best support `claimText`, best
 * first, at most `limit` of them; null when there is no such document `viewer` can see. Passages that share
 * nothing with the claim are left out. evidenceCandidates reads the claim against the passages
 * (words, cover density, trigrams, entities, numbers and dates) and rankEvidence combines them.
 */
export async function findEvidence(
  slug: string,
  claimText: string,
  viewer: Viewer,
  limit = 10,
  weights: EvidenceWeights = DEFAULT_EVIDENCE_WEIGHTS,
): Promise<EvidenceResult[] | null> {
  const input = await evidenceCandidates(slug, claimText, viewer);
  return input ? rankInput(input, limit, weights) : null;
}

/** The best `limit` passages of an already read claim (the benchmark reuses one reading). */
export function rankInput(input: EvidenceInput, limit: number, weights: EvidenceWeights = DEFAULT_EVIDENCE_WEIGHTS): EvidenceResult[] {
  return rankEvidence(input.query, input.candidates, weights)
    .filter((r) => r.parts.words + r.parts.facts + r.parts.entities > 0)
    .slice(0, limit)
    .map((r) => {
      const p = input.passages.get(r.id)!;
      return { passageId: p.id, label: p.label, start: p.start, end: p.end, exact: p.text, score: Math.round(r.score * 10_000) / 10_000 };
    });
}

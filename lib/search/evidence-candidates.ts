import { getDb } from "../db";
import type { Viewer } from "../documents/visibility";
import { matchAliases } from "../entities/match-aliases";
import { getDocumentIndex, type IndexedPassage } from "./document-index";
import { factTerms } from "./fact-terms";
import type { EvidenceCandidate, EvidenceQuery } from "./rank-evidence";

/** A claim read against the current version of a document: everything rankEvidence needs. */
export interface EvidenceInput {
  query: EvidenceQuery;
  candidates: EvidenceCandidate[];
  /** The passages by public id. */
  passages: Map<string, IndexedPassage>;
}

/**
 * Reads `claimText` against the current version of document `slug`, or null when there is no
 * such document `viewer` can see. The claim is matched the way PostgreSQL reads it (English stemming of the
 * generated `search` column, an OR query of its lexemes ranked by cover density, pg_trgm word
 * similarity) and by its facts: the document's entities named in it (any name or alias, any
 * case) and its numbers and dates, normalised ("forty thousand" = "40,000", "8 Oct. 1944" =
 * "October 8, 1944").
 */
export async function evidenceCandidates(slug: string, claimText: string, viewer: Viewer): Promise<EvidenceInput | null> {
  const index = await getDocumentIndex(slug, viewer);
  if (!index) return null;
  const claim = claimText.trim();
  const passages = new Map(index.passages.map((p) => [p.id, p]));
  if (!claim || index.passages.length === 0) return { query: { lexemes: [], facts: [], entities: [] }, candidates: [], passages };

  const rows = await getDb().$queryRaw<Array<{ anchor: string; cd: number | null; trigram: number | null; claimLexemes: string[] }>>`
    WITH claim AS (
      SELECT tsvector_to_array(to_tsvector('english', ${claim})) AS lexemes
    ), query AS (
      SELECT lexemes,
             CASE WHEN cardinality(lexemes) = 0 THEN NULL
                  ELSE array_to_string(ARRAY(SELECT quote_literal(l) FROM unnest(lexemes) AS l), ' | ')::tsquery END AS q
        FROM claim
    )
    SELECT p.anchor,
           ts_rank_cd(p.search, query.q, 32) AS cd,
           word_similarity(${claim}, p.text) AS trigram,
           query.lexemes AS "claimLexemes"
      FROM "Passage" p, query
     WHERE p."versionId" = ${index.versionId}`;
  const byAnchor = new Map(rows.map((r) => [r.anchor, r]));
  const entities = [...new Set(matchAliases(claim, index.entities, { ignoreCase: true }).map((m) => m.entityId))];
  return {
    query: { lexemes: rows[0]?.claimLexemes ?? [], facts: factTerms(claim), entities },
    candidates: index.passages.map((p) => ({
      id: p.id,
      kind: p.kind,
      lexemes: p.lexemes,
      facts: p.facts,
      entities: p.entities,
      coverDensity: Number(byAnchor.get(p.id)?.cd ?? 0),
      trigram: Number(byAnchor.get(p.id)?.trigram ?? 0),
    })),
    passages,
  };
}

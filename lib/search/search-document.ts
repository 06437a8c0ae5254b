import { getDb } from "../db";
import type { Viewer } from "../documents/visibility";
import { Prisma } from "../generated/prisma/client";
import { getDocumentIndex } from "./document-index";
import { fuzzySnippet } from "./fuzzy-snippet";
import { HEADLINE_DELIMITER, HEADLINE_START, HEADLINE_STOP, headlineSegments } from "./headline-segments";
import { parseSearchQuery } from "./parse-search-query";
import type { SearchResult, SearchResultType } from "./types";

export interface SearchResponse {
  query: string;
  results: SearchResult[];
}

/** pg_trgm's default `<%` threshold: a misspelt word still matches, a different word does not. */
const FUZZY_THRESHOLD = 0.6;
/** Queries shorter than this are not matched by spelling (two letters resemble too much). */
const FUZZY_MIN_LENGTH = 4;
const TYPE_ORDER: Record<SearchResultType, number> = { entity: 0, claim: 1, passage: 2 };

const headlineOptions = (whole: boolean) =>
  whole
    ? `StartSel=${HEADLINE_START}, StopSel=${HEADLINE_STOP}, HighlightAll=true`
    : `StartSel=${HEADLINE_START}, StopSel=${HEADLINE_STOP}, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter="${HEADLINE_DELIMITER}"`;

const round = (n: number) => Math.round(n * 10_000) / 10_000;

/** `text` cut at a word boundary to at most about `max` characters, with an ellipsis. */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max / 2)).replace(/[\s,;:.]+$/, "")} …`;
}

/**
 * Searches the current version of document `slug` for `text`: its passages (full text with
 * English stemming, the last word matched as a prefix as it may still be being typed, and
 * trigram similarity for misspellings such as "Qasimy"), the entities it names (name or any
 * alias, by prefix, substring or spelling) and the claims made about it (their statements).
 * Results of every type, best first, at most `limit`; null when there is no such document (or
 * `viewer` cannot see it).
 *
 * Scores are in [0, 1]: an entity named exactly by the query 1, other entities whose name or
 * alias contains or resembles the query and full-text hits in (0.5, 1), passages and claims that
 * only resemble the query in spelling below 0.5.
 */
export async function searchDocument(slug: string, text: string, viewer: Viewer, limit = 20): Promise<SearchResponse | null> {
  const query = text.trim();
  const index = await getDocumentIndex(slug, viewer);
  if (!index) return null;
  const parsed = parseSearchQuery(query);
  if (parsed.words.length === 0) return { query, results: [] };
  const db = getDb();
  const fuzzy = query.length >= FUZZY_MIN_LENGTH;
  const tsquery = Prisma.sql`(to_tsquery('english', ${parsed.head}) && (to_tsquery('english', ${parsed.last}) || to_tsquery('simple', ${parsed.last})))`;

  const [passages, entities, claims] = await Promise.all([
    db.$queryRaw<
      Array<{
        anchor: string;
        label: string;
        text: string;
        ordinal: number;
        rank: number | null;
        similarity: number;
        headline: string | null;
      }>
    >`
      WITH q AS (SELECT ${tsquery} AS query)
      SELECT p.anchor, p.label, p.text, p.ordinal, hit.rank, word_similarity(${query}, p.text) AS similarity,
             CASE WHEN hit.rank IS NOT NULL THEN ts_headline('english', p.text, q.query, ${headlineOptions(false)}) END AS headline
        FROM "Passage" p CROSS JOIN q
       CROSS JOIN LATERAL (
         SELECT CASE WHEN numnode(q.query) > 0 AND p.search @@ q.query THEN ts_rank_cd(p.search, q.query, 32) END AS rank
       ) hit
       WHERE p."versionId" = ${index.versionId}
         AND (hit.rank IS NOT NULL OR (${fuzzy}::boolean AND ${query} <% p.text))
       ORDER BY hit.rank DESC NULLS LAST, similarity DESC, p.ordinal
       LIMIT ${limit}`,
    db.$queryRaw<Array<{ id: string; name: string; form: string; similarity: number; contains: boolean; description: string }>>`
      SELECT e.id, e.name, e.description, best.form, best.similarity, best.contains
        FROM "Entity" e
       CROSS JOIN LATERAL (
         SELECT f AS form,
                CASE WHEN lower(f) = lower(${query}) THEN 1 ELSE word_similarity(${query}, f) END AS similarity,
                strpos(lower(f), lower(${query})) > 0 AS contains
           FROM unnest(array_prepend(e.name, e.aliases)) AS f
          ORDER BY 3 DESC, 2 DESC, length(f)
          LIMIT 1
       ) best
       WHERE e.id = ANY(${index.entities.map((e) => e.id)}::text[])
         AND (best.contains OR (${fuzzy}::boolean AND best.similarity >= ${FUZZY_THRESHOLD}::real))
       ORDER BY best.similarity DESC, e.name
       LIMIT ${limit}`,
    db.$queryRaw<
      Array<{ id: string; statement: string; rank: number | null; similarity: number; headline: string | null; passageId: string | null }>
    >`
      WITH q AS (SELECT ${tsquery} AS query)
      SELECT c.id, c.statement, hit.rank, word_similarity(${query}, c.statement) AS similarity,
             CASE WHEN hit.rank IS NOT NULL THEN ts_headline('english', c.statement, q.query, ${headlineOptions(true)}) END AS headline,
             (SELECT a."passageId" FROM "Annotation" a
               WHERE a."claimId" = c.id AND a."versionId" = ${index.versionId} AND a.state <> 'orphaned' AND a.visibility = 'public'
               ORDER BY (a.stance = 'supports') DESC, a.start LIMIT 1) AS "passageId"
        FROM "Claim" c CROSS JOIN q
       CROSS JOIN LATERAL (
         SELECT CASE WHEN numnode(q.query) > 0 AND to_tsvector('english', c.statement) @@ q.query
                     THEN ts_rank_cd(to_tsvector('english', c.statement), q.query, 32) END AS rank
       ) hit
       WHERE c."documentId" = ${index.documentId}
         AND (hit.rank IS NOT NULL OR (${fuzzy}::boolean AND ${query} <% c.statement))
       ORDER BY hit.rank DESC NULLS LAST, similarity DESC, c.ordinal
       LIMIT ${limit}`,
  ]);

  const labels = new Map(index.passages.map((p) => [p.id, p.label]));
  const results: Array<SearchResult & { order: number }> = [];
  passages.forEach((p, i) => {
    const fullText = p.rank !== null;
    results.push({
      type: "passage",
      id: p.anchor,
      passageId: p.anchor,
      label: p.label,
      snippet: fullText && p.headline ? headlineSegments(p.headline, p.text) : fuzzySnippet(p.text, parsed.words),
      score: round(fullText ? 0.5 + 0.5 * Number(p.rank) : 0.5 * Number(p.similarity)),
      order: i,
    });
  });
  entities.forEach((e, i) => {
    const similarity = Number(e.similarity);
    const shown = e.form === e.name ? e.name : `${e.name} (${e.form})`;
    results.push({
      type: "entity",
      id: e.id,
      label: e.name,
      snippet: [
        ...fuzzySnippet(shown, parsed.words),
        ...(e.description ? [{ text: ` — ${shorten(e.description, 160)}`, match: false }] : []),
      ],
      score: round(similarity >= 1 ? 1 : 0.5 + 0.45 * similarity),
      order: i,
    });
  });
  claims.forEach((c, i) => {
    const fullText = c.rank !== null;
    results.push({
      type: "claim",
      id: c.id,
      ...(c.passageId ? { passageId: c.passageId, label: labels.get(c.passageId) } : {}),
      snippet: fullText && c.headline ? headlineSegments(c.headline) : fuzzySnippet(c.statement, parsed.words, { maxWords: 60 }),
      score: round(fullText ? 0.5 + 0.5 * Number(c.rank) : 0.5 * Number(c.similarity)),
      order: i,
    });
  });
  results.sort((a, b) => b.score - a.score || TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || a.order - b.order);
  return { query, results: results.slice(0, limit).map(({ order: _order, ...r }) => r) };
}

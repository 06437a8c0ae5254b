import { getDb } from "../db";
import { findVisibleDocument } from "../documents/queries";
import type { Viewer } from "../documents/visibility";
import { Prisma } from "../generated/prisma/client";
import type { AliasEntry } from "../entities/match-aliases";
import type { PassageKind } from "../text-model/types";
import { factTerms } from "./fact-terms";

/** A passage with what search and the evidence finder match it on. */
export interface IndexedPassage {
  /** Public passage id (the permalink anchor). */
  id: string;
  label: string;
  kind: PassageKind;
  ordinal: number;
  start: number;
  end: number;
  text: string;
  /** Stemmed lexemes of the generated `search` tsvector column and how often each occurs. */
  lexemes: Record<string, number>;
  facts: string[];
  /** Ids of the entities the passage mentions (curated or public identifying annotations). */
  entities: string[];
}

/** The current version of a document, prepared for searching. */
export interface DocumentIndex {
  documentId: string;
  versionId: string;
  passages: IndexedPassage[];
  /** Every entity the document mentions, with its name and aliases. */
  entities: Array<AliasEntry & { id: string; name: string; aliases: string[]; kind: string; description: string }>;
}

type VersionPassage = Omit<IndexedPassage, "entities">;

// A version's text never changes once imported, so its passages are kept per version (a few
// versions at most). Mentions can change at any time and are read afresh on every call.
const cache = new Map<string, Promise<VersionPassage[]>>();
const CACHE_SIZE = 8;

function versionPassages(versionId: string): Promise<VersionPassage[]> {
  let entry = cache.get(versionId);
  if (!entry) {
    entry = loadPassages(versionId);
    cache.set(versionId, entry);
    entry.catch(() => cache.delete(versionId));
    while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  return entry;
}

async function loadPassages(versionId: string): Promise<VersionPassage[]> {
  const rows = await getDb().$queryRaw<
    Array<{
      anchor: string;
      label: string;
      kind: PassageKind;
      ordinal: number;
      start: number;
      end: number;
      text: string;
      lexemes: Record<string, number>;
    }>
  >`
    SELECT p.anchor, p.label, p.kind::text AS kind, p.ordinal, p.start, p."end", p.text,
           (SELECT coalesce(jsonb_object_agg(u.lexeme, coalesce(cardinality(u.positions), 1)), '{}'::jsonb)
              FROM unnest(p.search) AS u) AS lexemes
      FROM "Passage" p
     WHERE p."versionId" = ${versionId}
     ORDER BY p.ordinal`;
  return rows.map((p) => ({
    id: p.anchor,
    label: p.label,
    kind: p.kind,
    ordinal: p.ordinal,
    start: p.start,
    end: p.end,
    text: p.text,
    lexemes: p.lexemes,
    facts: factTerms(p.text),
  }));
}

/** The search index of the current version of document `slug`, or null when there is none `viewer` can see. */
export async function getDocumentIndex(slug: string, viewer: Viewer): Promise<DocumentIndex | null> {
  const db = getDb();
  const document = await findVisibleDocument(slug, viewer, { id: true, currentVersionId: true });
  if (!document?.currentVersionId) return null;
  const versionId = document.currentVersionId;
  const visibleMention = Prisma.sql`
    a."documentId" = ${document.id} AND a."versionId" = ${versionId} AND a.motivation = 'identifying'
    AND a."entityId" IS NOT NULL AND a.state <> 'orphaned' AND a.visibility = 'public'`;
  const [passages, mentions, entityRows] = await Promise.all([
    versionPassages(versionId),
    db.$queryRaw<Array<{ passageId: string; entities: string[] }>>`
      SELECT a."passageId", array_agg(DISTINCT a."entityId") AS entities
        FROM "Annotation" a WHERE ${visibleMention} GROUP BY a."passageId"`,
    db.$queryRaw<Array<{ id: string; name: string; aliases: string[]; kind: string; description: string }>>`
      SELECT e.id, e.name, e.aliases, e.kind::text AS kind, e.description
        FROM "Entity" e WHERE e.id IN (SELECT a."entityId" FROM "Annotation" a WHERE ${visibleMention})
       ORDER BY e.id`,
  ]);
  const byPassage = new Map(mentions.map((m) => [m.passageId, m.entities]));
  const entities = entityRows.map((e) => ({ ...e, entityId: e.id, names: [e.name, ...e.aliases] }));
  return {
    documentId: document.id,
    versionId,
    passages: passages.map((p) => ({ ...p, entities: byPassage.get(p.id) ?? [] })),
    entities,
  };
}

import { parseAndAnchorClaims, type AnchoredClaims } from "../claims/curated-claims";
import {
  anchorMentions,
  anchorUnlinked,
  parseCuratedEntities,
  type AnchoredMention,
  type CuratedEntities,
} from "../entities/curated-entities";
import { parseDocument, type ParsedDocument } from "../text-model/parse-document";
import type { ContentFiles } from "./content-files";

/** The curated entities file, parsed, with its mentions anchored in the text. */
export interface AnchoredEntities {
  hash: string;
  data: CuratedEntities;
  mentions: AnchoredMention[];
}

/** Everything an import writes, worked out before anything is written. */
export interface PreparedImport {
  parsed: ParsedDocument;
  /** Whether the curated layer is made anew from its files (else it re-anchors like readers' notes). */
  derivesCurated: boolean;
  entities: AnchoredEntities | null;
  claims: AnchoredClaims | null;
}

/**
 * Parses the text and, when the curated layer is derived anew (`derivesCurated`: the first import,
 * or a curated file changed), parses its files and anchors every mention, claim and conflict by
 * quote. Pure: nothing is read or written, so a malformed file fails before the database is touched.
 *
 * @throws DocumentParseError for a malformed file or a quote that does not anchor (file, line, quote)
 */
export function prepareImport(files: ContentFiles, derivesCurated: boolean): PreparedImport {
  const parsed = parseDocument(files.source, files.displayPath);
  let entities: AnchoredEntities | null = null;
  if (derivesCurated && files.entities) {
    const { source, hash, displayPath } = files.entities;
    const data = parseCuratedEntities(source, displayPath);
    entities = { hash, data, mentions: anchorMentions(data, parsed.text, parsed.passages, files.slug, displayPath) };
    // Checked like the mentions; kept as snippets, found again in whatever text is current.
    anchorUnlinked(data.unlinked, parsed.text, { file: displayPath, lineOf: data.unlinkedLine });
  }
  let claims: AnchoredClaims | null = null;
  if (derivesCurated && files.claims) {
    const entityIds = new Set(entities?.data.entities.map((e) => e.id) ?? []);
    claims = parseAndAnchorClaims(files.claims.source, files.claims.displayPath, parsed.text, parsed.passages, files.slug, entityIds);
  }
  return { parsed, derivesCurated, entities, claims };
}

import type { Viewer } from "../documents/visibility";
import { getDocumentEntities } from "../entities/queries";
import type { Coordinates } from "./coordinates";

/** A place a document names, with how often, and where it is when that is known. */
export interface DocumentPlace {
  id: string;
  name: string;
  mentions: number;
  coordinates: Coordinates | null;
}

/**
 * The places the current version of document `slug` names (entities of kind place with a mention
 * readers can see: the entity index's query), the most named first, then by name; null when the
 * document does not exist for `viewer` (a private document is unknown to all but its owner).
 */
export async function getDocumentPlaces(slug: string, viewer: Viewer): Promise<DocumentPlace[] | null> {
  const entities = await getDocumentEntities(slug, viewer);
  if (!entities) return null;
  return entities
    .filter((e) => e.kind === "place")
    .map((e) => ({ id: e.id, name: e.name, mentions: e.mentions.length, coordinates: e.coordinates }))
    .sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name));
}

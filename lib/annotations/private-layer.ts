import { getDb } from "../db";
import { findVisibleDocument } from "../documents/queries";
import type { EntityCardView } from "../entities/queries";
import { visibleEntityWhere } from "../entities/entity-visibility";
import type { EntityKind } from "../entities/entity-kinds";
import { coordinatesOf } from "../maps/coordinates";

/** One of the reader's private mentions: an entity named at `[start, end)` of the current version. */
export interface PrivateMention {
  annotationId: string;
  entityId: string;
  start: number;
  end: number;
  exact: string;
  passageId: string;
}

/**
 * What of a document's reader is one reader's own and drawn on the server for no one: their private
 * identifications on its current version (`version`, its hash), with the entities they name as
 * their cards show them (`mentions` counting these private ones). Claims hold no private part:
 * every claim is public, and private evidence is shown to no one, its author included.
 */
export interface PrivateLayer {
  version: string;
  mentions: PrivateMention[];
  entities: EntityCardView[];
}

/**
 * The private layer of document `slug` for `viewer`: only annotations they made themselves, private,
 * identifying an entity they may know of (visibleEntityWhere), on the current version and not
 * orphaned. Null when there is no such document for them (someone else's private one included).
 * The server renders the rest of the reader the same for everyone, so the reader's own browser asks
 * for this and draws it over the page.
 */
export async function getPrivateLayer(slug: string, viewer: { id: string; role: string }): Promise<PrivateLayer | null> {
  const document = await findVisibleDocument(slug, viewer, { id: true, currentVersion: { select: { id: true, hash: true } } });
  const version = document?.currentVersion;
  if (!document || !version) return null;
  const annotations = await getDb().annotation.findMany({
    where: {
      documentId: document.id,
      versionId: version.id,
      motivation: "identifying",
      visibility: "private",
      creatorId: viewer.id,
      state: { not: "orphaned" },
      entity: visibleEntityWhere(viewer),
    },
    orderBy: [{ start: "asc" }, { end: "asc" }],
    select: {
      id: true,
      start: true,
      end: true,
      exact: true,
      passageId: true,
      entity: {
        select: {
          id: true,
          name: true,
          kind: true,
          description: true,
          aliases: true,
          latitude: true,
          longitude: true,
          coordinatesSource: true,
        },
      },
    },
  });
  const entities = new Map<string, EntityCardView>();
  const mentions: PrivateMention[] = [];
  for (const { entity, ...mention } of annotations) {
    if (!entity) continue;
    mentions.push({
      annotationId: mention.id,
      entityId: entity.id,
      start: mention.start,
      end: mention.end,
      exact: mention.exact,
      passageId: mention.passageId,
    });
    const card = entities.get(entity.id);
    if (card) card.mentions += 1;
    else
      entities.set(entity.id, {
        id: entity.id,
        name: entity.name,
        kind: entity.kind as EntityKind,
        description: entity.description,
        aliases: entity.aliases,
        mentions: 1,
        ...(entity.kind === "place" && coordinatesOf(entity) ? { located: true } : {}),
      });
  }
  return { version: version.hash, mentions, entities: [...entities.values()] };
}

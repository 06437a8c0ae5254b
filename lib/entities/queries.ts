import { getDb } from "../db";
import { findVisibleDocument } from "../documents/queries";
import { visibleDocumentWhere, type Viewer } from "../documents/visibility";
import { visibleEntityWhere } from "./entity-visibility";
import type { AnchoredRange } from "../text-model/snippet";
import { coordinatesOf, type Coordinates } from "../maps/coordinates";
import type { EntityKind } from "./entity-kinds";

/** A mention as pages and the API serve it. */
export interface MentionView extends AnchoredRange {
  annotationId: string;
}

export interface EntityView {
  id: string;
  name: string;
  kind: EntityKind;
  aliases: string[];
  description: string;
  identifiers: Record<string, string>;
  /** "curated" (from a content file) or "user" (made by a reader). */
  origin: "curated" | "user";
  /** A place's coordinates, when known (lib/maps). */
  coordinates: Coordinates | null;
}

/** An entity as its card in a page shows it, with how many times that page's text names it. */
export interface EntityCardView extends Pick<EntityView, "id" | "name" | "kind" | "description" | "aliases"> {
  mentions: number;
  /** Whether the place has coordinates: its card then shows it on a small map. */
  located?: boolean;
}

export interface DocumentEntity extends EntityView {
  /** Mentions in the document's current version, in reading order. */
  mentions: MentionView[];
}

// Only what anyone may see: curated or public annotations (a reader's public identifying
// annotations included; private ones never, not even to their author), on the current version.
const visible = { visibility: "public" as const };

function toEntityView(entity: {
  id: string;
  name: string;
  kind: string;
  aliases: string[];
  description: string;
  identifiers: unknown;
  origin: string;
  latitude: number | null;
  longitude: number | null;
  coordinatesSource: string | null;
}): EntityView {
  return {
    id: entity.id,
    name: entity.name,
    kind: entity.kind as EntityKind,
    aliases: entity.aliases,
    description: entity.description,
    identifiers: (entity.identifiers ?? {}) as Record<string, string>,
    origin: entity.origin === "user" ? "user" : "curated",
    coordinates: coordinatesOf(entity),
  };
}

function toMention(a: AnchoredRange & { id: string }): MentionView {
  return { annotationId: a.id, start: a.start, end: a.end, exact: a.exact, prefix: a.prefix, suffix: a.suffix, passageId: a.passageId };
}

/**
 * The entities mentioned in the current version of document `slug`, each with its mentions in
 * reading order; null when there is no such document (or `viewer` cannot see it).
 */
export async function getDocumentEntities(slug: string, viewer: Viewer): Promise<DocumentEntity[] | null> {
  const document = await findVisibleDocument(slug, viewer, { id: true, currentVersionId: true });
  if (!document?.currentVersionId) return null;
  const annotations = await getDb().annotation.findMany({
    where: {
      documentId: document.id,
      versionId: document.currentVersionId,
      motivation: "identifying",
      entityId: { not: null },
      state: { not: "orphaned" },
      ...visible,
    },
    orderBy: [{ start: "asc" }, { end: "asc" }],
    include: { entity: true },
  });
  const byEntity = new Map<string, DocumentEntity>();
  for (const annotation of annotations) {
    const entity = annotation.entity!;
    let entry = byEntity.get(entity.id);
    if (!entry) {
      entry = { ...toEntityView(entity), mentions: [] };
      byEntity.set(entity.id, entry);
    }
    entry.mentions.push(toMention(annotation));
  }
  return [...byEntity.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export interface EntityInDocument {
  slug: string;
  title: string;
  mentions: Array<MentionView & { passageLabel: string }>;
  /** Entities sharing a passage with this one, most often first. */
  companions: Array<EntityView & { passages: number }>;
}

export interface EntityDetail extends EntityView {
  documents: EntityInDocument[];
}

/**
 * One entity `viewer` may know of (visibleEntityWhere) with its mentions across the documents they
 * can see (nothing of another's private document: not its mentions, nor its title) and the
 * entities it shares passages with there; null otherwise.
 */
export async function getEntity(id: string, viewer: Viewer): Promise<EntityDetail | null> {
  const db = getDb();
  const entity = await db.entity.findFirst({ where: { id, ...visibleEntityWhere(viewer) } });
  if (!entity) return null;
  const annotations = await db.annotation.findMany({
    where: {
      entityId: id,
      motivation: "identifying",
      state: { not: "orphaned" },
      ...visible,
      document: { currentVersionId: { not: null }, ...visibleDocumentWhere(viewer) },
    },
    orderBy: [{ start: "asc" }],
    include: { document: { select: { id: true, slug: true, title: true, currentVersionId: true } } },
  });
  const current = annotations.filter((a) => a.versionId === a.document.currentVersionId);
  const documents: EntityInDocument[] = [];
  for (const documentId of [...new Set(current.map((a) => a.documentId))]) {
    const mine = current.filter((a) => a.documentId === documentId);
    const { slug, title, currentVersionId } = mine[0].document;
    const passageIds = [...new Set(mine.map((a) => a.passageId))];
    const [passages, neighbours] = await Promise.all([
      db.passage.findMany({ where: { versionId: currentVersionId!, anchor: { in: passageIds } }, select: { anchor: true, label: true } }),
      db.annotation.findMany({
        where: {
          documentId,
          versionId: currentVersionId!,
          passageId: { in: passageIds },
          motivation: "identifying",
          entityId: { not: id },
          state: { not: "orphaned" },
          ...visible,
        },
        select: { passageId: true, entity: true },
      }),
    ]);
    const labels = new Map(passages.map((p) => [p.anchor, p.label]));
    const shared = new Map<string, { entity: EntityView; passages: Set<string> }>();
    for (const n of neighbours) {
      if (!n.entity) continue;
      const entry = shared.get(n.entity.id) ?? { entity: toEntityView(n.entity), passages: new Set<string>() };
      entry.passages.add(n.passageId);
      shared.set(n.entity.id, entry);
    }
    documents.push({
      slug,
      title,
      mentions: mine.map((a) => ({ ...toMention(a), passageLabel: labels.get(a.passageId) ?? "" })),
      companions: [...shared.values()]
        .map((s) => ({ ...s.entity, passages: s.passages.size }))
        .sort((a, b) => b.passages - a.passages || a.name.localeCompare(b.name)),
    });
  }
  return { ...toEntityView(entity), documents };
}

/** An entity as `GET /api/entities/:id` serves it: its record (origin, maker) with its mentions in every document. */
export function entityJson(entity: EntityDetail, record: { origin: string; createdBy: { id: string; name: string } | null }) {
  return {
    id: entity.id,
    name: entity.name,
    kind: entity.kind,
    aliases: entity.aliases,
    description: entity.description,
    identifiers: entity.identifiers,
    origin: record.origin,
    createdBy: record.createdBy,
    coordinates: entity.coordinates,
    documents: entity.documents.map((d) => ({
      slug: d.slug,
      title: d.title,
      mentions: d.mentions.map(({ start, end, exact, passageId, passageLabel, annotationId }) => ({
        start,
        end,
        exact,
        passageId,
        passageLabel,
        annotationId,
      })),
      companions: d.companions.map(({ id: companionId, name, kind, passages }) => ({ id: companionId, name, kind, passages })),
    })),
    mentions: entity.documents.flatMap((d) =>
      d.mentions.map(({ start, end, exact, passageId }) => ({ document: d.slug, start, end, exact, passageId })),
    ),
  };
}

/** An entity as `GET /api/documents/:slug/entities` lists it, with its mentions in the document. */
export const documentEntityJson = (e: DocumentEntity) => ({
  id: e.id,
  name: e.name,
  kind: e.kind,
  aliases: e.aliases,
  description: e.description,
  identifiers: e.identifiers,
  origin: e.origin,
  coordinates: e.coordinates,
  mentions: e.mentions.map(({ start, end, exact, passageId, annotationId }) => ({ start, end, exact, passageId, annotationId })),
});

import type { AnchorState } from "../anchoring/anchor-state";
import { visibleTo } from "../annotations/queries";
import { findVisibleDocument } from "./queries";
import type { Viewer } from "./visibility";
import { noteBody, type NoteBody } from "../annotations/stored-body";
import type { Stance } from "../claims/claim-kinds";
import { getDb } from "../db";
import type { EntityKind } from "../entities/entity-kinds";
import type { EntityCardView } from "../entities/queries";
import type { DocumentMetadata } from "../text-model/metadata";
import type { PassageAttrs } from "../text-model/types";
import { passageView, type PassageView } from "./queries";
import type { ReanchorDetail } from "./reanchor-annotations";

// A document's history: its versions, what each re-anchoring did to the annotations, and any
// version's text with its annotations where they were while it was current.

/** How a page names a version: its number, or its content hash or a prefix of it. */
export interface VersionRef {
  number?: number;
  /** Lower-case hex, at least 8 digits. */
  hashPrefix?: string;
}

/**
 * Reads a version reference: a number (1, 2, ...) or a content hash or hash prefix of at least 8
 * hex digits. Digits alone may be either (`12345678`): the number is tried first. Null otherwise.
 */
export function parseVersionRef(raw: string): VersionRef | null {
  if (typeof raw !== "string" || raw.length > 64) return null;
  const ref: VersionRef = {};
  if (/^[1-9][0-9]{0,8}$/.test(raw)) ref.number = Number(raw);
  if (/^[0-9a-f]{8,64}$/i.test(raw)) ref.hashPrefix = raw.toLowerCase();
  return ref.number === undefined && ref.hashPrefix === undefined ? null : ref;
}

/** The version a reference names: by number first, then the one version whose hash starts with the prefix. */
export function pickVersion<V extends { number: number; hash: string }>(versions: V[], ref: VersionRef): V | null {
  if (ref.number !== undefined) {
    const byNumber = versions.find((v) => v.number === ref.number);
    if (byNumber) return byNumber;
  }
  if (ref.hashPrefix !== undefined) {
    const matches = versions.filter((v) => v.hash.startsWith(ref.hashPrefix!));
    if (matches.length === 1) return matches[0];
  }
  return null;
}

export interface VersionInfo {
  number: number;
  /** SHA-256 of the content file (hex): the public version id. */
  hash: string;
  importedAt: Date;
}

export interface VersionSummary extends VersionInfo {
  title: string;
  passageCount: number;
  current: boolean;
}

/** A fuzzy or orphaned annotation in a re-anchoring report, with the label of its passage. */
export interface HistoryDetail extends ReanchorDetail {
  /** The label of `passageId` in the version it refers to (the new one for fuzzy, the old one for orphaned). */
  passageLabel: string | null;
  /** The version number where that passage is (for a link), when it is known. */
  passageVersion: number | null;
}

/** One re-anchoring: the annotations moved from one version to the next. */
export interface TransitionReport {
  id: string;
  from: VersionInfo;
  to: VersionInfo;
  at: Date;
  durationMs: number;
  unchanged: number;
  moved: number;
  fuzzy: number;
  orphaned: number;
  details: HistoryDetail[];
}

export interface DocumentHistory {
  slug: string;
  title: string;
  current: VersionInfo;
  /** Newest first. */
  versions: VersionSummary[];
  /** Newest first. */
  transitions: TransitionReport[];
}

const info = (v: { number: number; hash: string; createdAt: Date }): VersionInfo => ({
  number: v.number,
  hash: v.hash,
  importedAt: v.createdAt,
});

/**
 * The versions of document `slug` and the stored report of each re-anchoring, as `viewer` may
 * see them (null when there is no such document, or it is one they cannot see). A report counts every annotation re-anchored;
 * what the viewer may not see is taken out: others' private annotations (from the details and, as
 * far as the kept anchors tell, from the counts) and readers' annotations deleted since (from the
 * details and the fuzzy and orphaned counts). Curated annotations are public and always listed.
 */
export async function getDocumentHistory(slug: string, viewer: Viewer): Promise<DocumentHistory | null> {
  const db = getDb();
  const viewerId = viewer?.id;
  const document = await findVisibleDocument(slug, viewer, {
    id: true,
    currentVersionId: true,
    title: true,
    versions: {
      orderBy: { number: "desc" },
      select: { id: true, number: true, hash: true, title: true, createdAt: true, _count: { select: { passages: true } } },
    },
    reanchorings: { orderBy: [{ createdAt: "desc" }, { id: "asc" }] },
  });
  const current = document?.versions.find((v) => v.id === document.currentVersionId);
  if (!document || !current) return null;
  const versionsById = new Map(document.versions.map((v) => [v.id, v]));

  const allDetails = document.reanchorings.flatMap((r) => r.details as unknown as ReanchorDetail[]);
  const detailIds = [...new Set(allDetails.filter((d) => d.origin !== "curated").map((d) => d.id))];
  const [shown, hidden, passages] = await Promise.all([
    // Readers' annotations of the details that still exist and that the viewer may see.
    detailIds.length === 0
      ? Promise.resolve([])
      : db.annotation.findMany({ where: { id: { in: detailIds }, ...visibleTo(viewer) }, select: { id: true } }),
    // Others' private annotations (root notes, as the reports count), with where they were.
    db.annotation.findMany({
      where: { documentId: document.id, visibility: "private", replyToId: null, ...(viewerId ? { creatorId: { not: viewerId } } : {}) },
      select: { id: true, created: true, versionId: true, state: true, anchors: { select: { versionId: true, state: true } } },
    }),
    // The labels of the passages the details name, in every version.
    allDetails.length === 0
      ? Promise.resolve([])
      : db.passage.findMany({
          where: { version: { documentId: document.id }, anchor: { in: [...new Set(allDetails.map((d) => d.passageId))] } },
          select: { versionId: true, anchor: true, label: true },
        }),
  ]);
  const visibleIds = new Set(shown.map((a) => a.id));
  const labels = new Map(passages.map((p) => [`${p.versionId} ${p.anchor}`, p.label]));
  const anyVersionOf = new Map<string, string>();
  for (const p of passages) if (!anyVersionOf.has(p.anchor)) anyVersionOf.set(p.anchor, p.versionId);

  const transitions = document.reanchorings.flatMap((r): TransitionReport[] => {
    const from = versionsById.get(r.fromVersionId);
    const to = versionsById.get(r.toVersionId);
    if (!from || !to) return [];
    const counts = { unchanged: r.unchanged, moved: r.moved, fuzzy: r.fuzzy, orphaned: r.orphaned };
    const details: HistoryDetail[] = [];
    for (const detail of r.details as unknown as ReanchorDetail[]) {
      if (detail.origin !== "curated" && !visibleIds.has(detail.id)) {
        counts[detail.state]--;
        continue;
      }
      // A fuzzy annotation's passage is in the new version; an orphan's where its words last were.
      const preferred = detail.state === "fuzzy" ? to.id : from.id;
      const versionId = labels.has(`${preferred} ${detail.passageId}`) ? preferred : anyVersionOf.get(detail.passageId);
      details.push({
        ...detail,
        passageLabel: versionId ? (labels.get(`${versionId} ${detail.passageId}`) ?? null) : null,
        passageVersion: versionId ? (versionsById.get(versionId)?.number ?? null) : null,
      });
    }
    const inDetails = new Set((r.details as unknown as ReanchorDetail[]).map((d) => d.id));
    for (const h of hidden) {
      if (h.created > r.createdAt || inDetails.has(h.id)) continue;
      // Where the re-anchoring put it: its anchor in the new version, kept when the text moved on, or its row.
      const state = h.anchors.find((a) => a.versionId === r.toVersionId)?.state ?? (h.versionId === r.toVersionId ? h.state : null);
      if (state === "exact") counts.unchanged--;
      else if (state === "moved") counts.moved--;
    }
    const clamp = (n: number) => Math.max(0, n);
    return [
      {
        id: r.id,
        from: info(from),
        to: info(to),
        at: r.createdAt,
        durationMs: r.durationMs,
        unchanged: clamp(counts.unchanged),
        moved: clamp(counts.moved),
        fuzzy: clamp(counts.fuzzy),
        orphaned: clamp(counts.orphaned),
        details,
      },
    ];
  });

  return {
    slug,
    title: current.title,
    current: info(current),
    versions: document.versions.map((v) => ({ ...info(v), title: v.title, passageCount: v._count.passages, current: v.id === current.id })),
    transitions,
  };
}

/** Who wrote an annotation (none for curated ones). */
export interface NoteAuthor {
  id: string;
  name: string;
}

export interface HistoricalReply {
  id: string;
  created: Date;
  visibility: "public" | "private";
  creator: NoteAuthor | null;
  mine: boolean;
  body: NoteBody;
}

/**
 * How an annotation shows on a version's page: "mention" an entity's name (underlined, linked),
 * "note" a reader's note (highlighted and listed under its passage), "evidence" a range that bears
 * on a claim, "conflict" a side of a place where the text contradicts itself (both highlighted).
 */
export type AnnotationLayer = "mention" | "note" | "evidence" | "conflict";

/** An annotation where it was in a version. */
export interface HistoricalAnnotation {
  id: string;
  layer: AnnotationLayer;
  motivation: string;
  origin: string;
  start: number;
  end: number;
  exact: string;
  passageId: string;
  /** How it stood in that version: exact, moved or fuzzy (as the re-anchoring onto it left it). */
  state: Exclude<AnchorState, "orphaned">;
  /** Orphaned since: its words are not in the current text, and it is kept where it was last placed. */
  orphanedLater: boolean;
  visibility: "public" | "private";
  creator: NoteAuthor | null;
  mine: boolean;
  created: Date;
  /** The number of the version it was made on, when known. */
  madeOn: number | null;
  body: NoteBody;
  entity: { id: string; name: string; kind: EntityKind } | null;
  claim: { id: string; statement: string; stance: Stance | null } | null;
  conflict: { id: string; reason: string } | null;
  /** The thread's replies the viewer may see, oldest first. */
  replies: HistoricalReply[];
}

/** One version of a document as its page shows it. */
export interface VersionView {
  slug: string;
  /** The title and frontmatter of this version. */
  title: string;
  language: string;
  metadata: DocumentMetadata;
  version: VersionInfo;
  /** How many versions the document has. */
  versionCount: number;
  current: VersionInfo;
  isCurrent: boolean;
  /** The plain text is the same as the current one (only the file's frontmatter changed). */
  sameTextAsCurrent: boolean;
  text: string;
  /** In reading order; `inCurrent` when the current text has the same passage (same words, same id). */
  passages: Array<PassageView & { inCurrent: boolean }>;
  /** Every annotation the viewer may see where it was in this version, in text order. */
  annotations: HistoricalAnnotation[];
  entities: EntityCardView[];
}

const annotationSelect = {
  id: true,
  versionId: true,
  motivation: true,
  origin: true,
  exact: true,
  start: true,
  end: true,
  passageId: true,
  state: true,
  visibility: true,
  creatorId: true,
  creator: { select: { id: true, name: true } },
  created: true,
  madeOnVersionId: true,
  body: true,
  entity: { select: { id: true, name: true, kind: true, description: true, aliases: true } },
  claim: { select: { id: true, statement: true } },
  stance: true,
  conflict: { select: { id: true, reason: true } },
} as const;

/**
 * Version `ref` (a number, or a hash or hash prefix: see parseVersionRef) of document `slug` with
 * the annotations `viewer` may see where they were in it: each annotation's kept anchor for that
 * version, or for the current version its own row; an orphan last placed in the version shows
 * there too. Entity mentions are the public identifications (as in the reader); other annotations
 * are the public ones and the viewer's own private ones. Null for an unknown document or version
 * (or a document the viewer cannot see).
 */
export async function getVersionView(slug: string, ref: string, viewer: Viewer): Promise<VersionView | null> {
  const parsed = parseVersionRef(ref);
  if (!parsed) return null;
  const db = getDb();
  const viewerId = viewer?.id;
  const document = await findVisibleDocument(slug, viewer, {
    id: true,
    language: true,
    currentVersionId: true,
    versions: { select: { id: true, number: true, hash: true, createdAt: true } },
  });
  if (!document?.currentVersionId) return null;
  const chosen = pickVersion(document.versions, parsed);
  const current = document.versions.find((v) => v.id === document.currentVersionId);
  if (!chosen || !current) return null;
  const isCurrent = chosen.id === current.id;
  const visible = { replyToId: null, ...visibleTo(viewer) };

  const [version, sameText, currentAnchors, ownRows, keptAnchors] = await Promise.all([
    db.documentVersion.findUniqueOrThrow({
      where: { id: chosen.id },
      select: { title: true, metadata: true, text: true, passages: { orderBy: { ordinal: "asc" } } },
    }),
    // Compared in the database, so a book's current text is not loaded just to say whether it differs.
    isCurrent
      ? true
      : db.$queryRaw<Array<{ same: boolean }>>`
          SELECT (a.text = b.text) AS same FROM "DocumentVersion" a, "DocumentVersion" b WHERE a.id = ${chosen.id} AND b.id = ${current.id}`.then(
          (rows) => rows[0]?.same ?? false,
        ),
    isCurrent ? null : db.passage.findMany({ where: { versionId: current.id }, select: { anchor: true } }),
    // Rows whose selectors refer to this version: on the current version every placed annotation;
    // on another, the orphans it was the last to hold.
    db.annotation.findMany({
      where: { documentId: document.id, versionId: chosen.id, ...(isCurrent ? {} : { state: "orphaned" as const }), ...visible },
      select: annotationSelect,
    }),
    isCurrent
      ? Promise.resolve([])
      : db.annotationAnchor.findMany({
          where: { versionId: chosen.id, annotation: { documentId: document.id, ...visible } },
          select: { exact: true, start: true, end: true, passageId: true, state: true, annotation: { select: annotationSelect } },
        }),
  ]);

  type Row = (typeof ownRows)[number];
  const placed = new Map<string, { row: Row; at: { exact: string; start: number; end: number; passageId: string; state: string } }>();
  for (const kept of keptAnchors) placed.set(kept.annotation.id, { row: kept.annotation, at: kept });
  for (const row of ownRows) if (!placed.has(row.id)) placed.set(row.id, { row, at: row });

  const roots = [...placed.values()];
  const noteIds = roots.filter(({ row }) => layerOf(row) === "note").map(({ row }) => row.id);
  const replies =
    noteIds.length === 0
      ? []
      : await db.annotation.findMany({
          where: { replyToId: { in: noteIds }, ...visibleTo(viewer) },
          orderBy: [{ created: "asc" }, { id: "asc" }],
          select: {
            id: true,
            replyToId: true,
            created: true,
            visibility: true,
            creatorId: true,
            creator: { select: { id: true, name: true } },
            body: true,
          },
        });
  const repliesTo = new Map<string, HistoricalReply[]>();
  for (const reply of replies) {
    const list = repliesTo.get(reply.replyToId!) ?? [];
    list.push({
      id: reply.id,
      created: reply.created,
      visibility: reply.visibility,
      creator: reply.creator,
      mine: !!viewerId && reply.creatorId === viewerId,
      body: noteBody(reply.body, "replying"),
    });
    repliesTo.set(reply.replyToId!, list);
  }

  const numbers = new Map(document.versions.map((v) => [v.id, v.number]));
  const annotations: HistoricalAnnotation[] = roots
    .map(({ row, at }): HistoricalAnnotation => ({
      id: row.id,
      layer: layerOf(row),
      motivation: row.motivation,
      origin: row.origin,
      start: at.start,
      end: at.end,
      exact: at.exact,
      passageId: at.passageId,
      state: at.state === "moved" || at.state === "fuzzy" ? at.state : "exact",
      orphanedLater: !isCurrent && row.state === "orphaned",
      visibility: row.visibility,
      creator: row.creator,
      mine: !!viewerId && row.creatorId === viewerId,
      created: row.created,
      madeOn: row.madeOnVersionId ? (numbers.get(row.madeOnVersionId) ?? null) : null,
      body: noteBody(row.body, row.motivation),
      entity: row.entity ? { id: row.entity.id, name: row.entity.name, kind: row.entity.kind } : null,
      claim: row.claim ? { ...row.claim, stance: row.stance } : null,
      conflict: row.conflict,
      replies: repliesTo.get(row.id) ?? [],
    }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.id.localeCompare(b.id));

  const entities = new Map<string, EntityCardView>();
  for (const { row } of roots) {
    if (layerOf(row) !== "mention" || !row.entity) continue;
    const entry = entities.get(row.entity.id);
    if (entry) entry.mentions++;
    else entities.set(row.entity.id, { ...row.entity, mentions: 1 });
  }

  const inCurrent = currentAnchors ? new Set(currentAnchors.map((p) => p.anchor)) : null;
  return {
    slug,
    title: version.title,
    language: document.language,
    metadata: version.metadata as DocumentMetadata,
    version: info(chosen),
    versionCount: document.versions.length,
    current: info(current),
    isCurrent,
    sameTextAsCurrent: sameText,
    text: version.text,
    passages: version.passages.map((p) => ({ ...passageView(p), inCurrent: inCurrent === null || inCurrent.has(p.anchor) })),
    annotations,
    entities: [...entities.values()].sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** Which layer an annotation shows in (see AnnotationLayer). */
function layerOf(row: { motivation: string; visibility: string; entity: unknown; claim: unknown; conflict: unknown }): AnnotationLayer {
  // Only public identifications join the index of names, as in the reader; a private one is its author's note.
  if (row.motivation === "identifying" && row.entity && row.visibility === "public") return "mention";
  if (row.conflict) return "conflict";
  if (row.motivation === "linking" && row.claim) return "evidence";
  return "note";
}

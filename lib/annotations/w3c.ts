import { createHash } from "node:crypto";
import { publicConflictId } from "../claims/ids";
import { annotationPath, containerPath } from "./annotation-paths";

/** The JSON-LD context of every annotation Gloss serves (the http form: the suite requires it). */
export const ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld";
export const LDP_CONTEXT = "http://www.w3.org/ns/ldp.jsonld";
/** The media type of the W3C Web Annotation Protocol. */
export const ANNO_MEDIA_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';

/** The W3C motivations (Web Annotation Vocabulary §3.3.5). */
export const MOTIVATIONS = [
  "assessing",
  "bookmarking",
  "classifying",
  "commenting",
  "describing",
  "editing",
  "highlighting",
  "identifying",
  "linking",
  "moderating",
  "questioning",
  "replying",
  "tagging",
] as const;

/** What pages call an annotation of each motivation Gloss makes (others show the motivation itself). */
export const MOTIVATION_NAMES: Partial<Record<string, string>> = {
  commenting: "Comment",
  replying: "Reply",
  tagging: "Tags",
  identifying: "Names",
  highlighting: "Highlight",
  questioning: "Question",
  describing: "Description",
  bookmarking: "Bookmark",
  linking: "Evidence",
};

/** An annotation in Gloss's internal form (what the database holds). */
export interface StoredAnnotation {
  id: string;
  motivation: string;
  entityId: string | null;
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
  state: "exact" | "moved" | "fuzzy" | "orphaned";
  visibility: "public" | "private";
  created: Date;
  modified: Date;
  /** Evidence of a claim: the claim, and how this range bears on it. */
  claim?: { id: string; statement: string } | null;
  stance?: "supports" | "contradicts" | "qualifies" | null;
  /** A side of a conflict inside the text. */
  conflict?: { id: string; reason: string } | null;
  /** A reader's bodies (TextualBody or SpecificResource objects), as stored. */
  body?: unknown;
  /** The account that wrote it (user annotations only). */
  creatorId?: string | null;
  /** That account's display name, when read with it. */
  creator?: { name: string } | null;
  /** A reply: the root annotation of its thread (what its target names). */
  replyToId?: string | null;
  /** For a fuzzy anchor, the words it was on before the text changed. */
  priorExact?: string | null;
  /** The version it was made on, when read with it. */
  madeOnVersion?: { hash: string } | null;
  /** The canonical IRI its client gave it, kept unchanged (W3C Protocol 5.1). */
  canonical?: string | null;
  /** The id its client gave it on creation (W3C Protocol 5.1). */
  via?: string | null;
}

export interface W3cContext {
  /** The site's origin, e.g. "http://localhost:3000": ids are absolute URLs. */
  origin: string;
  documentSlug: string;
  /** Content hash of the version the selectors refer to. */
  version: string;
}

/**
 * The IRI of a document's annotation container (W3C Web Annotation Protocol 4): it ends in "/",
 * and every annotation's IRI starts with it.
 */
export const containerUrl = (origin: string, slug: string) => `${origin}${containerPath(slug)}`;
/** The IRI of an annotation: inside its document's container. */
export const annotationUrl = (origin: string, slug: string, id: string) => `${origin}${annotationPath(slug, id)}`;
/** The URL of an entity's page: the identity an identifying body points at. */
export const entityUrl = (origin: string, id: string) => `${origin}/entities/${encodeURIComponent(id)}`;
/** The URL of a claim: the reader with the claim chosen. */
export const claimUrl = (origin: string, slug: string, id: string) =>
  `${origin}/documents/${encodeURIComponent(slug)}?claim=${encodeURIComponent(id)}`;
/** The URL of a conflict: its place in the document's conflicts view. */
export const conflictUrl = (origin: string, slug: string, id: string) =>
  `${origin}/documents/${encodeURIComponent(slug)}/conflicts#${encodeURIComponent(id)}`;
/** The URL identifying an account (the `creator` of its annotations). */
export const userUrl = (origin: string, id: string) => `${origin}/users/${encodeURIComponent(id)}`;
/** The strong ETag of an annotation's current state: a hash of its id and modification time. */
export const annotationEtag = (annotation: { id: string; modified: Date }) =>
  `"${createHash("sha256").update(`${annotation.id}\n${annotation.modified.toISOString()}`).digest("hex").slice(0, 32)}"`;
/** The URL of a document's reader: the source of every target. */
export const documentUrl = (origin: string, slug: string) => `${origin}/documents/${encodeURIComponent(slug)}`;

/**
 * Serialises an annotation as a W3C Web Annotation (JSON-LD). Relations of Gloss's own and the
 * anchoring state live in properties of our own, never in `purpose`.
 */
export function toW3cAnnotation(annotation: StoredAnnotation, context: W3cContext) {
  const body: Array<Record<string, string>> = [];
  const own: Record<string, string> = {};
  if (Array.isArray(annotation.body)) {
    for (const item of annotation.body) if (item && typeof item === "object") body.push({ ...(item as Record<string, string>) });
  }
  if (annotation.entityId)
    body.push({ type: "SpecificResource", purpose: "identifying", source: entityUrl(context.origin, annotation.entityId) });
  if (annotation.conflict) {
    body.push({ type: "TextualBody", purpose: "questioning", format: "text/plain", value: annotation.conflict.reason });
    own.conflict = conflictUrl(context.origin, context.documentSlug, publicConflictId(context.documentSlug, annotation.conflict.id));
  } else if (annotation.claim) {
    const url = claimUrl(context.origin, context.documentSlug, annotation.claim.id);
    body.push({ type: "TextualBody", purpose: "describing", format: "text/plain", value: annotation.claim.statement });
    body.push({ type: "SpecificResource", purpose: "linking", source: url });
    own.claim = url;
    if (annotation.stance) own.stance = annotation.stance;
  }
  return {
    "@context": ANNO_CONTEXT,
    id: annotationUrl(context.origin, context.documentSlug, annotation.id),
    ...(annotation.canonical ? { canonical: annotation.canonical } : {}),
    ...(annotation.via ? { via: annotation.via } : {}),
    type: "Annotation",
    motivation: annotation.motivation,
    created: annotation.created.toISOString(),
    modified: annotation.modified.toISOString(),
    ...(annotation.creatorId
      ? {
          creator: {
            id: userUrl(context.origin, annotation.creatorId),
            type: "Person",
            ...(annotation.creator ? { name: annotation.creator.name } : {}),
          },
        }
      : {}),
    ...(body.length === 1 ? { body: body[0] } : body.length > 1 ? { body } : {}),
    // A reply targets the annotation it answers (its thread's root), by IRI.
    target: annotation.replyToId
      ? annotationUrl(context.origin, context.documentSlug, annotation.replyToId)
      : {
          source: documentUrl(context.origin, context.documentSlug),
          selector: [
            { type: "TextQuoteSelector", exact: annotation.exact, prefix: annotation.prefix, suffix: annotation.suffix },
            { type: "TextPositionSelector", start: annotation.start, end: annotation.end },
          ],
        },
    anchoring: {
      state: annotation.state,
      version: context.version,
      // The version it was made on, when the text has changed since.
      ...(annotation.madeOnVersion && annotation.madeOnVersion.hash !== context.version ? { madeOn: annotation.madeOnVersion.hash } : {}),
      ...(annotation.priorExact && annotation.state !== "orphaned" ? { previousQuote: annotation.priorExact } : {}),
    },
    visibility: annotation.visibility,
    ...own,
  };
}

export type W3cAnnotation = ReturnType<typeof toW3cAnnotation>;

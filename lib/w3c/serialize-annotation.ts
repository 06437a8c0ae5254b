import type { StoredAnnotation } from "../annotations/types";
import { publicConflictId } from "../claims/ids";
import { annotationUrl, claimUrl, conflictUrl, documentUrl, entityUrl, userUrl } from "./iris";
import { ANNO_CONTEXT } from "./vocabulary";

/** Where an annotation is served from: the addresses its IRIs are built on. */
export interface W3cContext {
  /** The site's origin, e.g. "http://localhost:3000": ids are absolute URLs. */
  origin: string;
  documentSlug: string;
  /** Content hash of the version the selectors refer to. */
  version: string;
}

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

/** A stored annotation read with its document and version, served at its IRI. */
export const servedAnnotation = (
  annotation: StoredAnnotation & { document: { slug: string }; version: { hash: string } },
  origin: string,
) => toW3cAnnotation(annotation, { origin, documentSlug: annotation.document.slug, version: annotation.version.hash });

import { containerPath, annotationPath } from "../annotations/annotation-paths";
import { isId } from "../validation/ids";

/**
 * The IRIs Gloss's W3C annotations use, built from the site's origin, and read back into ids (a
 * reply's target, an identifying body's source). Hosts are never compared when reading: an IRI
 * made at another address of the same site names the same thing.
 */

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
/** The URL of a document's reader: the source of every target. */
export const documentUrl = (origin: string, slug: string) => `${origin}/documents/${encodeURIComponent(slug)}`;

/** The path of `iri`, or null when it is not an absolute URL. */
function pathOf(iri: string): string | null {
  try {
    return new URL(iri).pathname;
  } catch {
    return null;
  }
}

/** The last path segment of `iri` when its path is `prefix<segment>` (`prefix` a pattern), decoded and an id; null otherwise. */
function idInPath(iri: string, prefix: RegExp): string | null {
  const path = pathOf(iri);
  const match = path === null ? null : new RegExp(`^${prefix.source}([^/]+)$`).exec(path);
  if (!match) return null;
  try {
    const id = decodeURIComponent(match[1]);
    return isId(id) ? id : null;
  } catch {
    return null;
  }
}

/**
 * The id of the annotation an IRI names, or null: `<origin>/api/documents/<slug>/annotations/<id>`
 * (what Gloss serves), or `<origin>/api/annotations/<id>` (what it served before, still resolving).
 */
export const annotationIdOf = (iri: string) =>
  idInPath(iri, /\/api\/documents\/[^/]+\/annotations\//) ?? idInPath(iri, /\/api\/annotations\//);
/** The id of the entity an IRI names (`<origin>/entities/<id>`, what identifying bodies point at), or null. */
export const entityIdOf = (iri: string) => idInPath(iri, /\/entities\//);
/** The slug of the document whose reader an IRI names (`<origin>/documents/<slug>`, a target's source), or null. */
export const documentSlugOf = (iri: string) => idInPath(iri, /\/documents\//);

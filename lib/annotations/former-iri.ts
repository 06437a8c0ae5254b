import type { Viewer } from "../documents/visibility";
import { DomainError } from "../errors";
import { annotationPath } from "./annotation-paths";
import { getAnnotation } from "./queries";

/**
 * Where an annotation's former IRI, `/api/annotations/:id`, leads now: the path of its IRI,
 * `/api/documents/:slug/annotations/:id`. An annotation `viewer` may not see is refused as
 * not_found, as an unknown one is: a private annotation's former IRI (or any annotation's on a
 * private document) tells no one else that it exists, nor on which document.
 */
export async function currentAnnotationPath(id: string, viewer: Viewer): Promise<string> {
  const annotation = await getAnnotation(id, viewer);
  if (!annotation) throw new DomainError("not_found", `No annotation "${id}".`);
  return annotationPath(annotation.document.slug, id);
}

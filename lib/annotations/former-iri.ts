import { ApiError } from "../api/errors";
import { routeId } from "../api/json-body";
import { getSessionUser } from "../auth";
import { getAnnotation } from "./queries";
import { annotationPath } from "./annotation-paths";

/**
 * The answer at an annotation's former IRI, `/api/annotations/:id` (and `suffix` below it, such
 * as `/anchor`): a permanent redirect (308, so PUT, DELETE and POST keep their method and body)
 * to the same place under its IRI now, `/api/documents/:slug/annotations/:id`, with the query
 * kept. An annotation the requester may not see answers 404 as an unknown one does: a private
 * annotation's former IRI tells no one else that it exists, nor on which document.
 */
export async function redirectFromFormerIri(request: Request, rawId: string, suffix = ""): Promise<Response> {
  const id = routeId(rawId, "annotation");
  const viewer = await getSessionUser(request);
  const annotation = await getAnnotation(id, viewer?.id);
  if (!annotation) throw new ApiError(404, "not_found", `No annotation "${id}".`);
  // A path: the client resolves it against the address it asked, so the redirect stays on the
  // host it reached, however the server names itself.
  const location = `${annotationPath(annotation.document.slug, id)}${suffix}${new URL(request.url).search}`;
  // The answer depends on the session (private annotations), so no shared cache keeps it.
  return new Response(null, { status: 308, headers: { Location: location, Vary: "Cookie", "Cache-Control": "private" } });
}

import { apiRoute, endpoint, permanentRedirect } from "@/lib/api/api-route";
import { currentAnnotationPath } from "@/lib/annotations/former-iri";

export const dynamic = "force-dynamic";

// /api/annotations/:id: where annotations' IRIs were before they moved into their document's
// container. Every IRI served then still resolves: a permanent redirect (308) to its IRI now.
const redirect = endpoint({ params: { id: "annotation" }, user: "viewer" }, async ({ params: { id }, user, request }) =>
  permanentRedirect(request, await currentAnnotationPath(id, user)),
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute("/api/annotations/:id", {
  GET: redirect,
  PUT: redirect,
  DELETE: redirect,
});

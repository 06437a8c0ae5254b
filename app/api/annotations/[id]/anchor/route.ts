import { apiRoute, endpoint, permanentRedirect } from "@/lib/api/api-route";
import { currentAnnotationPath } from "@/lib/annotations/former-iri";

export const dynamic = "force-dynamic";

// POST /api/annotations/:id/anchor: the anchor review's former address, redirected (308, the POST
// and its body kept) to /api/documents/:slug/annotations/:id/anchor.
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute("/api/annotations/:id/anchor", {
  POST: endpoint({ params: { id: "annotation" }, user: "viewer" }, async ({ params: { id }, user, request }) =>
    permanentRedirect(request, `${await currentAnnotationPath(id, user)}/anchor`),
  ),
});

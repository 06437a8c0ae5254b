import { apiRoute, endpoint } from "@/lib/api/api-route";
import { entityOccurrences } from "@/lib/entities/user-entities";
import { DomainError } from "@/lib/errors";

export const dynamic = "force-dynamic";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute("/api/documents/:slug/entities/:id/occurrences", {
  // GET: where the current text names the entity (its name and aliases, by the alias matcher) and
  // no identifying annotation the viewer can see covers the place yet: candidates for new
  // identifying annotations (create them through POST /api/documents/:slug/annotations/import).
  GET: endpoint({ params: { slug: "document", id: "entity" }, user: "viewer" }, async ({ params: { slug, id }, user }) => {
    const occurrences = await entityOccurrences(slug, id, user);
    if (!occurrences) throw new DomainError("not_found", `No document "${slug}" or no entity "${id}".`);
    return Response.json({ occurrences }, { headers: { "Cache-Control": "private, no-store", Vary: "Cookie" } });
  }),
});

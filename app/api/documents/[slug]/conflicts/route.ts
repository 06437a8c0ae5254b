import { apiRoute, endpoint } from "@/lib/api/api-route";
import { conflictJson, getDocumentConflicts } from "@/lib/claims/queries";
import { noSuchDocument } from "@/lib/documents/queries";

export const dynamic = "force-dynamic";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute("/api/documents/:slug/conflicts", {
  // GET: passages of the text that cannot all be right, and why.
  GET: endpoint({ params: { slug: "document" }, user: "viewer" }, async ({ params: { slug }, user }) => {
    const conflicts = await getDocumentConflicts(slug, user);
    if (!conflicts) throw noSuchDocument(slug);
    return Response.json({ conflicts: conflicts.map(conflictJson) });
  }),
});

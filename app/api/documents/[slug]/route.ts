import { apiRoute, endpoint } from "@/lib/api/api-route";
import { cacheControlOf, documentJson, getDocument, noSuchDocument } from "@/lib/documents/queries";

export const dynamic = "force-dynamic";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute("/api/documents/:slug", {
  // GET: the current version's metadata, plain text and passages; its ETag is the version's hash.
  // A private document is its owner's alone: never kept by a shared cache.
  GET: endpoint({ params: { slug: "document" }, user: "viewer" }, async ({ params: { slug }, user }) => {
    const document = await getDocument(slug, user);
    if (!document) throw noSuchDocument(slug);
    return Response.json(documentJson(document), {
      headers: { ETag: `"${document.version}"`, "Cache-Control": cacheControlOf(document) },
    });
  }),
});

import { apiRoute, endpoint } from "@/lib/api/api-route";
import { documentJson, getDocument, noSuchDocument } from "@/lib/documents/queries";

export const dynamic = "force-dynamic";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute("/api/documents/:slug", {
  // GET: the current version's metadata, plain text and passages; its ETag is the version's hash.
  GET: endpoint({ params: { slug: "document" } }, async ({ params: { slug } }) => {
    const document = await getDocument(slug);
    if (!document) throw noSuchDocument(slug);
    return Response.json(documentJson(document), {
      headers: { ETag: `"${document.version}"`, "Cache-Control": "public, max-age=0, must-revalidate" },
    });
  }),
});

import { apiRoute, endpoint } from "@/lib/api/api-route";
import { noSuchDocument } from "@/lib/documents/queries";
import { documentEntityJson, getDocumentEntities } from "@/lib/entities/queries";

export const dynamic = "force-dynamic";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute("/api/documents/:slug/entities", {
  // GET: the entities the document mentions, with their mentions.
  GET: endpoint({ params: { slug: "document" }, user: "viewer" }, async ({ params: { slug }, user }) => {
    const entities = await getDocumentEntities(slug, user);
    if (!entities) throw noSuchDocument(slug);
    return Response.json({ entities: entities.map(documentEntityJson) });
  }),
});

import { apiRoute, endpoint } from "@/lib/api/api-route";
import { getPrivateLayer } from "@/lib/annotations/private-layer";
import { noSuchDocument } from "@/lib/documents/queries";

export const dynamic = "force-dynamic";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute("/api/documents/:slug/private-layer", {
  // GET: the signed-in reader's own private layer of the document (their private identifications); 401 for nobody.
  GET: endpoint(
    { params: { slug: "document" }, user: { signIn: "see your private identifications" } },
    async ({ params: { slug }, user }) => {
      const layer = await getPrivateLayer(slug, user);
      if (!layer) throw noSuchDocument(slug);
      return Response.json(layer, { headers: { "Cache-Control": "private, no-store" } });
    },
  ),
});

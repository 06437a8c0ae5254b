import { apiRoute, endpoint } from "@/lib/api/api-route";
import { getDb } from "@/lib/db";
import { cacheControlOf, documentJson, getDocument, noSuchDocument } from "@/lib/documents/queries";
import { documentPatchSchema, reviseDocument } from "@/lib/documents/revise-document";

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
  // PATCH: publish (editors) or make private, or correct the metadata (owner, or an editor when public).
  PATCH: endpoint(
    {
      params: { slug: "document" },
      user: { signIn: "change a document" },
      write: true,
      body: { limit: 64 * 1024, schema: documentPatchSchema, what: "The change" },
    },
    async ({ params: { slug }, user, body }) => {
      await reviseDocument(getDb(), slug, user, body);
      const document = await getDocument(slug, user);
      if (!document) throw noSuchDocument(slug);
      return Response.json(documentJson(document), { headers: { "Cache-Control": "private, no-store" } });
    },
  ),
});

import { apiRoute, endpoint } from "@/lib/api/api-route";
import { importAnnotations } from "@/lib/annotations/import-annotations";
import { importItems, MAX_IMPORT_BYTES, parseImportItem } from "@/lib/w3c/collection";
import { ANNOTATION_MEDIA_TYPES } from "@/lib/w3c/vocabulary";

export const dynamic = "force-dynamic";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute("/api/documents/:slug/annotations/import", {
  // POST: a signed-in reader brings in annotations (a W3C AnnotationCollection with its items
  // inline, or an array of annotations, up to 2 MB), each validated as a create is, anchored by
  // its quote in the current text and created as the reader's own. Answers 200 { imported,
  // failed: [{ index, id?, exact?, reason }] }; a body that is not such a list is refused whole
  // (400) and nothing is stored.
  POST: endpoint(
    {
      params: { slug: "document" },
      user: { signIn: "import annotations" },
      body: { limit: MAX_IMPORT_BYTES, media: ANNOTATION_MEDIA_TYPES, parse: importItems },
      write: true,
    },
    async ({ params: { slug }, user, body }) => {
      const report = await importAnnotations(slug, user, body.map(parseImportItem));
      return Response.json(report, { headers: { "Cache-Control": "no-store" } });
    },
  ),
});

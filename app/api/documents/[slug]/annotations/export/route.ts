import { apiRoute, endpoint } from "@/lib/api/api-route";
import {
  attachmentDisposition,
  CSV_MEDIA_TYPE,
  exportCollection,
  exportCsv,
  exportFileName,
  exportQuerySchema,
} from "@/lib/w3c/export-annotations";
import { allDocumentAnnotations } from "@/lib/annotations/queries";
import { DomainError } from "@/lib/errors";
import { noSuchDocument } from "@/lib/documents/queries";
import { ANNO_MEDIA_TYPE } from "@/lib/w3c/vocabulary";

export const dynamic = "force-dynamic";

// GET /api/documents/:slug/annotations/export?format=jsonld|csv[&creator=me]: every annotation the
// requester may see (the public ones and their own private ones), or with creator=me their own
// only, as one file to download: a W3C AnnotationCollection with every item inline, or CSV.
const onGet = endpoint(
  { params: { slug: "document" }, query: exportQuerySchema, user: "viewer" },
  async ({ params: { slug }, query: { format, creator }, user: viewer, origin }) => {
    const mine = creator === "me";
    if (mine && !viewer) throw new DomainError("unauthenticated", "Sign in to export your own annotations.");
    const result = await allDocumentAnnotations(slug, viewer, { onlyTheirs: mine });
    if (!result) throw noSuchDocument(slug);
    const context = { origin, slug, title: result.title, mine };
    const headers = {
      "Content-Disposition": attachmentDisposition(exportFileName(slug, format, mine)),
      // The file holds the requester's private annotations: never shared by a cache.
      "Cache-Control": "private, no-store",
      Vary: "Cookie",
    };
    if (format === "csv")
      return new Response(exportCsv(result.items, context), { headers: { ...headers, "Content-Type": CSV_MEDIA_TYPE } });
    return new Response(JSON.stringify(exportCollection(result.items, context)), {
      headers: { ...headers, "Content-Type": ANNO_MEDIA_TYPE },
    });
  },
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute("/api/documents/:slug/annotations/export", { GET: onGet });

import { apiMethods } from "@/lib/api/api-methods";
import { ApiError, apiRoute } from "@/lib/api/errors";
import { originOf, parseSearchParams } from "@/lib/api/request";
import {
  attachmentDisposition,
  CSV_MEDIA_TYPE,
  exportCollection,
  exportCsv,
  exportFileName,
  exportQuerySchema,
} from "@/lib/annotations/export-annotations";
import { allDocumentAnnotations } from "@/lib/annotations/queries";
import { ANNO_MEDIA_TYPE } from "@/lib/annotations/w3c";
import { getSessionUser } from "@/lib/auth";
import { requireUser } from "@/lib/api/json-body";

export const dynamic = "force-dynamic";

// GET /api/documents/:slug/annotations/export?format=jsonld|csv[&creator=me]: every annotation the
// requester may see (the public ones and their own private ones), or with creator=me their own
// only, as one file to download: a W3C AnnotationCollection with every item inline, or CSV.
const onGet = apiRoute(
  "GET /api/documents/:slug/annotations/export",
  async (request: Request, { params }: { params: Promise<{ slug: string }> }) => {
    const { slug } = await params;
    const { format, creator } = parseSearchParams(request, exportQuerySchema);
    const mine = creator === "me";
    const viewer = mine ? await requireUser(request, "export your own annotations") : await getSessionUser(request);
    const result = await allDocumentAnnotations(slug, viewer?.id, { onlyTheirs: mine });
    if (!result) throw new ApiError(404, "not_found", `No document "${slug}".`);
    const context = { origin: originOf(request), slug, title: result.title, mine };
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

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({ GET: onGet });

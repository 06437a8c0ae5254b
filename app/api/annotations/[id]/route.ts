import { ApiError, apiRoute } from "@/lib/api/errors";
import { originOf } from "@/lib/api/request";
import { getAnnotation } from "@/lib/annotations/queries";
import { ANNO_MEDIA_TYPE, toW3cAnnotation } from "@/lib/annotations/w3c";

export const dynamic = "force-dynamic";

// GET /api/annotations/:id: one annotation as a W3C Web Annotation.
export const GET = apiRoute("GET /api/annotations/:id", async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const annotation = await getAnnotation(id);
  if (!annotation) throw new ApiError(404, "not_found", `No annotation "${id}".`);
  const body = toW3cAnnotation(annotation, {
    origin: originOf(request),
    documentSlug: annotation.document.slug,
    version: annotation.version.hash,
  });
  return Response.json(body, {
    headers: {
      "Content-Type": ANNO_MEDIA_TYPE,
      ETag: `"${annotation.id}-${annotation.modified.getTime()}"`,
      Link: '<http://www.w3.org/ns/ldp#Resource>; rel="type"',
      Allow: "GET, HEAD, OPTIONS",
    },
  });
});

import { apiMethods } from "@/lib/api/api-methods";
import { ApiError, apiRoute } from "@/lib/api/errors";
import { requireUser, routeId } from "@/lib/api/json-body";
import { originOf } from "@/lib/api/request";
import { ANNOTATION_LINK } from "@/lib/annotations/container";
import { readAnnotationRequest } from "@/lib/annotations/protocol";
import { getAnnotation } from "@/lib/annotations/queries";
import { ANNO_MEDIA_TYPE, annotationEtag, toW3cAnnotation } from "@/lib/annotations/w3c";
import { deleteAnnotation, replaceAnnotation } from "@/lib/annotations/writes";
import { getSessionUser } from "@/lib/auth";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ slug: string; id: string }> };

/** The annotation the route's IRI names: its id, in the container of document `slug`. */
async function named(params: Context["params"]) {
  const { slug, id } = await params;
  return { documentSlug: routeId(slug, "document"), id: routeId(id, "annotation") };
}

function annotationResponse(request: Request, annotation: NonNullable<Awaited<ReturnType<typeof getAnnotation>>>) {
  const body = toW3cAnnotation(annotation, {
    origin: originOf(request),
    documentSlug: annotation.document.slug,
    version: annotation.version.hash,
  });
  return Response.json(body, {
    headers: { "Content-Type": ANNO_MEDIA_TYPE, ETag: annotationEtag(annotation), Link: ANNOTATION_LINK, Vary: "Accept, Cookie" },
  });
}

// One annotation at its IRI, inside its document's container: /api/documents/:slug/annotations/:id.
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods<Context>(
  {
    // GET: the annotation as a W3C Web Annotation (a private one only to its author).
    GET: apiRoute("GET /api/documents/:slug/annotations/:id", async (request: Request, { params }: Context) => {
      const { documentSlug, id } = await named(params);
      const viewer = await getSessionUser(request);
      const annotation = await getAnnotation(id, viewer?.id);
      if (!annotation || annotation.document.slug !== documentSlug) throw new ApiError(404, "not_found", `No annotation "${id}".`);
      return annotationResponse(request, annotation);
    }),

    // PUT: replace body, motivation, visibility and target (If-Match required).
    PUT: apiRoute("PUT /api/documents/:slug/annotations/:id", async (request: Request, { params }: Context) => {
      const ref = await named(params);
      const user = await requireUser(request, "change annotations");
      const input = await readAnnotationRequest(request);
      const annotation = await replaceAnnotation(ref, user, input, request.headers.get("if-match"));
      return annotationResponse(request, annotation);
    }),

    // DELETE: remove it and its replies (If-Match required); 204.
    DELETE: apiRoute("DELETE /api/documents/:slug/annotations/:id", async (request: Request, { params }: Context) => {
      const ref = await named(params);
      const user = await requireUser(request, "change annotations");
      await deleteAnnotation(ref, user, request.headers.get("if-match"));
      return new Response(null, { status: 204 });
    }),
  },
  { optionsHeaders: { Link: ANNOTATION_LINK, Vary: "Accept, Cookie" } },
);

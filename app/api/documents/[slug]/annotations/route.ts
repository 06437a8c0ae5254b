import { apiMethods, methodNotAllowed } from "@/lib/api/api-methods";
import { ApiError, apiRoute } from "@/lib/api/errors";
import { originOf, parseSearchParams } from "@/lib/api/request";
import { ANNOTATION_LINK, CONTAINER_LINK, containerBody, containerEtag, containerPageBody, lastPageOf } from "@/lib/annotations/container";
import { containerPreference } from "@/lib/annotations/container-preference";
import { readAnnotationRequest } from "@/lib/annotations/protocol";
import { collectionQuerySchema, listDocumentAnnotations, PAGE_SIZE } from "@/lib/annotations/queries";
import { ANNO_MEDIA_TYPE, annotationEtag, annotationUrl, toW3cAnnotation } from "@/lib/annotations/w3c";
import { createAnnotation } from "@/lib/annotations/writes";
import { getSessionUser } from "@/lib/auth";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ slug: string }> };

// The document's annotation container (W3C Web Annotation Protocol), at
// /api/documents/:slug/annotations/ (the address without the slash redirects there).
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods<Context>(
  {
    // GET: the AnnotationCollection, paged (?page=N gives one AnnotationPage), filtered by
    // ?motivation=, ?state= and a range of the current text (?start=&end=: the annotations whose
    // words overlap it; the reader loads notes so, section by section as they near the screen).
    // A Prefer header chooses what the container embeds (minimal, IRIs, or whole annotations).
    GET: apiRoute("GET /api/documents/:slug/annotations/", async (request: Request, { params }: Context) => {
      const { slug } = await params;
      const query = parseSearchParams(request, collectionQuerySchema);
      const viewer = await getSessionUser(request);
      const result = await listDocumentAnnotations(slug, query, viewer?.id);
      if (!result) throw new ApiError(404, "not_found", `No document "${slug}".`);

      const origin = originOf(request);
      const filters = new URLSearchParams();
      if (query.motivation) filters.set("motivation", query.motivation);
      if (query.state) filters.set("state", query.state);
      if (query.start !== undefined && query.end !== undefined) {
        filters.set("start", String(query.start));
        filters.set("end", String(query.end));
      }
      const input = {
        origin,
        slug,
        title: result.title,
        filters,
        total: result.total,
        page: result.page,
        pageSize: PAGE_SIZE,
        items: result.items.map((a) => toW3cAnnotation(a, { origin, documentSlug: slug, version: a.version.hash })),
      };
      const headers: Record<string, string> = { "Content-Type": ANNO_MEDIA_TYPE, Link: CONTAINER_LINK, "Accept-Post": ANNO_MEDIA_TYPE };
      let body;
      if (query.page !== undefined) {
        if (result.page > lastPageOf(result.total, PAGE_SIZE) && result.total > 0)
          throw new ApiError(404, "not_found", `No page ${result.page}: the last page is ${lastPageOf(result.total, PAGE_SIZE)}.`);
        // A page carries its representation in its IRI (iris=1), whatever Prefer says.
        body = containerPageBody(input, query.iris === "1");
        headers.Vary = "Accept, Cookie";
      } else {
        const preferred = containerPreference(request.headers.get("prefer"));
        const preference = query.iris === undefined ? preferred : { ...preferred, iris: query.iris === "1" };
        body = containerBody(input, preference);
        headers["Content-Location"] = body.id;
        headers.Vary = "Accept, Prefer, Cookie";
      }
      const etag = containerEtag(body, result.fingerprint);
      headers.ETag = etag;
      const held = request.headers.get("if-none-match");
      if (held && held.split(",").some((tag) => tag.trim() === etag)) return new Response(null, { status: 304, headers });
      return Response.json(body, { headers });
    }),

    // POST: a signed-in reader creates an annotation (W3C JSON-LD; a Slug header suggests its id).
    // A page is not a container: a POST to one (?page=N) is refused.
    POST: apiRoute("POST /api/documents/:slug/annotations/", async (request: Request, { params }: Context) => {
      if (new URL(request.url).searchParams.has("page"))
        return methodNotAllowed(request, "GET, HEAD, OPTIONS", "An AnnotationPage is not a container: POST to the container itself.");
      const { slug } = await params;
      const user = await getSessionUser(request);
      if (!user) throw new ApiError(401, "unauthenticated", "Sign in to add annotations.");
      const input = await readAnnotationRequest(request);
      const annotation = await createAnnotation(slug, user, input, { suggestedSlug: request.headers.get("slug") });
      const origin = originOf(request);
      return Response.json(toW3cAnnotation(annotation, { origin, documentSlug: slug, version: annotation.version.hash }), {
        status: 201,
        headers: {
          "Content-Type": ANNO_MEDIA_TYPE,
          Location: annotationUrl(origin, slug, annotation.id),
          ETag: annotationEtag(annotation),
          Link: ANNOTATION_LINK,
          Vary: "Accept, Cookie",
        },
      });
    }),
  },
  { optionsHeaders: { Link: CONTAINER_LINK, "Accept-Post": ANNO_MEDIA_TYPE, Vary: "Accept, Prefer, Cookie" } },
);

import { apiRoute, endpoint, methodNotAllowed } from "@/lib/api/api-route";
import { createAnnotation } from "@/lib/annotations/create-annotation";
import { annotationEtag } from "@/lib/annotations/annotation-etag";
import { listDocumentAnnotations, PAGE_SIZE } from "@/lib/annotations/queries";
import { noSuchDocument } from "@/lib/documents/queries";
import { containerEtag, containerFilters, containerQuerySchema, containerRepresentation } from "@/lib/w3c/container";
import { annotationUrl } from "@/lib/w3c/iris";
import { MAX_ANNOTATION_BYTES, parseAnnotation } from "@/lib/w3c/parse-annotation";
import { servedAnnotation } from "@/lib/w3c/serialize-annotation";
import { ANNO_MEDIA_TYPE, ANNOTATION_LINK, ANNOTATION_MEDIA_TYPES, CONTAINER_LINK } from "@/lib/w3c/vocabulary";

export const dynamic = "force-dynamic";

const params = { slug: "document" } as const;

// The document's annotation container (W3C Web Annotation Protocol), at
// /api/documents/:slug/annotations/ (the address without the slash answers too).
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute(
  "/api/documents/:slug/annotations/",
  {
    // GET: the AnnotationCollection, paged (?page=N gives one AnnotationPage), filtered by
    // ?motivation=, ?state= and a range of the current text (?start=&end=: the annotations whose
    // words overlap it; the reader loads notes so, section by section as they near the screen).
    // A Prefer header chooses what the container embeds (minimal, IRIs, or whole annotations).
    GET: endpoint({ params, query: containerQuerySchema, user: "viewer" }, async ({ params: { slug }, query, user, request, origin }) => {
      const result = await listDocumentAnnotations(slug, query, user);
      if (!result) throw noSuchDocument(slug);
      const page = {
        origin,
        slug,
        title: result.title,
        filters: containerFilters(query),
        total: result.total,
        page: result.page,
        pageSize: PAGE_SIZE,
        items: result.items.map((a) => servedAnnotation({ ...a, document: { slug } }, origin)),
      };
      const { body, headers } = containerRepresentation(page, query, request.headers.get("prefer"));
      return Response.json(body, { headers: { ...headers, ETag: containerEtag(body, result.fingerprint) } });
    }),

    // POST: a signed-in reader creates an annotation (W3C JSON-LD; a Slug header suggests its id).
    // A page is not a container: a POST to one (?page=N) is refused.
    POST: endpoint(
      {
        address: (request) =>
          new URL(request.url).searchParams.has("page")
            ? methodNotAllowed(request, "GET, HEAD, OPTIONS", "An AnnotationPage is not a container: POST to the container itself.")
            : undefined,
        params,
        user: { signIn: "add annotations" },
        body: { limit: MAX_ANNOTATION_BYTES, media: ANNOTATION_MEDIA_TYPES, parse: (json) => parseAnnotation(json, "create") },
        write: true,
      },
      async ({ params: { slug }, user, body, request, origin }) => {
        const annotation = await createAnnotation(slug, user, body, { suggestedSlug: request.headers.get("slug") });
        return Response.json(servedAnnotation(annotation, origin), {
          status: 201,
          headers: {
            "Content-Type": ANNO_MEDIA_TYPE,
            Location: annotationUrl(origin, slug, annotation.id),
            ETag: annotationEtag(annotation),
            Link: ANNOTATION_LINK,
            Vary: "Accept, Cookie",
          },
        });
      },
    ),
  },
  { optionsHeaders: { Link: CONTAINER_LINK, "Accept-Post": ANNO_MEDIA_TYPE, Vary: "Accept, Prefer, Cookie" } },
);

import { apiRoute, endpoint } from "@/lib/api/api-route";
import { annotationEtag } from "@/lib/annotations/annotation-etag";
import { deleteAnnotation } from "@/lib/annotations/delete-annotation";
import { getAnnotation } from "@/lib/annotations/queries";
import { replaceAnnotation } from "@/lib/annotations/replace-annotation";
import { DomainError } from "@/lib/errors";
import { MAX_ANNOTATION_BYTES, parseAnnotation } from "@/lib/w3c/parse-annotation";
import { servedAnnotation } from "@/lib/w3c/serialize-annotation";
import { ANNO_MEDIA_TYPE, ANNOTATION_LINK, ANNOTATION_MEDIA_TYPES } from "@/lib/w3c/vocabulary";

export const dynamic = "force-dynamic";

// The annotation the route's IRI names: its id, in the container of document `slug`.
const params = { slug: "document", id: "annotation" } as const;
const changedBy = { signIn: "change annotations" };

/** An annotation at its IRI, with its ETag. */
function annotationResponse(annotation: NonNullable<Awaited<ReturnType<typeof getAnnotation>>>, origin: string) {
  return Response.json(servedAnnotation(annotation, origin), {
    headers: { "Content-Type": ANNO_MEDIA_TYPE, ETag: annotationEtag(annotation), Link: ANNOTATION_LINK, Vary: "Accept, Cookie" },
  });
}

// One annotation at its IRI, inside its document's container: /api/documents/:slug/annotations/:id.
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute(
  "/api/documents/:slug/annotations/:id",
  {
    // GET: the annotation as a W3C Web Annotation (a private one only to its author).
    GET: endpoint({ params, user: "viewer" }, async ({ params: { slug, id }, user, origin }) => {
      const annotation = await getAnnotation(id, user);
      if (!annotation || annotation.document.slug !== slug) throw new DomainError("not_found", `No annotation "${id}".`);
      return annotationResponse(annotation, origin);
    }),

    // PUT: replace body, motivation, visibility and target (If-Match required).
    PUT: endpoint(
      {
        params,
        user: changedBy,
        body: { limit: MAX_ANNOTATION_BYTES, media: ANNOTATION_MEDIA_TYPES, parse: (json) => parseAnnotation(json, "replace") },
        write: true,
        ifMatch: "required",
      },
      async ({ params: { slug, id }, user, body, precondition, origin }) =>
        annotationResponse(await replaceAnnotation({ id, documentSlug: slug }, user, body, precondition), origin),
    ),

    // DELETE: remove it and its replies (If-Match required); 204.
    DELETE: endpoint(
      { params, user: changedBy, write: true, ifMatch: "required" },
      async ({ params: { slug, id }, user, precondition }) => {
        await deleteAnnotation({ id, documentSlug: slug }, user, precondition);
        return new Response(null, { status: 204 });
      },
    ),
  },
  { optionsHeaders: { Link: ANNOTATION_LINK, Vary: "Accept, Cookie" } },
);

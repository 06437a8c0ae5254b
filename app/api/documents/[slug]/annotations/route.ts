import { ApiError, apiRoute } from "@/lib/api/errors";
import { originOf, parseSearchParams } from "@/lib/api/request";
import { collectionQuerySchema, listDocumentAnnotations, PAGE_SIZE } from "@/lib/annotations/queries";
import { readAnnotationRequest } from "@/lib/annotations/protocol";
import { ANNO_CONTEXT, ANNO_MEDIA_TYPE, annotationEtag, annotationUrl, LDP_CONTEXT, toW3cAnnotation } from "@/lib/annotations/w3c";
import { createAnnotation } from "@/lib/annotations/writes";
import { getSessionUser } from "@/lib/auth";

export const dynamic = "force-dynamic";

const headers = {
  "Content-Type": ANNO_MEDIA_TYPE,
  Link: '<http://www.w3.org/ns/ldp#BasicContainer>; rel="type", <http://www.w3.org/TR/annotation-protocol/>; rel="http://www.w3.org/ns/ldp#constrainedBy"',
  Vary: "Accept, Cookie",
  Allow: "GET, POST, HEAD, OPTIONS",
  "Accept-Post": ANNO_MEDIA_TYPE,
};

// GET /api/documents/:slug/annotations: the W3C AnnotationCollection of the document, paged
// (?page=N gives one AnnotationPage), filtered by ?motivation=, ?state= and a range of the current
// text (?start=&end=: the annotations whose words overlap it; the reader loads notes so, section
// by section as they near the screen).
export const GET = apiRoute(
  "GET /api/documents/:slug/annotations",
  async (request: Request, { params }: { params: Promise<{ slug: string }> }) => {
    const { slug } = await params;
    const query = parseSearchParams(request, collectionQuerySchema);
    const viewer = await getSessionUser(request);
    const result = await listDocumentAnnotations(slug, query, viewer?.id);
    if (!result) throw new ApiError(404, "not_found", `No document "${slug}".`);

    const origin = originOf(request);
    const base = `${origin}/api/documents/${encodeURIComponent(slug)}/annotations`;
    const filters = new URLSearchParams();
    if (query.motivation) filters.set("motivation", query.motivation);
    if (query.state) filters.set("state", query.state);
    if (query.start !== undefined && query.end !== undefined) {
      filters.set("start", String(query.start));
      filters.set("end", String(query.end));
    }
    const collectionId = filters.size ? `${base}?${filters}` : base;
    const pageUrl = (n: number) => `${base}?${new URLSearchParams([...filters, ["page", String(n)]])}`;
    const lastPage = Math.max(0, Math.ceil(result.total / PAGE_SIZE) - 1);
    const items = result.items.map((a) => toW3cAnnotation(a, { origin, documentSlug: slug, version: a.version.hash }));
    const page = {
      id: pageUrl(result.page),
      type: "AnnotationPage",
      startIndex: result.page * PAGE_SIZE,
      ...(result.page < lastPage ? { next: pageUrl(result.page + 1) } : {}),
      ...(result.page > 0 ? { prev: pageUrl(result.page - 1) } : {}),
      items,
    };

    if (query.page !== undefined) {
      if (result.page > lastPage && result.total > 0)
        throw new ApiError(404, "not_found", `No page ${result.page}: the last page is ${lastPage}.`);
      return Response.json(
        { "@context": ANNO_CONTEXT, ...page, partOf: { id: collectionId, type: "AnnotationCollection", total: result.total } },
        { headers },
      );
    }
    return Response.json(
      {
        "@context": [ANNO_CONTEXT, LDP_CONTEXT],
        id: collectionId,
        type: ["BasicContainer", "AnnotationCollection"],
        label: `Annotations on ${result.title}`,
        total: result.total,
        first: page,
        last: pageUrl(lastPage),
      },
      { headers },
    );
  },
);

// POST /api/documents/:slug/annotations: a signed-in reader creates an annotation (W3C JSON-LD).
export const POST = apiRoute(
  "POST /api/documents/:slug/annotations",
  async (request: Request, { params }: { params: Promise<{ slug: string }> }) => {
    const { slug } = await params;
    const user = await getSessionUser(request);
    if (!user) throw new ApiError(401, "unauthenticated", "Sign in to add annotations.");
    const input = await readAnnotationRequest(request);
    const annotation = await createAnnotation(slug, user, input);
    const origin = originOf(request);
    return Response.json(toW3cAnnotation(annotation, { origin, documentSlug: slug, version: annotation.version.hash }), {
      status: 201,
      headers: {
        "Content-Type": ANNO_MEDIA_TYPE,
        Location: annotationUrl(origin, annotation.id),
        ETag: annotationEtag(annotation),
        Link: '<http://www.w3.org/ns/ldp#Resource>; rel="type"',
        Allow: "GET, PUT, DELETE, HEAD, OPTIONS",
      },
    });
  },
);

export function OPTIONS(): Response {
  return new Response(null, { status: 204, headers: { Allow: headers.Allow, "Accept-Post": headers["Accept-Post"] } });
}

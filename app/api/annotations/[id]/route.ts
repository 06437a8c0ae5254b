import { ApiError, apiRoute } from "@/lib/api/errors";
import { originOf } from "@/lib/api/request";
import { readAnnotationRequest } from "@/lib/annotations/protocol";
import { getAnnotation } from "@/lib/annotations/queries";
import { ANNO_MEDIA_TYPE, annotationEtag, toW3cAnnotation } from "@/lib/annotations/w3c";
import { deleteAnnotation, replaceAnnotation } from "@/lib/annotations/writes";
import { getSessionUser } from "@/lib/auth";

export const dynamic = "force-dynamic";

const ALLOW = "GET, PUT, DELETE, HEAD, OPTIONS";
type Context = { params: Promise<{ id: string }> };

function annotationResponse(request: Request, annotation: NonNullable<Awaited<ReturnType<typeof getAnnotation>>>) {
  const body = toW3cAnnotation(annotation, {
    origin: originOf(request),
    documentSlug: annotation.document.slug,
    version: annotation.version.hash,
  });
  return Response.json(body, {
    headers: {
      "Content-Type": ANNO_MEDIA_TYPE,
      ETag: annotationEtag(annotation),
      Link: '<http://www.w3.org/ns/ldp#Resource>; rel="type"',
      Allow: ALLOW,
      Vary: "Accept, Cookie",
    },
  });
}

const signedIn = async (request: Request) => {
  const user = await getSessionUser(request);
  if (!user) throw new ApiError(401, "unauthenticated", "Sign in to change annotations.");
  return user;
};

// GET /api/annotations/:id: one annotation as a W3C Web Annotation (a private one only to its author).
export const GET = apiRoute("GET /api/annotations/:id", async (request: Request, { params }: Context) => {
  const { id } = await params;
  const viewer = await getSessionUser(request);
  const annotation = await getAnnotation(id, viewer?.id);
  if (!annotation) throw new ApiError(404, "not_found", `No annotation "${id}".`);
  return annotationResponse(request, annotation);
});

// PUT /api/annotations/:id: replace body, motivation, visibility and target (If-Match required).
export const PUT = apiRoute("PUT /api/annotations/:id", async (request: Request, { params }: Context) => {
  const { id } = await params;
  const user = await signedIn(request);
  const input = await readAnnotationRequest(request);
  const annotation = await replaceAnnotation(id, user, input, request.headers.get("if-match"));
  return annotationResponse(request, annotation);
});

// DELETE /api/annotations/:id: remove it (If-Match required); 204.
export const DELETE = apiRoute("DELETE /api/annotations/:id", async (request: Request, { params }: Context) => {
  const { id } = await params;
  const user = await signedIn(request);
  await deleteAnnotation(id, user, request.headers.get("if-match"));
  return new Response(null, { status: 204, headers: { Allow: ALLOW } });
});

export function OPTIONS(): Response {
  return new Response(null, { status: 204, headers: { Allow: ALLOW } });
}

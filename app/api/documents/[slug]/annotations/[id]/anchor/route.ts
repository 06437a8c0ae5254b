import { apiMethods } from "@/lib/api/api-methods";
import { apiRoute } from "@/lib/api/errors";
import { parseBody, readJsonBody, requireUser, routeId } from "@/lib/api/json-body";
import { originOf } from "@/lib/api/request";
import { anchorActionSchema, reviewAnchor } from "@/lib/annotations/anchor-review";
import { ANNO_MEDIA_TYPE, annotationEtag, toW3cAnnotation } from "@/lib/annotations/w3c";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ slug: string; id: string }> };

// POST /api/documents/:slug/annotations/:id/anchor: an editor (or the author) re-attaches an
// annotation to words of the current text, confirms a fuzzy anchor, dismisses an orphan from the
// queue, or detaches a fuzzy anchor. Body: { action: "attach", start?, end?, exact?, prefix?,
// suffix? } | { action: "confirm" | "dismiss" | "detach" }. If-Match is honoured when sent.
// Answers with the annotation as it now is.
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods<Context>({
  POST: apiRoute("POST /api/documents/:slug/annotations/:id/anchor", async (request: Request, { params }: Context) => {
    const { slug, id } = await params;
    const ref = { documentSlug: routeId(slug, "document"), id: routeId(id, "annotation") };
    const user = await requireUser(request, "review anchors");
    const action = parseBody(anchorActionSchema, await readJsonBody(request, 64 * 1024), "The anchor action");
    const annotation = await reviewAnchor(ref, user, action, request.headers.get("if-match"));
    return Response.json(
      toW3cAnnotation(annotation, { origin: originOf(request), documentSlug: annotation.document.slug, version: annotation.version.hash }),
      { headers: { "Content-Type": ANNO_MEDIA_TYPE, ETag: annotationEtag(annotation) } },
    );
  }),
});

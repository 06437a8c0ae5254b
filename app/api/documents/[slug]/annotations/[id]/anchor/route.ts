import { apiRoute, endpoint } from "@/lib/api/api-route";
import { anchorActionSchema, reviewAnchor } from "@/lib/annotations/anchor-review";
import { annotationEtag } from "@/lib/annotations/annotation-etag";
import { servedAnnotation } from "@/lib/w3c/serialize-annotation";
import { ANNO_MEDIA_TYPE } from "@/lib/w3c/vocabulary";

export const dynamic = "force-dynamic";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute("/api/documents/:slug/annotations/:id/anchor", {
  // POST: an editor (or the author) re-attaches an annotation to words of the current text,
  // confirms a fuzzy anchor, dismisses an orphan from the queue, or detaches a fuzzy anchor. Body:
  // { action: "attach", start?, end?, exact?, prefix?, suffix? } | { action: "confirm" | "dismiss"
  // | "detach" }. If-Match is honoured when sent. Answers with the annotation as it now is.
  POST: endpoint(
    {
      params: { slug: "document", id: "annotation" },
      user: { signIn: "review anchors" },
      body: { schema: anchorActionSchema, limit: 64 * 1024, what: "The anchor action" },
      write: true,
      ifMatch: "optional",
    },
    async ({ params: { slug, id }, user, body, precondition, origin }) => {
      const annotation = await reviewAnchor({ id, documentSlug: slug }, user, body, precondition);
      return Response.json(servedAnnotation(annotation, origin), {
        headers: { "Content-Type": ANNO_MEDIA_TYPE, ETag: annotationEtag(annotation) },
      });
    },
  ),
});

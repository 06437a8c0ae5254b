import { apiMethods } from "@/lib/api/api-methods";
import { ApiError, apiRoute } from "@/lib/api/errors";
import { getDocument } from "@/lib/documents/queries";

export const dynamic = "force-dynamic";

// GET /api/documents/:slug: the current version's metadata, plain text and passages.
const onGet = apiRoute("GET /api/documents/:slug", async (request: Request, { params }: { params: Promise<{ slug: string }> }) => {
  const { slug } = await params;
  const document = await getDocument(slug);
  if (!document) throw new ApiError(404, "not_found", `No document "${slug}".`);
  const etag = `"${document.version}"`;
  const headers = { ETag: etag, "Cache-Control": "public, max-age=0, must-revalidate" };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return Response.json(
    {
      slug: document.slug,
      title: document.title,
      metadata: document.metadata,
      version: document.version,
      text: document.text,
      passages: document.passages.map(({ id, label, kind, start, end }) => ({ id, label, kind, start, end })),
    },
    { headers },
  );
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({ GET: onGet });

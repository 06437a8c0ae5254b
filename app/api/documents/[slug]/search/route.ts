import { apiMethods } from "@/lib/api/api-methods";
import { z } from "zod";
import { ApiError, apiRoute } from "@/lib/api/errors";
import { parseSearchParams } from "@/lib/api/request";
import { searchDocument } from "@/lib/search/search-document";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({
  q: z.string().trim().min(1, "q must not be empty").max(200, "q must be at most 200 characters"),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

// GET /api/documents/:slug/search?q=TEXT&limit=N: passages, entities and claims matching the query,
// with snippets as segments ({ text, match }) rather than HTML.
const onGet = apiRoute("GET /api/documents/:slug/search", async (request: Request, { params }: { params: Promise<{ slug: string }> }) => {
  const { slug } = await params;
  const { q, limit } = parseSearchParams(request, paramsSchema);
  const response = await searchDocument(slug, q, limit);
  if (!response) throw new ApiError(404, "not_found", `No document "${slug}".`);
  return Response.json(response);
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({ GET: onGet });

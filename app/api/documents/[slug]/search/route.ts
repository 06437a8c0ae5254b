import { z } from "zod";
import { apiRoute, endpoint } from "@/lib/api/api-route";
import { noSuchDocument } from "@/lib/documents/queries";
import { searchDocument } from "@/lib/search/search-document";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  q: z.string().trim().min(1, "q must not be empty").max(200, "q must be at most 200 characters"),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute("/api/documents/:slug/search", {
  // GET ?q=TEXT&limit=N: passages, entities and claims matching the query, with snippets as
  // segments ({ text, match }) rather than HTML.
  GET: endpoint(
    { params: { slug: "document" }, query: querySchema, user: "viewer" },
    async ({ params: { slug }, query: { q, limit }, user }) => {
      const response = await searchDocument(slug, q, user, limit);
      if (!response) throw noSuchDocument(slug);
      return Response.json(response);
    },
  ),
});

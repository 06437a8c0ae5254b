import { apiRoute, endpoint } from "@/lib/api/api-route";
import { getDb } from "@/lib/db";
import { reviewProposals, reviewSchema } from "@/lib/entities/review-proposals";

export const dynamic = "force-dynamic";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute("/api/documents/:slug/proposals/review", {
  // POST: one review action (accept, reject, link, merge, split, undo) in one transaction.
  POST: endpoint(
    {
      params: { slug: "document" },
      user: { signIn: "review proposals" },
      write: true,
      body: { limit: 1024 * 1024, schema: reviewSchema, what: "The review" },
    },
    async ({ params: { slug }, user, body }) => {
      const result = await reviewProposals(getDb(), slug, user, body);
      return Response.json(result, { headers: { "Cache-Control": "no-store" } });
    },
  ),
});

import { apiRoute, endpoint } from "@/lib/api/api-route";
import { dateReviewSchema, reviewDates } from "@/lib/claims/review-dates";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute("/api/documents/:slug/proposals/dates", {
  // POST: accept dated sentences (each becomes a date claim on the timeline) or reject them.
  POST: endpoint(
    {
      params: { slug: "document" },
      user: { signIn: "review proposals" },
      write: true,
      body: { limit: 64 * 1024, schema: dateReviewSchema, what: "The review" },
    },
    async ({ params: { slug }, user, body }) =>
      Response.json(await reviewDates(getDb(), slug, user, body), { headers: { "Cache-Control": "no-store" } }),
  ),
});

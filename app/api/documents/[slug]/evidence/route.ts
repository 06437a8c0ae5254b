import { z } from "zod";
import { apiRoute, endpoint } from "@/lib/api/api-route";
import { noSuchDocument } from "@/lib/documents/queries";
import { findEvidence } from "@/lib/search/find-evidence";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  claim: z.string().trim().min(1, "claim must not be empty").max(2000, "claim must be at most 2000 characters"),
  limit: z.coerce.number().int().min(1).max(50).default(5),
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute("/api/documents/:slug/evidence", {
  // GET ?claim=TEXT&limit=N: the passages that best support a claim.
  GET: endpoint(
    { params: { slug: "document" }, query: querySchema, user: "viewer" },
    async ({ params: { slug }, query: { claim, limit }, user }) => {
      const results = await findEvidence(slug, claim, user, limit);
      if (!results) throw noSuchDocument(slug);
      return Response.json({ claim, results });
    },
  ),
});

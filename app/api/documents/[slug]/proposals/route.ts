import { z } from "zod";
import { apiRoute, endpoint } from "@/lib/api/api-route";
import { getDb } from "@/lib/db";
import { listProposals } from "@/lib/entities/review-proposals";

export const dynamic = "force-dynamic";

const query = z.object({ status: z.enum(["pending", "all"]).default("pending") }).strict();

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute("/api/documents/:slug/proposals", {
  // GET: the names an import proposes in the document (its owner; editors on a public document; else 404).
  GET: endpoint({ params: { slug: "document" }, user: "viewer", query }, async ({ params: { slug }, user, query }) => {
    const proposals = await listProposals(getDb(), slug, user, query.status === "all");
    return Response.json({ proposals }, { headers: { "Cache-Control": "private, no-store" } });
  }),
});

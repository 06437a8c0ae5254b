import { z } from "zod";
import { apiRoute, endpoint } from "@/lib/api/api-route";
import { getDb } from "@/lib/db";
import { listDateProposals } from "@/lib/claims/review-dates";
import { listProposals } from "@/lib/entities/review-proposals";

export const dynamic = "force-dynamic";

const query = z.object({ status: z.enum(["pending", "all"]).default("pending") }).strict();

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute("/api/documents/:slug/proposals", {
  // GET: the names (and dated sentences) an import proposes in the document (its owner; editors on a public document; else 404).
  GET: endpoint({ params: { slug: "document" }, user: "viewer", query }, async ({ params: { slug }, user, query }) => {
    const all = query.status === "all";
    const proposals = await listProposals(getDb(), slug, user, all);
    const dates = await listDateProposals(getDb(), slug, user, all);
    return Response.json({ proposals, dates }, { headers: { "Cache-Control": "private, no-store" } });
  }),
});

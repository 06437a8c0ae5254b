import { apiMethods } from "@/lib/api/api-methods";
import { z } from "zod";
import { ApiError, apiRoute } from "@/lib/api/errors";
import { parseSearchParams } from "@/lib/api/request";
import { findEvidence } from "@/lib/search/find-evidence";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({
  claim: z.string().trim().min(1, "claim must not be empty").max(2000, "claim must be at most 2000 characters"),
  limit: z.coerce.number().int().min(1).max(50).default(5),
});

// GET /api/documents/:slug/evidence?claim=TEXT&limit=N: the passages that best support a claim.
const onGet = apiRoute("GET /api/documents/:slug/evidence", async (request: Request, { params }: { params: Promise<{ slug: string }> }) => {
  const { slug } = await params;
  const { claim, limit } = parseSearchParams(request, paramsSchema);
  const results = await findEvidence(slug, claim, limit);
  if (!results) throw new ApiError(404, "not_found", `No document "${slug}".`);
  return Response.json({ claim, results });
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({ GET: onGet });

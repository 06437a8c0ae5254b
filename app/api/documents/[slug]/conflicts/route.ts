import { apiMethods } from "@/lib/api/api-methods";
import { ApiError, apiRoute } from "@/lib/api/errors";
import { getDocumentConflicts } from "@/lib/claims/queries";

export const dynamic = "force-dynamic";

// GET /api/documents/:slug/conflicts: passages of the text that cannot all be right, and why.
const onGet = apiRoute(
  "GET /api/documents/:slug/conflicts",
  async (_request: Request, { params }: { params: Promise<{ slug: string }> }) => {
    const { slug } = await params;
    const conflicts = await getDocumentConflicts(slug);
    if (!conflicts) throw new ApiError(404, "not_found", `No document "${slug}".`);
    return Response.json({
      conflicts: conflicts.map((c) => ({
        id: c.id,
        reason: c.reason,
        sides: c.sides.map(({ claimId, passageId, passageLabel, start, end, exact }) => ({
          ...(claimId ? { claimId } : {}),
          passageId,
          passageLabel,
          start,
          end,
          exact,
        })),
      })),
    });
  },
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({ GET: onGet });

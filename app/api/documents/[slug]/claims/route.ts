import { ApiError, apiRoute } from "@/lib/api/errors";
import { getDocumentClaims } from "@/lib/claims/queries";

export const dynamic = "force-dynamic";

// GET /api/documents/:slug/claims: the claims about the text, each with its evidence.
export const GET = apiRoute(
  "GET /api/documents/:slug/claims",
  async (_request: Request, { params }: { params: Promise<{ slug: string }> }) => {
    const { slug } = await params;
    const claims = await getDocumentClaims(slug);
    if (!claims) throw new ApiError(404, "not_found", `No document "${slug}".`);
    return Response.json({
      claims: claims.map((c) => ({
        id: c.id,
        statement: c.statement,
        kind: c.kind,
        date: c.date,
        entities: c.entities,
        evidence: c.evidence.map(({ stance, passageId, passageLabel, start, end, exact, note }) => ({
          stance,
          passageId,
          passageLabel,
          start,
          end,
          exact,
          ...(note ? { note } : {}),
        })),
      })),
    });
  },
);

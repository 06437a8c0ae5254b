import { apiMethods } from "@/lib/api/api-methods";
import { ApiError, apiRoute } from "@/lib/api/errors";
import { getDocumentEntities } from "@/lib/entities/queries";

export const dynamic = "force-dynamic";

// GET /api/documents/:slug/entities: the entities the document mentions, with their mentions.
const onGet = apiRoute(
  "GET /api/documents/:slug/entities",
  async (_request: Request, { params }: { params: Promise<{ slug: string }> }) => {
    const { slug } = await params;
    const entities = await getDocumentEntities(slug);
    if (!entities) throw new ApiError(404, "not_found", `No document "${slug}".`);
    return Response.json({
      entities: entities.map((e) => ({
        id: e.id,
        name: e.name,
        kind: e.kind,
        aliases: e.aliases,
        description: e.description,
        identifiers: e.identifiers,
        origin: e.origin,
        mentions: e.mentions.map(({ start, end, exact, passageId, annotationId }) => ({ start, end, exact, passageId, annotationId })),
      })),
    });
  },
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({ GET: onGet });

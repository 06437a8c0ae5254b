import { apiMethods } from "@/lib/api/api-methods";
import { ApiError, apiRoute } from "@/lib/api/errors";
import { routeId } from "@/lib/api/json-body";
import { getSessionUser } from "@/lib/auth";
import { entityOccurrences } from "@/lib/entities/user-entities";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ slug: string; id: string }> };

// GET /api/documents/:slug/entities/:id/occurrences: where the current text names the entity (its
// name and aliases, by the alias matcher) and no identifying annotation the viewer can see
// covers the place yet: candidates for new identifying annotations (create them through
// POST /api/documents/:slug/annotations/import).
const onGet = apiRoute("GET /api/documents/:slug/entities/:id/occurrences", async (request: Request, { params }: Context) => {
  const { slug, id } = await params;
  routeId(slug, "document");
  routeId(id, "entity");
  const viewer = await getSessionUser(request);
  const occurrences = await entityOccurrences(slug, id, viewer?.id);
  if (!occurrences) throw new ApiError(404, "not_found", `No document "${slug}" or no entity "${id}".`);
  return Response.json({ occurrences }, { headers: { "Cache-Control": "private, no-store", Vary: "Cookie" } });
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({ GET: onGet });

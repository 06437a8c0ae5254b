import { apiMethods } from "@/lib/api/api-methods";
import { apiRoute } from "@/lib/api/errors";
import { parseBody, readJsonBody, requireUser } from "@/lib/api/json-body";
import { originOf, parseSearchParams } from "@/lib/api/request";
import {
  createUserEntity,
  entityCreateSchema,
  entityLookupQuerySchema,
  lookUpEntities,
  MAX_ENTITY_REQUEST_BYTES,
} from "@/lib/entities/user-entities";

export const dynamic = "force-dynamic";

// GET /api/entities?q=TEXT&limit=N: entities whose name or an alias matches (case and diacritics
// ignored; exact, prefix, word prefix and substring matches first, then similar names), each with
// its count of public mentions.
const onGet = apiRoute("GET /api/entities", async (request: Request) => {
  const { q, limit } = parseSearchParams(request, entityLookupQuerySchema);
  return Response.json({ entities: await lookUpEntities(q, limit) });
});

// POST /api/entities: a signed-in reader makes an entity ({ kind, name, aliases?, description? });
// 201 with the entity and its Location.
const onPost = apiRoute("POST /api/entities", async (request: Request) => {
  const user = await requireUser(request, "add entities");
  const input = parseBody(entityCreateSchema, await readJsonBody(request, MAX_ENTITY_REQUEST_BYTES), "The entity");
  const { entity, etag } = await createUserEntity(user, input);
  return Response.json(entity, {
    status: 201,
    headers: { Location: `${originOf(request)}/api/entities/${encodeURIComponent(entity.id)}`, ETag: etag },
  });
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({ GET: onGet, POST: onPost });

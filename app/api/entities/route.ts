import { apiRoute, endpoint } from "@/lib/api/api-route";
import {
  createUserEntity,
  entityCreateSchema,
  entityLookupQuerySchema,
  lookUpEntities,
  MAX_ENTITY_REQUEST_BYTES,
} from "@/lib/entities/user-entities";

export const dynamic = "force-dynamic";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute("/api/entities", {
  // GET ?q=TEXT&limit=N: entities whose name or an alias matches (case and diacritics ignored;
  // exact, prefix, word prefix and substring matches first, then similar names), each with its
  // count of public mentions in the documents the requester can see.
  GET: endpoint({ query: entityLookupQuerySchema, user: "viewer" }, async ({ query: { q, limit }, user }) =>
    Response.json({ entities: await lookUpEntities(q, limit, user) }),
  ),

  // POST: a signed-in reader makes an entity ({ kind, name, aliases?, description? }); 201 with
  // the entity and its Location.
  POST: endpoint(
    {
      user: { signIn: "add entities" },
      body: { schema: entityCreateSchema, limit: MAX_ENTITY_REQUEST_BYTES, what: "The entity" },
      write: true,
    },
    async ({ user, body, origin }) => {
      const { entity, etag } = await createUserEntity(user, body);
      return Response.json(entity, {
        status: 201,
        headers: { Location: `${origin}/api/entities/${encodeURIComponent(entity.id)}`, ETag: etag },
      });
    },
  ),
});

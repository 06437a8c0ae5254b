import { apiRoute, endpoint } from "@/lib/api/api-route";
import { entityJson, getEntity } from "@/lib/entities/queries";
import { entityPatchSchema, getEntityRecord, MAX_ENTITY_REQUEST_BYTES, patchEntity } from "@/lib/entities/user-entities";
import { DomainError } from "@/lib/errors";

export const dynamic = "force-dynamic";

const params = { id: "entity" } as const;

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute("/api/entities/:id", {
  // GET: one entity with its mentions in every document.
  GET: endpoint({ params, user: "viewer" }, async ({ params: { id }, user }) => {
    const [entity, record] = await Promise.all([getEntity(id, user), getEntityRecord(id)]);
    if (!entity || !record) throw new DomainError("not_found", `No entity "${id}".`);
    return Response.json(entityJson(entity, record.entity), { headers: { ETag: record.etag } });
  }),

  // PATCH: change name, aliases, description, kind or identifiers (editors any entity, a reader
  // their own). If-Match is honoured when sent. An edit of a curated entity lasts until its
  // curated file (or document) next changes: the import then rewrites it.
  PATCH: endpoint(
    {
      params,
      user: { signIn: "change entities" },
      body: { schema: entityPatchSchema, limit: MAX_ENTITY_REQUEST_BYTES, what: "The change" },
      write: true,
      ifMatch: "optional",
    },
    async ({ params: { id }, user, body, precondition }) => {
      const { entity, etag } = await patchEntity(id, user, body, precondition);
      return Response.json(entity, { headers: { ETag: etag } });
    },
  ),
});

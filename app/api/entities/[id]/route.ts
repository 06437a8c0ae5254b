import { apiMethods } from "@/lib/api/api-methods";
import { ApiError, apiRoute } from "@/lib/api/errors";
import { ifMatchAllows, parseBody, readJsonBody, requireUser, routeId } from "@/lib/api/json-body";
import { getEntity } from "@/lib/entities/queries";
import { entityPatchSchema, getEntityRecord, MAX_ENTITY_REQUEST_BYTES, patchEntity } from "@/lib/entities/user-entities";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

// GET /api/entities/:id: one entity with its mentions in every document.
const onGet = apiRoute("GET /api/entities/:id", async (_request: Request, { params }: Context) => {
  const id = routeId((await params).id, "entity");
  const [entity, record] = await Promise.all([getEntity(id), getEntityRecord(id)]);
  if (!entity || !record) throw new ApiError(404, "not_found", `No entity "${id}".`);
  return Response.json(
    {
      id: entity.id,
      name: entity.name,
      kind: entity.kind,
      aliases: entity.aliases,
      description: entity.description,
      identifiers: entity.identifiers,
      origin: record.entity.origin,
      createdBy: record.entity.createdBy,
      documents: entity.documents.map((d) => ({
        slug: d.slug,
        title: d.title,
        mentions: d.mentions.map(({ start, end, exact, passageId, passageLabel, annotationId }) => ({
          start,
          end,
          exact,
          passageId,
          passageLabel,
          annotationId,
        })),
        companions: d.companions.map(({ id: companionId, name, kind, passages }) => ({ id: companionId, name, kind, passages })),
      })),
      mentions: entity.documents.flatMap((d) =>
        d.mentions.map(({ start, end, exact, passageId }) => ({ document: d.slug, start, end, exact, passageId })),
      ),
    },
    { headers: { ETag: record.etag } },
  );
});

// PATCH /api/entities/:id: change name, aliases, description, kind or identifiers (editors any
// entity, a reader their own). If-Match is honoured when sent. An edit of a curated entity lasts
// until its curated file (or document) next changes: the import then rewrites it.
const onPatch = apiRoute("PATCH /api/entities/:id", async (request: Request, { params }: Context) => {
  const id = routeId((await params).id, "entity");
  const user = await requireUser(request, "change entities");
  const patch = parseBody(entityPatchSchema, await readJsonBody(request, MAX_ENTITY_REQUEST_BYTES), "The change");
  const ifMatch = request.headers.get("if-match");
  const { entity, etag } = await patchEntity(id, user, patch, (current) => ifMatchAllows(ifMatch, current));
  return Response.json(entity, { headers: { ETag: etag } });
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({ GET: onGet, PATCH: onPatch });

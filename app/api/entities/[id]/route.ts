import { ApiError, apiRoute } from "@/lib/api/errors";
import { getEntity } from "@/lib/entities/queries";

export const dynamic = "force-dynamic";

// GET /api/entities/:id: one entity with its mentions in every document.
export const GET = apiRoute("GET /api/entities/:id", async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const entity = await getEntity(id);
  if (!entity) throw new ApiError(404, "not_found", `No entity "${id}".`);
  return Response.json({
    id: entity.id,
    name: entity.name,
    kind: entity.kind,
    aliases: entity.aliases,
    description: entity.description,
    identifiers: entity.identifiers,
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
  });
});

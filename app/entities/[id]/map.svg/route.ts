import { getSessionUser } from "@/lib/auth";
import { getDb } from "@/lib/db";
import { visibleEntityWhere } from "@/lib/entities/entity-visibility";
import { entityEtag } from "@/lib/entities/user-entities";
import { coordinatesOf, formatCoordinates } from "@/lib/maps/coordinates";
import { drawMap } from "@/lib/maps/draw-map";
import { mapImage } from "@/lib/maps/map-image";
import { isId } from "@/lib/validation/ids";

export const dynamic = "force-dynamic";

// A place's small map as an SVG image, for the reader's entity card (loaded only when a card
// shows it). Revalidated by the entity's ETag, so a change of coordinates shows at once.
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // An entity the requester may not know of has no map either: the same 404 as an unknown id.
  const viewer = isId(id) ? await getSessionUser(request).catch(() => null) : null;
  const entity = isId(id)
    ? await getDb().entity.findFirst({
        where: { id, ...visibleEntityWhere(viewer) },
        select: { id: true, name: true, kind: true, updatedAt: true, latitude: true, longitude: true, coordinatesSource: true },
      })
    : null;
  const coordinates = entity?.kind === "place" ? coordinatesOf(entity) : null;
  if (!entity || !coordinates) return new Response("No map of this entity.", { status: 404, headers: { "Content-Type": "text/plain" } });
  const etag = entityEtag(entity);
  // Private: what exists depends on who asks, so no shared cache keeps it.
  const headers = { ETag: etag, "Cache-Control": "private, no-cache", Vary: "Cookie" };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  const drawing = drawMap([{ id: entity.id, name: entity.name, mentions: 1, ...coordinates }], {
    width: 320,
    height: 180,
    around: 8,
    radius: [6, 6],
    labels: false,
  });
  return new Response(mapImage(drawing, `${entity.name} on a map, at ${formatCoordinates(coordinates)}`), {
    headers: { ...headers, "Content-Type": "image/svg+xml; charset=utf-8" },
  });
}

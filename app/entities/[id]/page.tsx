import { Fragment } from "react";
import type { Metadata } from "next";
import { pageViewer } from "@/app/page-viewer";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ENTITY_KIND_NAMES } from "@/lib/entities/entity-kinds";
import { kwicLine } from "@/lib/entities/kwic";
import { getEntity } from "@/lib/entities/queries";
import { getEntityRecord } from "@/lib/entities/user-entities";
import { EditCoordinates } from "./edit-coordinates";
import { EditEntity } from "./edit-entity";
import { PlacesMap } from "@/app/_maps/places-map";
import { formatCoordinates } from "@/lib/maps/coordinates";
import { drawMap } from "@/lib/maps/draw-map";
import { isId } from "@/lib/validation/ids";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const load = cache(async (id: string) => (isId(id) ? getEntity(id, await pageViewer()) : null));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const entity = await load((await params).id);
  return { title: entity?.name ?? "Not found" };
}

// An entity: what it is, every mention in context, and who or what it appears with.
export default async function EntityPage({ params, searchParams }: Props) {
  const entity = await load((await params).id);
  if (!entity) notFound();
  const query = await searchParams;
  const viewer = await pageViewer();
  const record = viewer ? await getEntityRecord(entity.id) : null;
  const mayEdit =
    !!record && !!viewer && (viewer.role === "editor" || (record.entity.origin === "user" && record.entity.createdBy?.id === viewer.id));
  return (
    <div className="entity-page" data-kind={entity.kind}>
      <p className="breadcrumbs">
        {entity.documents.map((d) => (
          <Link key={d.slug} href={`/documents/${d.slug}/entities`}>
            Names in {d.title}
          </Link>
        ))}
      </p>
      <h1>{entity.name}</h1>
      <dl className="entity-facts">
        <dt>Kind</dt>
        <dd>
          <span className="swatch" data-kind={entity.kind} aria-hidden="true" />
          {ENTITY_KIND_NAMES[entity.kind]}
        </dd>
        <dt>About</dt>
        <dd>{entity.description}</dd>
        {entity.aliases.length > 0 ? (
          <>
            <dt>Also written</dt>
            <dd>{entity.aliases.join(" · ")}</dd>
          </>
        ) : null}
        {entity.kind === "place" ? (
          <>
            <dt>Where</dt>
            <dd data-coordinates="">
              {entity.coordinates
                ? `${formatCoordinates(entity.coordinates)} (${entity.coordinates.source === "editor" ? "set by an editor" : "from the gazetteer"})`
                : "Not known"}
            </dd>
          </>
        ) : null}
        {entity.identifiers.wikidata ? (
          <>
            <dt>Wikidata</dt>
            <dd>
              <a href={`https://www.wikidata.org/wiki/${entity.identifiers.wikidata}`}>{entity.identifiers.wikidata}</a>
            </dd>
          </>
        ) : null}
      </dl>
      {entity.kind === "place" && entity.coordinates ? (
        <figure className="entity-map">
          <PlacesMap
            drawing={drawMap(
              [
                {
                  id: entity.id,
                  name: entity.name,
                  mentions: 1,
                  latitude: entity.coordinates.latitude,
                  longitude: entity.coordinates.longitude,
                },
              ],
              { width: 480, height: 300, around: 8, radius: [8, 8], labels: false },
            )}
            label={`${entity.name} on a map, at ${formatCoordinates(entity.coordinates)}`}
            pointName={(point) => point.place.name}
          />
        </figure>
      ) : null}
      {entity.kind === "place" && viewer?.role === "editor" && record ? (
        <EditCoordinates
          entity={record.entity}
          etag={record.etag}
          notice={query.coordinatesSaved ? "Saved." : undefined}
          error={typeof query.coordinatesError === "string" ? query.coordinatesError.slice(0, 300) : undefined}
        />
      ) : null}
      {mayEdit && record ? (
        <EditEntity
          entity={record.entity}
          etag={record.etag}
          notice={query.saved ? "Saved." : undefined}
          error={typeof query.error === "string" ? query.error.slice(0, 300) : undefined}
        />
      ) : null}
      {entity.documents.map((d) => {
        const first = d.mentions[0];
        const last = d.mentions[d.mentions.length - 1];
        return (
          <section key={d.slug} aria-labelledby={`in-${d.slug}`}>
            <h2 id={`in-${d.slug}`}>
              In <Link href={`/documents/${d.slug}`}>{d.title}</Link>
            </h2>
            <p>
              {d.mentions.length === 1 ? "Named once" : `Named ${d.mentions.length} times`}: first in{" "}
              <a href={`/documents/${d.slug}#${first.passageId}`}>{first.passageLabel}</a>
              {d.mentions.length > 1 ? (
                <>
                  , last in <a href={`/documents/${d.slug}#${last.passageId}`}>{last.passageLabel}</a>
                </>
              ) : null}
              .
            </p>
            <p className="spellings">
              Spelled{" "}
              {spellingsOf(d.mentions).map(([spelling, count], i) => (
                <Fragment key={spelling}>
                  {i > 0 ? ", " : ""}
                  <q>{spelling}</q>
                  {count > 1 ? ` (${count})` : ""}
                </Fragment>
              ))}
              .
            </p>
            <h3>Every mention in context</h3>
            <ol className="kwic">
              {d.mentions.map((m) => {
                const line = kwicLine(m.prefix, m.exact, m.suffix);
                return (
                  <li key={m.annotationId}>
                    {/* Full navigations to passages, so the browser highlights them (:target). */}
                    <a className="kwic-label" href={`/documents/${d.slug}#${m.passageId}`}>
                      {m.passageLabel}
                    </a>
                    <span>
                      {line.moreBefore ? "…" : ""}
                      {line.before}
                      <mark>{line.exact}</mark>
                      {line.after}
                      {line.moreAfter ? "…" : ""}
                    </span>
                  </li>
                );
              })}
            </ol>
            {d.companions.length > 0 ? (
              <>
                <h3>Named in the same passages</h3>
                <ol className="companions">
                  {d.companions.slice(0, 12).map((c) => (
                    <li key={c.id}>
                      <Link href={`/entities/${c.id}`}>{c.name}</Link>{" "}
                      <span className="legend-count">
                        ({c.passages} {c.passages === 1 ? "passage" : "passages"})
                      </span>
                    </li>
                  ))}
                </ol>
              </>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}

/** The spellings a document uses for the entity, the most frequent first, with their counts. */
function spellingsOf(mentions: Array<{ exact: string }>): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const m of mentions) counts.set(m.exact, (counts.get(m.exact) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

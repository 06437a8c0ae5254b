import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { PlacesMap } from "@/app/_maps/places-map";
import { pageViewer } from "@/app/page-viewer";
import { getDocument } from "@/lib/documents/queries";
import { getDocumentPlaces, type DocumentPlace } from "@/lib/maps/document-places";
import { drawMap } from "@/lib/maps/draw-map";
import { isId } from "@/lib/validation/ids";
import styles from "./map.module.css";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

const load = cache(async (slug: string) => {
  if (!isId(slug)) return null;
  const viewer = await pageViewer();
  const places = await getDocumentPlaces(slug, viewer);
  const document = places ? await getDocument(slug, viewer) : null;
  return document && places ? { document, places } : null;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const loaded = await load((await params).slug);
  return { title: loaded ? `Map of ${loaded.document.title}` : "Not found" };
}

const times = (n: number) => (n === 1 ? "1 mention" : `${n} mentions`);

// The document's map: the places it names, each a point sized by its mentions and linking to the
// place's page, with the same places listed beside it (those without coordinates too).
export default async function DocumentMapPage({ params }: Props) {
  const { slug } = await params;
  const loaded = await load(slug);
  if (!loaded) notFound();
  const { document, places } = loaded;
  const located = places.filter(
    (p): p is DocumentPlace & { coordinates: NonNullable<DocumentPlace["coordinates"]> } => p.coordinates !== null,
  );
  const drawing =
    located.length > 0
      ? drawMap(
          located.map((p) => ({
            id: p.id,
            name: p.name,
            mentions: p.mentions,
            latitude: p.coordinates.latitude,
            longitude: p.coordinates.longitude,
          })),
          { width: 960, height: 640 },
        )
      : null;
  const unplaced = places.length - located.length;
  return (
    <div className={styles.page}>
      <p className="breadcrumbs">
        <Link href={`/documents/${slug}`}>{document.title}</Link>
      </p>
      <h1>Map of the places</h1>
      <p>
        {places.length === 0
          ? "The text names no place yet."
          : `The text names ${places.length} ${places.length === 1 ? "place" : "places"}; ${
              located.length === places.length ? (places.length === 1 ? "it is" : "all are") : `${located.length} of them are`
            } on the map${unplaced > 0 ? `, ${unplaced} without coordinates ${unplaced === 1 ? "is" : "are"} only in the list` : ""}.`}{" "}
        {located.length > 0 ? "A point’s size follows how often the text names the place." : ""}
      </p>
      <div className={styles.layout}>
        {drawing ? (
          <figure className={styles.figure}>
            <PlacesMap
              drawing={drawing}
              label={`Map of ${located.length} ${located.length === 1 ? "place" : "places"} the text names`}
              pointName={(point) => `${point.place.name}, ${times(point.place.mentions)}`}
              href={(point) => `/entities/${point.place.id}`}
            />
            <figcaption className={styles.caption}>
              Tab visits the places from west to east. Borders are today’s (Natural Earth), not those of the text’s time.
            </figcaption>
          </figure>
        ) : null}
        {places.length > 0 ? (
          <section className={styles.list} aria-labelledby="places-heading">
            <h2 id="places-heading">Places, by mentions</h2>
            <ol>
              {places.map((p) => (
                <li key={p.id} data-place-row={p.id}>
                  <Link href={`/entities/${p.id}`}>{p.name}</Link> <span className={styles.count}>{times(p.mentions)}</span>
                  {p.coordinates ? null : <span className={styles.unplaced}> · no coordinates</span>}
                </li>
              ))}
            </ol>
          </section>
        ) : null}
      </div>
    </div>
  );
}

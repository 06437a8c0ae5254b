import { createRequire } from "node:module";
import { geoAzimuthalEqualArea, geoBounds, geoCentroid, geoCircle, geoEqualEarth, geoPath, type GeoProjection } from "d3-geo";
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { feature, mesh } from "topojson-client";
import { presimplify, simplify, sphericalTriangleArea } from "topojson-simplify";
import type { GeometryCollection, Topology } from "topojson-specification";

/**
 * Maps of places, drawn offline as SVG: Natural Earth's land and country borders at 1:50m
 * (world-atlas), projected with d3-geo, simplified to what a pixel can show and rounded. Pure:
 * no HTTP, DOM or database; a page renders the drawing (app/_maps/places-map.tsx).
 */

/** A place to put on a map. */
export interface MapPlace {
  id: string;
  name: string;
  latitude: number;
  longitude: number;
  /** How often the text names it: the point's area grows with it. */
  mentions: number;
}

/** Where a label sits, relative to its point. */
export interface MapLabel {
  x: number;
  y: number;
  anchor: "start" | "end" | "middle";
}

/** A place as drawn: its point's centre and radius in the drawing's units, and its label if it fits. */
export interface MapPoint {
  place: MapPlace;
  x: number;
  y: number;
  r: number;
  label: MapLabel | null;
}

/** A map ready to render: SVG path data for the land and the borders, and the points. */
export interface MapDrawing {
  width: number;
  height: number;
  /** The land, one path (filled). */
  land: string;
  /** The borders between countries, one path (stroked). */
  borders: string;
  /** The points west to east (the order a keyboard visits them). */
  points: MapPoint[];
  /** The label's font size, in the drawing's units. */
  fontSize: number;
}

export interface MapOptions {
  width: number;
  height: number;
  /** Room kept free around the places, in the drawing's units (for points and labels). */
  margin?: number;
  /** The least the map shows around each place, in degrees of arc: a lone place gets its region. */
  around?: number;
  /** The radii of the least and most named places. */
  radius?: [number, number];
  fontSize?: number;
  /** Whether to label the points. */
  labels?: boolean;
}

const requireJson = createRequire(import.meta.url);

type Atlas = Topology<{ countries: GeometryCollection; land: GeometryCollection }>;
type Bounds = [[number, number], [number, number]];
/** The atlas simplified to one level of detail, as features with their bounds. */
interface Detail {
  topology: Atlas;
  land: Array<{ polygon: Polygon; bounds: Bounds }>;
  countries: Map<unknown, Bounds>;
}

let weighted: Atlas | null = null;
const details = new Map<number, Detail>();

/**
 * world-atlas's 1:50m countries simplified to `level`: the points of an arc whose triangle spans
 * less than 4^level steradians are dropped (topojson-simplify's Visvalingam weights, on the
 * sphere). Kept per level, so a map costs the projection of what it shows and nothing more.
 */
function atlasAt(level: number): Detail {
  const known = details.get(level);
  if (known) return known;
  weighted ??= presimplify(requireJson("world-atlas/countries-50m.json") as Atlas, sphericalTriangleArea);
  const topology = simplify(weighted, 4 ** level);
  const land = (feature(topology, topology.objects.land) as FeatureCollection<MultiPolygon | Polygon>).features.flatMap((f) =>
    f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates,
  );
  const countries = new Map<unknown, Bounds>();
  for (const geometry of topology.objects.countries.geometries) {
    countries.set(geometry, geoBounds(feature(topology, geometry) as Feature));
  }
  const detail: Detail = {
    topology,
    land: land.map((coordinates) => {
      const polygon: Polygon = { type: "Polygon", coordinates };
      return { polygon, bounds: geoBounds(polygon) };
    }),
    countries,
  };
  details.set(level, detail);
  return detail;
}

/**
 * The longitudes and latitudes a projection shows in its extent, from points along its edges and
 * across it; null when they cross the antimeridian or a pole (then nothing is left out).
 */
function visibleBounds(projection: GeoProjection, width: number, height: number): Bounds | null {
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  const steps = 16;
  for (let i = 0; i <= steps; i++) {
    for (let j = 0; j <= steps; j++) {
      const at = projection.invert?.([(width * i) / steps, (height * j) / steps]);
      if (!at || !Number.isFinite(at[0]) || !Number.isFinite(at[1])) return null;
      [west, east] = [Math.min(west, at[0]), Math.max(east, at[0])];
      [south, north] = [Math.min(south, at[1]), Math.max(north, at[1])];
    }
  }
  if (east - west > 180 || north > 85 || south < -85) return null;
  const pad = 2;
  return [
    [west - pad, south - pad],
    [east + pad, north + pad],
  ];
}

/** Whether geoBounds `b` (west > east when it crosses the antimeridian) may meet the view `view`. */
const meets = (b: Bounds, view: Bounds | null) =>
  !view || b[0][0] > b[1][0] || (b[0][0] <= view[1][0] && view[0][0] <= b[1][0] && b[0][1] <= view[1][1] && view[0][1] <= b[1][1]);

/**
 * The projection: an azimuthal equal-area one centred on the places (true areas and little
 * distortion over a region), fitted so that every place and `around` degrees about it fit inside
 * the margin. With no place, the whole world in Equal Earth.
 */
export function fitProjection(places: MapPlace[], options: MapOptions): GeoProjection {
  const { width, height, margin = 24, around = 4 } = options;
  const extent: [[number, number], [number, number]] = [
    [margin, margin],
    [width - margin, height - margin],
  ];
  if (places.length === 0) return geoEqualEarth().fitExtent(extent, { type: "Sphere" });
  const points = places.map((p): [number, number] => [p.longitude, p.latitude]);
  const [lon, lat] = geoCentroid({ type: "MultiPoint", coordinates: points });
  const circle = geoCircle().radius(around);
  const areas: FeatureCollection = {
    type: "FeatureCollection",
    features: points.map((center) => ({ type: "Feature", properties: {}, geometry: circle.center(center)() })),
  };
  return geoAzimuthalEqualArea()
    .rotate([-lon, -lat])
    .fitExtent(extent, areas)
    .clipExtent([
      [0, 0],
      [width, height],
    ]);
}

/**
 * Draws `places` on a map `width` × `height`: the land and borders of the region they span,
 * simplified to what a pixel shows (points whose triangle covers less than about a square pixel
 * are dropped) and rounded to tenths; a point per place whose area grows with its mentions; and
 * labels where they fit (the most named first; right, left, above or below the point, never over
 * another label or point).
 */
export function drawMap(places: MapPlace[], options: MapOptions): MapDrawing {
  const { width, height, radius = [5, 16], fontSize = 13, labels = true } = options;
  const projection = fitProjection(places, options);
  // Near the centre an azimuthal projection draws a radian as `scale` units (Equal Earth about
  // so): a triangle of a square unit spans 1/scale² steradians. Detail is kept to about that.
  const level = Math.floor(Math.log(1 / projection.scale() ** 2) / Math.log(4));
  const { topology, land, countries } = atlasAt(level);
  const view = visibleBounds(projection, width, height);
  const path = geoPath(projection).digits(0);
  const shownLand: MultiPolygon = {
    type: "MultiPolygon",
    coordinates: land.filter((l) => meets(l.bounds, view)).map((l) => l.polygon.coordinates),
  };
  const shown = (g: unknown) => meets(countries.get(g)!, view);
  const borders = path(mesh(topology, topology.objects.countries, (a, b) => a !== b && (shown(a) || shown(b)))) ?? "";
  const landPath = shownLand.coordinates.length > 0 ? (path(shownLand) ?? "") : "";

  const most = Math.max(1, ...places.map((p) => p.mentions));
  const [small, large] = radius;
  const points: MapPoint[] = places
    .map((place) => {
      const [x, y] = projection([place.longitude, place.latitude]) ?? [NaN, NaN];
      const r = small + (large - small) * Math.sqrt(Math.max(0, place.mentions) / most);
      return { place, x: round(x), y: round(y), r: round(r), label: null as MapLabel | null };
    })
    .filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y))
    .sort(
      (a, b) => a.place.longitude - b.place.longitude || b.place.latitude - a.place.latitude || a.place.name.localeCompare(b.place.name),
    );
  if (labels) placeLabels(points, width, height, fontSize);
  return { width, height, land: landPath, borders, points, fontSize };
}

const round = (n: number) => Math.round(n * 10) / 10;

type Box = { x1: number; y1: number; x2: number; y2: number };
const overlaps = (a: Box, b: Box) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

/**
 * Labels the points greedily, the most named first: each takes the first of four places beside
 * its point (right, left, above, below) that stays inside the map and clear of the labels already
 * placed and of every point; a label with no such place is left out (the name stays the point's
 * accessible name and is in the list beside the map). Text width is estimated from its length.
 */
function placeLabels(points: MapPoint[], width: number, height: number, fontSize: number): void {
  const taken: Box[] = points.map((p) => ({ x1: p.x - p.r, y1: p.y - p.r, x2: p.x + p.r, y2: p.y + p.r }));
  const order = points.map((p, i) => ({ p, i })).sort((a, b) => b.p.place.mentions - a.p.place.mentions || a.i - b.i);
  for (const { p, i } of order) {
    const w = p.place.name.length * fontSize * 0.56;
    const gap = 3;
    const baseline = fontSize * 0.35;
    const candidates: Array<{ label: MapLabel; box: Box }> = [
      {
        label: { x: p.x + p.r + gap, y: p.y + baseline, anchor: "start" },
        box: { x1: p.x + p.r + gap, x2: p.x + p.r + gap + w, y1: p.y - fontSize / 2, y2: p.y + fontSize / 2 },
      },
      {
        label: { x: p.x - p.r - gap, y: p.y + baseline, anchor: "end" },
        box: { x1: p.x - p.r - gap - w, x2: p.x - p.r - gap, y1: p.y - fontSize / 2, y2: p.y + fontSize / 2 },
      },
      {
        label: { x: p.x, y: p.y - p.r - gap - fontSize * 0.2, anchor: "middle" },
        box: { x1: p.x - w / 2, x2: p.x + w / 2, y1: p.y - p.r - gap - fontSize, y2: p.y - p.r - gap },
      },
      {
        label: { x: p.x, y: p.y + p.r + gap + fontSize * 0.8, anchor: "middle" },
        box: { x1: p.x - w / 2, x2: p.x + w / 2, y1: p.y + p.r + gap, y2: p.y + p.r + gap + fontSize },
      },
    ];
    const fits = candidates.find(
      ({ box }) => box.x1 >= 0 && box.y1 >= 0 && box.x2 <= width && box.y2 <= height && taken.every((t, j) => j === i || !overlaps(t, box)),
    );
    if (!fits) continue;
    p.label = { x: round(fits.label.x), y: round(fits.label.y), anchor: fits.label.anchor };
    taken.push(fits.box);
  }
}

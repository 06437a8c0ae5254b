import { describe, expect, it } from "vitest";
import { drawMap, fitProjection, type MapPlace } from "@/lib/maps/draw-map";
import { mapImage } from "@/lib/maps/map-image";

const place = (id: string, latitude: number, longitude: number, mentions: number): MapPlace => ({
  id,
  name: id[0].toUpperCase() + id.slice(1),
  latitude,
  longitude,
  mentions,
});
const kashgar = place("kashgar", 39.47, 75.99, 9);
const ghulja = place("ghulja", 43.91, 81.28, 12);
const urumqi = place("urumqi", 43.8, 87.6, 3);
const moscow = place("moscow", 55.75, 37.62, 2);
const size = { width: 960, height: 600 };

describe("fitProjection", () => {
  it("puts every place inside the margin, and the region about them in view", () => {
    const projection = fitProjection([kashgar, ghulja, urumqi, moscow], { ...size, margin: 30 });
    for (const p of [kashgar, ghulja, urumqi, moscow]) {
      const [x, y] = projection([p.longitude, p.latitude])!;
      expect(x).toBeGreaterThanOrEqual(30);
      expect(x).toBeLessThanOrEqual(960 - 30);
      expect(y).toBeGreaterThanOrEqual(30);
      expect(y).toBeLessThanOrEqual(600 - 30);
    }
    // West is left and north is up.
    const [xMoscow, yMoscow] = projection([moscow.longitude, moscow.latitude])!;
    const [xUrumqi, yUrumqi] = projection([urumqi.longitude, urumqi.latitude])!;
    expect(xMoscow).toBeLessThan(xUrumqi);
    expect(yMoscow).toBeLessThan(yUrumqi);
  });

  it("shows a lone place with the region around it, centred", () => {
    const projection = fitProjection([ghulja], { ...size, around: 4 });
    expect(projection([ghulja.longitude, ghulja.latitude])!.map(Math.round)).toEqual([480, 300]);
    // Four degrees north of it is still on the map, but not far from its edge.
    const [, yNorth] = projection([ghulja.longitude, ghulja.latitude + 4])!;
    expect(yNorth).toBeGreaterThanOrEqual(0);
    expect(yNorth).toBeLessThan(60);
  });

  it("fits the whole world when there is no place", () => {
    const projection = fitProjection([], size);
    for (const [lon, lat] of [
      [-179, 0],
      [179, 0],
      [0, 89],
      [0, -89],
    ]) {
      const [x, y] = projection([lon, lat])!;
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(960);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(600);
    }
  });
});

describe("drawMap", () => {
  it("draws a point per place, west to east, its area growing with its mentions", () => {
    const drawing = drawMap([urumqi, moscow, ghulja, kashgar], { ...size, radius: [4, 16] });
    expect(drawing.points.map((p) => p.place.id)).toEqual(["moscow", "kashgar", "ghulja", "urumqi"]);
    const r = Object.fromEntries(drawing.points.map((p) => [p.place.id, p.r]));
    expect(r.ghulja).toBe(16);
    // Area, not radius, follows the count: 3 mentions of 12 is half the radius's growth.
    expect(r.urumqi).toBeCloseTo(4 + 12 * Math.sqrt(3 / 12), 1);
    expect(r.kashgar).toBeGreaterThan(r.urumqi);
    expect(r.urumqi).toBeGreaterThan(r.moscow);
  });

  it("gives path data rounded to whole units, with borders of the region and no far-off land", () => {
    const drawing = drawMap([kashgar, ghulja, urumqi], size);
    expect(drawing.borders).toMatch(/^M/);
    // Rounded: no decimals anywhere in the paths.
    expect(`${drawing.land}${drawing.borders}`).not.toMatch(/\d\.\d/);
    // Every coordinate lies in the drawing (the projection clips to it).
    for (const [x, y] of [...drawing.borders.matchAll(/(-?\d+),(-?\d+)/g)].map((m) => [Number(m[1]), Number(m[2])])) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(960);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(600);
    }
    // Small: a region's outlines take a few kilobytes.
    expect(drawing.land.length + drawing.borders.length).toBeLessThan(20_000);
  });

  it("labels points where the labels fit, clear of each other and of the points", () => {
    const crowded = [ghulja, place("yining", 43.92, 81.33, 5), place("kulja", 43.9, 81.25, 4)];
    const drawing = drawMap([...crowded, kashgar], size);
    const labelled = drawing.points.filter((p) => p.label);
    expect(labelled.map((p) => p.place.id)).toContain("ghulja");
    expect(labelled.map((p) => p.place.id)).toContain("kashgar");
    // Three places within a few kilometres cannot all be labelled without overlapping.
    expect(labelled.length).toBeLessThan(4);
    for (const p of drawing.points) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.x).toBeLessThanOrEqual(960);
    }
  });

  it("with labels turned off, labels nothing", () => {
    expect(drawMap([ghulja], { ...size, labels: false }).points[0].label).toBeNull();
  });

  it("draws an empty world with no points", () => {
    const drawing = drawMap([], { width: 480, height: 250 });
    expect(drawing.points).toEqual([]);
    expect(drawing.land.length).toBeGreaterThan(1000);
    expect(drawing.borders.length).toBeGreaterThan(1000);
  });
});

describe("mapImage", () => {
  it("writes a standalone SVG image: its title escaped, the land and borders, a circle per place, its own light and dark colours", () => {
    const drawing = drawMap([ghulja], { width: 320, height: 180, radius: [6, 6], labels: false });
    const svg = mapImage(drawing, `Ghulja & "Kulja" <on a map>`);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 320 180" width="320" height="180" role="img">/);
    expect(svg).toContain("<title>Ghulja &amp; &quot;Kulja&quot; &lt;on a map&gt;</title>");
    expect(svg).toContain('<circle class="point" cx="160" cy="90" r="6"/>');
    expect(svg).toContain(`<path class="borders" d="${drawing.borders}"/>`);
    expect(svg).toContain("@media (prefers-color-scheme:dark)");
    expect(svg.endsWith("</svg>")).toBe(true);
    expect(svg.length).toBeLessThan(8_000);
  });
});

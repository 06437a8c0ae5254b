import { drawMap } from "./lib/maps/draw-map";
const places = [
  { id: "kashgar", name: "Kashgar", latitude: 39.47, longitude: 75.99, mentions: 9 },
  { id: "ghulja", name: "Ghulja", latitude: 43.9, longitude: 81.3, mentions: 12 },
  { id: "urumchi", name: "Urumchi", latitude: 43.8, longitude: 87.6, mentions: 7 },
  { id: "moscow", name: "Moscow", latitude: 55.75, longitude: 37.6, mentions: 3 },
  { id: "nanjing", name: "Nanjing", latitude: 32.06, longitude: 118.8, mentions: 2 },
];
for (const set of [places.slice(0,3), places, places.slice(1,2), []]) {
  let t = performance.now();
  const d = drawMap(set, { width: 960, height: 600 });
  const t1 = performance.now() - t; t = performance.now();
  const d2 = drawMap(set, { width: 960, height: 600 });
  console.log(set.length, (t1).toFixed(0), (performance.now() - t).toFixed(0), "ms", d.land.length, d.borders.length, d.points.map(p => `${p.place.name}@${p.x},${p.y} r${p.r} ${p.label?.anchor}`).join(" "));
}

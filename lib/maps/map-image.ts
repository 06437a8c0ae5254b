import type { MapDrawing } from "./draw-map";

/**
 * Light and dark colours of a map image: places-map.module.css's, with globals.css's variables
 * written out (an image sees none of the page's styles). Change them together.
 */
const STYLE = [
  ".water{fill:#d8e0e8}.land{fill:#f3efe6;stroke:#5d564c;stroke-width:.75}.borders{fill:none;stroke:#5d564c;stroke-width:.75;stroke-dasharray:3 2}",
  ".point{fill:#2a7a348c;stroke:#2a7a34;stroke-width:1.5}",
  "@media (prefers-color-scheme:dark){.water{fill:#29303f}.land{fill:#222127;stroke:#aba497}.borders{stroke:#aba497}.point{fill:#7fd28a8c;stroke:#7fd28a}}",
].join("");

const escapeXml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/**
 * A drawing as a standalone SVG image (for an `<img>`, which sees none of the page's styles): its
 * own colours, light and dark by the reader's preference, and `title` as its accessible name.
 * Points only, no labels: the page around the image names the place.
 */
export function mapImage(drawing: MapDrawing, title: string): string {
  const { width, height, land, borders, points } = drawing;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img">`,
    `<title>${escapeXml(title)}</title><style>${STYLE}</style>`,
    `<rect class="water" width="${width}" height="${height}"/>`,
    land ? `<path class="land" d="${land}"/>` : "",
    borders ? `<path class="borders" d="${borders}"/>` : "",
    ...points.map((p) => `<circle class="point" cx="${p.x}" cy="${p.y}" r="${p.r}"/>`),
    "</svg>",
  ].join("");
}

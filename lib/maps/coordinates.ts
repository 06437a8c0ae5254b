import { z } from "zod";

/** Where a place is (WGS 84 degrees), and who said so: the gazetteer, or an editor. */
export interface Coordinates {
  latitude: number;
  longitude: number;
  source: "gazetteer" | "editor";
}

/** Coordinates as a request gives them: finite degrees in range. */
export const coordinatesSchema = z
  .object({
    latitude: z.number().finite().min(-90).max(90),
    longitude: z.number().finite().min(-180).max(180),
  })
  .strict();

/** An entity row's coordinates, or null when it has none (both columns are needed). */
export function coordinatesOf(row: {
  latitude: number | null;
  longitude: number | null;
  coordinatesSource: string | null;
}): Coordinates | null {
  if (row.latitude === null || row.longitude === null) return null;
  return { latitude: row.latitude, longitude: row.longitude, source: row.coordinatesSource === "editor" ? "editor" : "gazetteer" };
}

/** Coordinates in words for a page: "43.91° N, 81.28° E" (two decimals, about a kilometre). */
export function formatCoordinates({ latitude, longitude }: { latitude: number; longitude: number }): string {
  const part = (value: number, positive: string, negative: string) => `${Math.abs(value).toFixed(2)}° ${value < 0 ? negative : positive}`;
  return `${part(latitude, "N", "S")}, ${part(longitude, "E", "W")}`;
}

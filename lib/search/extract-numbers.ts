/** A number written in a text, in figures or in words, with its value. */
export interface NumberMention {
  value: number;
  /** UTF-16 offsets of the number in the text; `end` exclusive. */
  start: number;
  end: number;
  /** Written as an ordinal ("12th", "twelfth"). */
  ordinal: boolean;
  /** Written in words ("forty thousand") rather than figures. */
  words: boolean;
}

const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fourty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const ORDINAL_UNITS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
};
const ORDINAL_TENS: Record<string, number> = {
  twentieth: 20,
  thirtieth: 30,
  fortieth: 40,
  fiftieth: 50,
  sixtieth: 60,
  seventieth: 70,
  eightieth: 80,
  ninetieth: 90,
};
const SCALES: Record<string, number> = { hundred: 100, thousand: 1_000, million: 1_000_000, billion: 1_000_000_000 };
const ORDINAL_SCALES: Record<string, number> = { hundredth: 100, thousandth: 1_000, millionth: 1_000_000 };

const ALL_WORDS = [
  ...Object.keys(UNITS),
  ...Object.keys(TENS),
  ...Object.keys(ORDINAL_UNITS),
  ...Object.keys(ORDINAL_TENS),
  ...Object.keys(SCALES),
  ...Object.keys(ORDINAL_SCALES),
].sort((a, b) => b.length - a.length);
const WORD_ALT = ALL_WORDS.join("|");

// A run of number words, joined by spaces, hyphens or "and" ("two hundred and five", "forty-two").
const WORDS_RE = new RegExp(`\\b(?:${WORD_ALT})(?:(?:\\s+and\\s+|[\\s-]+)(?:${WORD_ALT}))*\\b`, "gi");
// Figures: "40,000", "40 000", "1.5", "12th", optionally followed by a scale word ("300 million").
const FIGURES_RE =
  /(?<![\p{L}\p{N}.,])(\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d])|\d+(?:\.\d+)?)(st|nd|rd|th)?(?:[\s-]+(hundred|thousand|million|billion)\b)?(?![\p{L}\p{N}])/giu;

// Lone words that are more often something else: "one of them", "the first republic", "a second time".
const WEAK_ALONE = new Set(["one", "first", "second", "hundred", "thousand", "million", "billion"]);

/** The value of a run of number words, or null when the words do not make a number. */
export function parseNumberWords(text: string): { value: number; ordinal: boolean } | null {
  const words = text
    .toLowerCase()
    .split(/[\s-]+/)
    .filter((w) => w && w !== "and");
  if (words.length === 0) return null;
  let total = 0;
  let current = 0;
  let ordinal = false;
  let last: "unit" | "ten" | "scale" | null = null;
  for (const word of words) {
    if (ordinal) return null; // an ordinal ends a number
    if (word in UNITS || word in ORDINAL_UNITS) {
      if (last === "unit") return null;
      if (last === "ten" && (UNITS[word] ?? ORDINAL_UNITS[word]) >= 10) return null;
      current += UNITS[word] ?? ORDINAL_UNITS[word];
      ordinal = word in ORDINAL_UNITS;
      last = "unit";
    } else if (word in TENS || word in ORDINAL_TENS) {
      if (last === "unit" || last === "ten") return null;
      current += TENS[word] ?? ORDINAL_TENS[word];
      ordinal = word in ORDINAL_TENS;
      last = "ten";
    } else if (word in SCALES || word in ORDINAL_SCALES) {
      const scale = SCALES[word] ?? ORDINAL_SCALES[word];
      if (current === 0) current = 1;
      if (scale === 100) current *= 100;
      else {
        total += current * scale;
        current = 0;
      }
      ordinal = word in ORDINAL_SCALES;
      last = "scale";
    } else return null;
  }
  return { value: total + current, ordinal };
}

/**
 * Every number in `text`, in figures ("40,000", "40 000", "12th", "1.5 million") or in words
 * ("forty thousand", "forty-two", "two hundred thousand", "twelfth"), with its value and place,
 * in text order. Figures are read with "," or a space as the thousands separator. Lone words that
 * usually mean something else ("one", "first", "second") are left out.
 *
 * Pure: no I/O.
 */
export function extractNumbers(text: string): NumberMention[] {
  const found: NumberMention[] = [];
  for (const m of text.matchAll(FIGURES_RE)) {
    const digits = m[1].replace(/[,\s\u00a0\u202f]/g, "");
    let value = Number(digits);
    if (!Number.isFinite(value)) continue;
    if (m[3]) value *= SCALES[m[3].toLowerCase()];
    found.push({ value, start: m.index, end: m.index + m[0].length, ordinal: Boolean(m[2]), words: false });
  }
  for (const m of text.matchAll(WORDS_RE)) {
    const phrase = m[0];
    const parts = phrase.toLowerCase().split(/[\s-]+/);
    if (parts.length === 1 && WEAK_ALONE.has(parts[0])) continue;
    const parsed = parseNumberWords(phrase);
    if (!parsed) {
      // Not one number ("one two"): read each word on its own.
      let offset = 0;
      for (const piece of phrase.split(/([\s-]+)/)) {
        const at = m.index + offset;
        offset += piece.length;
        const lower = piece.toLowerCase();
        if (!piece.trim() || piece === "-" || lower === "and" || WEAK_ALONE.has(lower)) continue;
        const single = parseNumberWords(piece);
        if (single) found.push({ value: single.value, start: at, end: at + piece.length, ordinal: single.ordinal, words: true });
      }
      continue;
    }
    // A scale word directly after figures belongs to them ("300 million"): skip it here.
    if (found.some((f) => !f.words && m.index >= f.start && m.index < f.end)) continue;
    found.push({ value: parsed.value, start: m.index, end: m.index + phrase.length, ordinal: parsed.ordinal, words: true });
  }
  return found.sort((a, b) => a.start - b.start);
}

import { parseNumberWords } from "./extract-numbers";

/** A calendar date written in a text, as precise as the text gives it. */
export interface DateMention {
  year?: number;
  /** 1 to 12. */
  month?: number;
  /** 1 to 31. */
  day?: number;
  /** UTF-16 offsets of the date in the text; `end` exclusive. */
  start: number;
  end: number;
}

const MONTHS: Array<[number, string, string[]]> = [
  [1, "january", ["jan"]],
  [2, "february", ["feb"]],
  [3, "march", ["mar"]],
  [4, "april", ["apr"]],
  [5, "may", []],
  [6, "june", ["jun"]],
  [7, "july", ["jul"]],
  [8, "august", ["aug"]],
  [9, "september", ["sept", "sep"]],
  [10, "october", ["oct"]],
  [11, "november", ["nov"]],
  [12, "december", ["dec"]],
];
const MONTH_BY_NAME = new Map<string, number>();
for (const [number, name, abbreviations] of MONTHS) {
  MONTH_BY_NAME.set(name, number);
  for (const a of abbreviations) MONTH_BY_NAME.set(a, number);
}

/** The month (1-12) a name or abbreviation stands for ("Nov.", "november", "Sept"), or null. */
export function monthNumber(word: string): number | null {
  return MONTH_BY_NAME.get(word.toLowerCase().replace(/\.$/, "")) ?? null;
}

// Full names, or abbreviations with an optional full stop; longest first.
const MONTH_ALT = [...MONTH_BY_NAME.keys()].sort((a, b) => b.length - a.length).join("|");
const MONTH = `(?:${MONTH_ALT})\\b\\.?`;
const DAY_WORD =
  "(?:thirty[\\s-]first|thirtieth|twenty[\\s-](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|twentieth|" +
  "nineteenth|eighteenth|seventeenth|sixteenth|fifteenth|fourteenth|thirteenth|twelfth|eleventh|tenth|ninth|eighth|" +
  "seventh|sixth|fifth|fourth|third|second|first)";
const DAY = `(?:(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?|${DAY_WORD})`;
const YEAR = "(?:1[5-9]\\d\\d|20\\d\\d)";

// "November 7, 1944", "Nov. 12th", "October 8 1944"
const MONTH_DAY = new RegExp(`\\b(${MONTH})\\s+(${DAY})\\b(?:,?\\s+(${YEAR})\\b)?`, "giu");
// "7 Nov. 1944", "the 7th of November", "twelfth of November 1945"
const DAY_MONTH = new RegExp(`\\b(${DAY})(?:\\s+of)?\\s+(${MONTH})(?:,?\\s+(${YEAR})\\b)?`, "giu");
// "November 1945", "Nov. 1945", "mid-August 1944"
const MONTH_YEAR = new RegExp(`\\b(${MONTH})\\s*,?\\s+(${YEAR})\\b`, "giu");
// "1944", "1944-1949", "1933-34", "1934 -1943"
const YEARS = new RegExp(`(?<![\\p{L}\\p{N}$.,])(${YEAR})(?:\\s*[-–]\\s*(\\d{4}|\\d{2})(?!\\d))?(?![\\p{L}\\p{N}])`, "gu");

function dayValue(text: string): number | null {
  const digits = /^(\d+)/.exec(text);
  const value = digits ? Number(digits[1]) : parseNumberWords(text)?.value;
  return value !== undefined && value !== null && value >= 1 && value <= 31 ? value : null;
}

/**
 * Every calendar date in `text`, in text order: full dates ("November 7, 1944", "7 Nov. 1944"),
 * days of a month ("the 7th of November", "twelfth of November"), months of a year ("Nov. 1945")
 * and years alone ("1944"; a range "1944-1949" or "1933-34" gives both years). Months are read
 * from their names and abbreviations, with or without a full stop. A month named without a day
 * or year is not a date ("May" is also a verb).
 *
 * Pure: no I/O.
 */
export function extractDates(text: string): DateMention[] {
  const found: DateMention[] = [];
  const taken: Array<[number, number]> = [];
  const free = (start: number, end: number) => taken.every(([s, e]) => end <= s || start >= e);
  const add = (date: DateMention) => {
    if (!free(date.start, date.end)) return;
    taken.push([date.start, date.end]);
    found.push(date);
  };
  const year = (text?: string) => (text ? Number(text) : undefined);

  for (const m of text.matchAll(MONTH_DAY)) {
    const day = dayValue(m[2]);
    const month = monthNumber(m[1]);
    if (day && month) add({ year: year(m[3]), month, day, start: m.index, end: m.index + m[0].length });
  }
  for (const m of text.matchAll(DAY_MONTH)) {
    const day = dayValue(m[1]);
    const month = monthNumber(m[2]);
    if (day && month) add({ year: year(m[3]), month, day, start: m.index, end: m.index + m[0].length });
  }
  for (const m of text.matchAll(MONTH_YEAR)) {
    const month = monthNumber(m[1]);
    if (month) add({ year: Number(m[2]), month, start: m.index, end: m.index + m[0].length });
  }
  for (const m of text.matchAll(YEARS)) {
    const first = Number(m[1]);
    if (!free(m.index, m.index + m[1].length)) continue;
    add({ year: first, start: m.index, end: m.index + m[1].length });
    if (m[2]) {
      const second = m[2].length === 2 ? Math.floor(first / 100) * 100 + Number(m[2]) : Number(m[2]);
      if (second > first && second - first < 100) {
        const at = m.index + m[0].length - m[2].length;
        add({ year: second, start: at, end: at + m[2].length });
      }
    }
  }
  // Day and month without a year: "May" and "March" alone are too often words to count.
  return found.filter((d) => d.year !== undefined || d.day !== undefined).sort((a, b) => a.start - b.start);
}

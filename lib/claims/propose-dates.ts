import * as chrono from "chrono-node";
import type { DatePrecision } from "./curated-claims";
import { toEdtf, type DatePoint, type NormalisedDate } from "./edtf-date";

/**
 * Dated statements for a document's timeline, proposed as claims for review: each sentence of the
 * text that states a date, with the date normalised (through EDTF) with its precision, whether it
 * is approximate, and the end of a range.
 *
 * Two finders share the work, because neither does it all:
 * - chrono-node reads dates with a month ("12 November 1944", "Nov. 12, 1944", "July 1946",
 *   "from September 1944 to June 1945", "1944-11-12", "12/11/1944" read day first);
 * - one pattern here reads what chrono-node does not (it reads no year alone): years, ranges of
 *   years ("1944–1949", "1944-49", "from 1944 to 1949", "between 1944 and 1949"), decades ("the
 *   1940s", a range of ten years) and seasons ("the spring of 1945", a range of three months).
 * The project's own extractor (lib/search/extract-dates.ts) is not used: on the labelled sets
 * (`npm run bench:dates`) it finds nothing chrono-node and the pattern miss, and it reads no range,
 * season, decade nor approximation.
 *
 * What a historian's text needs and a general date parser assumes otherwise:
 * - Only dates with a year. chrono-node's guesses from "today" ("Monday", "tomorrow", "next
 *   week", a month alone) are dropped. A month, a day of a month or a season without a year
 *   ("On 12 November the rebels…", "In May…", "That autumn…") takes the year the sentence before
 *   it in the same passage stated (or carried), with a lower score; without one it is no date.
 * - Words of approximation before a date ("about", "around", "c.", "ca.", "circa",
 *   "approximately", "early", "late", "mid-") make it approximate (EDTF `~`). So does "by" ("by
 *   1954", "by the end of June"): a date something happened by is its latest, and the seed
 *   edition's curators record such dates as approximate.
 * - A month, a day or a season without a year in a sentence that states one earlier ("In the
 *   spring of 1945 …, and by the end of June …") takes that year.
 * - A number that counts is not a year: "1,944 soldiers", "No. 1945", "page 1946", "1930 hours",
 *   and a year-like number before a plural noun with no word of time before it ("1944 men").
 * - Headings and captions are kept (a chronology's headings are dates) but scored at half.
 *
 * Bounded on any input, in time linear in the text: it is read passage by passage and sentence by
 * sentence (a sentence ends at a full stop before a capital or a digit); a sentence longer than
 * MAX_SENTENCE is read in windows cut at spaces; chrono-node reads pieces of CHRONO_WINDOW, only of
 * sentences with a month's name or a numeric date and a year written or carried; at most
 * `maxPerSentence` dates a sentence and `maxProposals` in all; no pattern backtracks over more than
 * a few words.
 *
 * Pure: offsets are UTF-16 code units of `text`, `end` exclusive.
 */

/** A passage of the text, as the text model gives it. */
export interface DatePassage {
  id: string;
  start: number;
  end: number;
  kind: string;
}

/** A dated sentence proposed as a claim (the fields of the DateProposal model). */
export interface ProposedDate extends NormalisedDate {
  /** The sentence in the text. */
  start: number;
  end: number;
  /** The sentence as in the text (the evidence). */
  exact: string;
  passageId: string;
  /** The sentence, trimmed (the claim's statement). */
  statement: string;
  /** The words of the date within the sentence. */
  dateText: string;
  /** 0 to 1: how sure the proposal is (lower for a carried year, a bare year, a heading). */
  score: number;
}

export interface ProposeDatesOptions {
  /** Give a month, day or season without a year the year of the sentence before (default true). */
  carryYear?: boolean;
  /** Years read, inclusive (defaults 1000 and 2099). */
  minYear?: number;
  maxYear?: number;
  /** Most dates proposed from one sentence (default 6). */
  maxPerSentence?: number;
  /** Most proposals in all (default 20,000): the import stops proposing there. */
  maxProposals?: number;
}

/** Longest piece of text read as one sentence; longer ones are read in windows of this. */
export const MAX_SENTENCE = 1000;

type Kind = "calendar" | "year" | "decade" | "season";

interface Found {
  /** Offsets in the sentence. */
  start: number;
  end: number;
  from: DatePoint;
  to?: DatePoint;
  kind: Kind;
  approximate: boolean;
  /** Where the year came from: the date's own words, earlier in its sentence, or the sentence before. */
  yearFrom: "date" | "sentence" | "previous";
  /** A bare year with no word of time before it ("1944 was…" rather than "in 1944"). */
  uncued: boolean;
}

// Any reference instant will do: only what a text states (chrono-node's "certain" parts) is kept.
const REFERENCE = new Date(Date.UTC(2000, 0, 1));

const MONTH_WORD =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/i;
const NUMERIC_DATE = /\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}/;
const FOUR_DIGITS = /\d{4}/;
const MAY_HOLD_DATE = /\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|spring|summer|autumn|fall|winter/i;
// Dates relative to the moment of reading, which a historical text never means.
const RELATIVE = /\b(?:today|tonight|tomorrow|yesterday|now|ago|next|last|this|coming|past)\b/i;
// Before a month alone ("In May"): "may" is also a verb, so only after a word of time.
const BEFORE_MONTH_ALONE = /\b(?:in|during|by|until|till|since|from|through|early|late|mid-?|of)\s*(?:the\s+)?$/i;
const PART_OF_MONTH = /\b(?:end|beginning|start|middle)\s+of\b/i;
const LEADING_PREPOSITION = /^(?:on|in|at|by|of)\s+/i;

// Y: a year, not inside a number ("1,944", "31.1944", "No.1944") nor a word.
const Y = "(?<![\\p{L}\\p{N},./#$£:])(1\\d{3}|20\\d{2})(?![\\p{L}\\p{N}]|[.,:/]\\p{N})";
// The second year of a range: four digits, or two ("1944-49").
const Y2 = "(1\\d{3}|20\\d{2}|\\d{2})(?![\\p{L}\\p{N}]|[.,:/]\\p{N})";
const SEASONS = "spring|summer|autumn|fall|winter";
// The alternatives at one place are tried in this order: ranges before a year alone.
const YEAR_LEVEL = new RegExp(
  [
    `\\b(?<between>between)\\s+${Y}\\s+and\\s+${Y2}`,
    `\\b(?<from>from)\\s+${Y}\\s+(?:to|until|till|through)\\s+${Y2}`,
    `\\b(?<season>${SEASONS})\\s+(?:of\\s+)?${Y}(?:\\s*[-–/]\\s*${Y2})?`,
    `(?<range>)${Y}\\s*(?:[-–—]|\\bto\\b)\\s*${Y2}`,
    `(?<decade>)(?:\\bthe\\s+)?(?<![\\p{L}\\p{N},./#$£:])(1\\d{2}0|20\\d0)'?s(?![\\p{L}\\p{N}])`,
    `(?<single>)${Y}`,
  ].join("|"),
  "giu",
);
// A season without a year: "that autumn", "in the spring".
const SEASON_ALONE = new RegExp(`\\b(?:that|the same|that same|in the|during the|by the)\\s+(${SEASONS})\\b`, "gi");
const SEASON_MONTHS: Record<string, [number, number]> = { spring: [3, 5], summer: [6, 8], autumn: [9, 11], fall: [9, 11], winter: [12, 2] };

const APPROXIMATE_BEFORE =
  /(?:\b(?:about|around|circa|approximately|roughly|early|late)\s+(?:in\s+)?(?:the\s+)?|\bby\s+(?:the\s+(?:end|beginning|middle|start)\s+of\s+)?(?:the\s+)?|\b(?:c|ca)\.\s*|\bmid-?\s*(?:the\s+)?)$/i;
// Words after which a number is a year, whatever follows ("in 1944 elections were held").
const TIME_CUE_BEFORE = /(?:\b(?:in|since|until|till|by|during|from|to|after|before|between|through|year|early|late|mid)\s*|mid-)$/i;
// Words after which a number is a year unless a counted noun follows ("of 1944", "of 1944 men").
const WEAK_CUE_BEFORE = /(?:\b(?:of|and|or|circa|about|around|spring|summer|autumn|fall|winter)\s*|\b(?:c|ca)\.\s*|[(,;:–—]\s*)$/i;
// Words after which a number is a number ("No. 1945", "page 1946", "§ 1944").
const NUMBER_CUE_BEFORE =
  /(?:\b(?:no|nos|nr|number|numbers|page|pages|p|pp|vol|volume|chapter|ch|art|article|section|sec|para|paragraph|item|file|fol|folio|room|box|route|road|tel|code|line|verse|order)\.?\s*|[#§№]\s*)$/i;
// Words after which a number counts something ("1944 men", "1930 hours", "1944 km").
// A plural is a lower-case word ending in "s" but the common words that also do ("was", "this").
const COUNTED_AFTER =
  /^\s+(?:(?:hours|hrs|h|km|kilometres|kilometers|miles|metres|meters|m|feet|ft|kg|tons|tonnes|men|people|women|children|cattle|sheep|head)\b|(?!(?:was|has|is|as|his|its|this|thus|does|always|perhaps|afterwards|towards|whereas|besides|unless|across|plus|less)\b)[a-z]+s\b)/u;

/**
 * chrono-node reads a sentence in pieces of at most this many characters (cut at spaces): its
 * time grows faster than the length of a text dense with dates (10 ms for 1,000 characters of
 * "12 November 1944 …", 1 ms for 300).
 */
const CHRONO_WINDOW = 300;

/** `[start, end)` of `text` in pieces of at most `size`, cut after a space where there is one. */
function* windows(text: string, start: number, end: number, size = MAX_SENTENCE): Generator<[number, number]> {
  while (end - start > size) {
    // Searched in the window only: lastIndexOf from its end would walk back over the whole text.
    const cut = text.slice(start + 1, start + size + 1).lastIndexOf(" ");
    const at = cut >= 0 ? start + 1 + cut + 1 : start + size;
    yield [start, at];
    start = at;
  }
  yield [start, end];
}

// The end of a sentence: a full stop (or ! ? …), closing quotes or brackets, and white space
// before a capital, a digit or an opening quote; or a line break.
// The look-behind starts a run of stops at its first: without it, 1 MB of full stops with no
// space after them was tried from each of its million places, back over the whole run each time.
const SENTENCE_END = /(?<![.!?…])[.!?…]+["'”’)\]]*\s+(?=["'“‘(\[]?[\p{Lu}\p{N}])|\n\s*/gu;
// Words whose full stop ends no sentence ("c. 1933", "No. 1945", "Gen. Ma", "Nov. 12"), and initials.
const ABBREVIATION_BEFORE =
  /(?:^|[\s(])(?:\p{L}|c|ca|cf|no|nos|nr|p|pp|vol|fig|art|sec|ch|approx|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|gen|col|lt|capt|maj|mr|mrs|dr|st|prof|gov|rev|hon|messrs|ibid|op|cit|viz|vs|etc)$/iu;

/**
 * The sentences of a passage as document offsets, trimmed of white space, long ones in windows
 * (exported for the benchmark, which reads every finder sentence by sentence).
 * A rule of its own rather than Intl.Segmenter: ICU's rules join "…in 1944. 1945 was…" (a sentence
 * that starts with a year) and end one at "born c. 1933.", and a sentence here is a claim's
 * evidence.
 */
export function* sentences(text: string, passage: DatePassage): Generator<[number, number]> {
  const body = text.slice(passage.start, passage.end);
  const pieces: Array<[number, number]> = [];
  let from = 0;
  for (const m of body.matchAll(SENTENCE_END)) {
    if (m[0][0] === "." && ABBREVIATION_BEFORE.test(body.slice(Math.max(from, m.index - 12), m.index))) continue;
    pieces.push([from, m.index + m[0].length]);
    from = m.index + m[0].length;
  }
  pieces.push([from, body.length]);
  for (const [pieceStart, pieceEnd] of pieces) {
    let start = passage.start + pieceStart;
    let end = passage.start + pieceEnd;
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    if (end > start) yield* windows(text, start, end);
  }
}

/** The second year of a range written with two digits ("1944-49") completed from the first. */
function rangeEnd(first: number, second: string | undefined): number | undefined {
  if (second === undefined) return undefined;
  const value = second.length === 2 ? Math.floor(first / 100) * 100 + Number(second) : Number(second);
  return value > first ? value : undefined;
}

/**
 * Dates chrono-node reads in a sentence: those with a month. One without a year takes the last
 * year the sentence states before it (`years`: "In the spring of 1945 …, and by the end of June
 * …"), or, in a sentence that states none, the year carried from the sentence before.
 */
function calendarDates(sentence: string, years: Found[], carried: number | undefined, enough: number): Found[] {
  if (!MONTH_WORD.test(sentence) && !NUMERIC_DATE.test(sentence)) return [];
  // With no year written and none carried, a month can be no date: chrono-node is not asked.
  if (carried === undefined && !FOUR_DIGITS.test(sentence)) return [];
  const found: Found[] = [];
  for (const [from, to] of windows(sentence, 0, sentence.length, CHRONO_WINDOW)) {
    if (found.length >= enough) break;
    for (const result of chrono.en.GB.parse(sentence.slice(from, to), REFERENCE)) {
      const date = calendarDate(sentence, result, from + result.index, years, carried);
      if (date) found.push(date);
    }
  }
  return found;
}

/** A date chrono-node read, if it is one a historical text states (see `calendarDates`). */
function calendarDate(
  sentence: string,
  result: chrono.ParsedResult,
  at: number,
  years: Found[],
  carried: number | undefined,
): Found | null {
  const { start, end, text } = result;
  if (!start.isCertain("month") || RELATIVE.test(text)) return null;
  if (!MONTH_WORD.test(text) && !FOUR_DIGITS.test(text)) return null;
  const stated = start.isCertain("year") && text.includes(String(start.get("year")));
  if (start.isCertain("year") && !stated) return null;
  const before = years.filter((d) => d.end <= at);
  const own = before.length > 0 ? before[before.length - 1].from.year : undefined;
  const yearFrom = stated ? "date" : own !== undefined ? "sentence" : years.length === 0 && carried !== undefined ? "previous" : null;
  if (yearFrom === null) return null;
  // chrono-node reads "the end of June" as the 30th: the text names the month only.
  const hasDay = start.isCertain("day") && !PART_OF_MONTH.test(text);
  // A month alone ("May") must follow a word of time and be written with a capital.
  if (!hasDay && !stated && !BEFORE_MONTH_ALONE.test(sentence.slice(Math.max(0, at - 12), at))) return null;
  if (!hasDay && !stated && !/^[A-Z]/.test(MONTH_WORD.exec(text)?.[0] ?? "")) return null;
  const lead = LEADING_PREPOSITION.exec(text)?.[0].length ?? 0;
  const year = yearFrom === "date" ? start.get("year")! : yearFrom === "sentence" ? own! : carried!;
  const from: DatePoint = { year, month: start.get("month")!, day: hasDay ? start.get("day")! : undefined };
  let to: DatePoint | undefined;
  if (end && end.isCertain("month")) {
    to = {
      year: end.isCertain("year") ? end.get("year")! : from.year,
      month: end.get("month")!,
      day: end.isCertain("day") && hasDay ? end.get("day")! : undefined,
    };
    // A range has one precision: "from 12 November 1944 to June 1945" is read by months.
    if (to.day === undefined) from.day = undefined;
  }
  return { start: at + lead, end: at + text.length, from, to, kind: "calendar", approximate: false, yearFrom, uncued: false };
}

/** Years, ranges of years, decades and seasons in a sentence; enough read, the rest is left. */
function yearLevelDates(sentence: string, enough: number): Found[] {
  const found: Found[] = [];
  for (const m of sentence.matchAll(YEAR_LEVEL)) {
    if (found.length >= enough) break;
    const groups = m.groups!;
    // Capture groups by number: each alternative's name (empty but for the season's) comes first.
    const [b1, b2, f1, f2, seasonYear, seasonEnd, r1, r2, decade, single] = [
      m[2],
      m[3],
      m[5],
      m[6],
      m[8],
      m[9],
      m[11],
      m[12],
      m[14],
      m[16],
    ];
    const start = m.index;
    const end = start + m[0].length;
    const before = sentence.slice(Math.max(0, start - 24), start);
    const base = { start, end, approximate: false, yearFrom: "date" as const, uncued: false };
    if (groups.between !== undefined || groups.from !== undefined) {
      const first = Number(b1 ?? f1);
      const last = rangeEnd(first, b2 ?? f2);
      if (last !== undefined) found.push({ ...base, from: { year: first }, to: { year: last }, kind: "year" });
    } else if (groups.season !== undefined) {
      const first = Number(seasonYear);
      const [fromMonth, toMonth] = SEASON_MONTHS[groups.season.toLowerCase()];
      // "The winter of 1944" (or "of 1944-45") runs from December 1944 into 1945.
      const toYear = toMonth < fromMonth ? first + 1 : first;
      if (seasonEnd === undefined || rangeEnd(first, seasonEnd) === toYear)
        found.push({ ...base, from: { year: first, month: fromMonth }, to: { year: toYear, month: toMonth }, kind: "season" });
    } else if (groups.range !== undefined) {
      if (NUMBER_CUE_BEFORE.test(before)) continue;
      const first = Number(r1);
      const last = rangeEnd(first, r2);
      if (last !== undefined) found.push({ ...base, from: { year: first }, to: { year: last }, kind: "year" });
    } else if (groups.decade !== undefined) {
      const first = Number(decade);
      found.push({ ...base, from: { year: first }, to: { year: first + 9 }, kind: "decade" });
    } else if (single !== undefined) {
      if (NUMBER_CUE_BEFORE.test(before)) continue;
      const cued = TIME_CUE_BEFORE.test(before);
      const weak = !cued && (start === 0 || WEAK_CUE_BEFORE.test(before));
      if (!cued && COUNTED_AFTER.test(sentence.slice(end, end + 24))) continue;
      found.push({ ...base, from: { year: Number(single) }, kind: "year", uncued: !cued && !weak });
    }
  }
  return found;
}

/** "That autumn", "in the spring": a season of the year carried from the sentence before. */
function carriedSeasons(sentence: string, carried: number): Found[] {
  const found: Found[] = [];
  for (const m of sentence.matchAll(SEASON_ALONE)) {
    const [fromMonth, toMonth] = SEASON_MONTHS[m[1].toLowerCase()];
    const toYear = toMonth < fromMonth ? carried + 1 : carried;
    found.push({
      start: m.index,
      end: m.index + m[0].length,
      from: { year: carried, month: fromMonth },
      to: { year: toYear, month: toMonth },
      kind: "season",
      approximate: false,
      yearFrom: "previous",
      uncued: false,
    });
  }
  return found;
}

// Dates already read through edtf (its parser takes a quarter of a millisecond a date, and a
// text names the same dates again and again); emptied when full, to stay bounded.
const normalised = new Map<string, NormalisedDate | null>();
const NORMALISED_KEPT = 10_000;

function normalise(found: Found): NormalisedDate | null {
  const key = JSON.stringify([found.from, found.to, found.approximate]);
  let date = normalised.get(key);
  if (date === undefined) {
    if (normalised.size >= NORMALISED_KEPT) normalised.clear();
    date = toEdtf(found.from, found.to, found.approximate);
    normalised.set(key, date);
  }
  return date;
}

const PRECISION_SCORE: Record<DatePrecision, number> = { day: 0.95, month: 0.9, year: 0.8 };

function scoreOf(found: Found, date: NormalisedDate, passageKind: string, datesInSentence: number): number {
  let score = found.kind === "decade" ? 0.6 : found.kind === "season" ? 0.75 : PRECISION_SCORE[date.datePrecision];
  if (found.approximate) score -= 0.05;
  if (found.uncued) score -= 0.2;
  if (found.yearFrom === "sentence") score -= 0.2;
  if (found.yearFrom === "previous") score -= 0.35;
  if (datesInSentence > 3) score -= 0.1;
  if (passageKind === "heading" || passageKind === "caption") score *= 0.5;
  return Math.round(Math.max(0.05, Math.min(1, score)) * 100) / 100;
}

/**
 * The year a sentence gives the next: that of its last date, when that is no range ("between
 * 1944 and 1949. That autumn…" says not which autumn); undefined when it has no date.
 */
function yearToCarry(dates: Found[]): number | null | undefined {
  if (dates.length === 0) return undefined;
  const last = dates[dates.length - 1];
  return last.to && last.kind !== "season" ? null : last.from.year;
}

/**
 * The dated sentences of `text`: one proposal per sentence and date (a sentence with two dates
 * gives two, the same date twice gives one), in text order. `passages` are the text model's, in
 * reading order; text outside them is not read.
 */
export function proposeDates(text: string, passages: DatePassage[], options: ProposeDatesOptions = {}): ProposedDate[] {
  const { carryYear = true, minYear = 1000, maxYear = 2099, maxPerSentence = 6, maxProposals = 20_000 } = options;
  const proposals: ProposedDate[] = [];
  for (const passage of passages) {
    let carried: number | undefined;
    for (const [start, end] of sentences(text, passage)) {
      const sentence = text.slice(start, end);
      // Most sentences name no date: those with no digit, month nor season are passed at once.
      if (!MAY_HOLD_DATE.test(sentence)) continue;
      const carry = carryYear ? carried : undefined;
      // Four times the dates kept: some will be the same date, or inside one chrono-node reads.
      const yearLevel = yearLevelDates(sentence, 4 * maxPerSentence);
      const calendar = calendarDates(sentence, yearLevel, carry, maxPerSentence);
      const free = (f: Found) => calendar.every((c) => f.end <= c.start || f.start >= c.end);
      let dates = [...calendar, ...yearLevel.filter(free)];
      if (carry !== undefined && !dates.some((d) => d.yearFrom !== "previous")) dates.push(...carriedSeasons(sentence, carry).filter(free));
      dates = dates
        .filter((d) => d.from.year >= minYear && d.from.year <= maxYear && (!d.to || d.to.year <= maxYear))
        .sort((a, b) => a.start - b.start);
      const next = yearToCarry(dates);
      if (next !== undefined) carried = next ?? undefined;
      const seen = new Set<string>();
      const statement = sentence.trim();
      for (const found of dates) {
        if (seen.size >= maxPerSentence) break;
        const qualifier = APPROXIMATE_BEFORE.exec(sentence.slice(Math.max(0, found.start - 32), found.start));
        if (qualifier) {
          found.approximate = true;
          found.start -= qualifier[0].length;
        }
        const date = normalise(found);
        if (!date || seen.has(date.edtf)) continue;
        seen.add(date.edtf);
        proposals.push({
          start,
          end,
          exact: sentence,
          passageId: passage.id,
          statement,
          dateText: sentence.slice(found.start, found.end),
          ...date,
          score: scoreOf(found, date, passage.kind, dates.length),
        });
        if (proposals.length >= maxProposals) return proposals;
      }
    }
  }
  return proposals;
}

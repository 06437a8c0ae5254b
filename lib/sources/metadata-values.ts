import { normaliseText } from "./html-blocks";
import type { SourceMetadata } from "./source-document";

/*
 * Metadata values as files write them, made into SourceMetadata's forms: dates in ISO 8601,
 * authors as a person writes them, http(s) addresses, BCP 47 languages. Each returns undefined
 * for a value it cannot read rather than guess.
 */

const pad = (n: number) => String(n).padStart(2, "0");

function validDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * A date as ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD). Takes ISO dates and date-times (the date as
 * written, whatever the zone: "2019-03-25T23:00:00-05:00" is the 25th where it was written),
 * "2019/03/25" (Highwire's citation_date), "D:20190325..." (PDF) and, last, what
 * `Date.parse` reads ("March 25, 2019").
 */
export function isoDate(value: string | null | undefined): string | undefined {
  const text = normaliseText(value ?? "");
  if (text === "") return undefined;
  const iso = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?:[T ].*)?$/.exec(text) ?? /^D:(\d{4})(\d{2})?(\d{2})?/.exec(text);
  if (iso) {
    const [year, month, day] = [Number(iso[1]), iso[2] ? Number(iso[2]) : 0, iso[3] ? Number(iso[3]) : 0];
    if (!month) return String(year);
    if (month < 1 || month > 12) return undefined;
    if (!day) return `${year}-${pad(month)}`;
    return validDay(year, month, day) ? `${year}-${pad(month)}-${pad(day)}` : undefined;
  }
  // Words ("25 March 2019"): only with a four-digit year, so that nothing is made up.
  if (!/\b\d{4}\b/.test(text) || !/[a-z]/i.test(text)) return undefined;
  const parsed = Date.parse(text);
  if (Number.isNaN(parsed)) return undefined;
  const date = new Date(parsed);
  // Date.parse reads a date without a zone as local time, so the local fields are the ones written.
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * An author's name as a person writes it: "Qasimi, Ehmetjan" (as catalogues and citation_author
 * write it) becomes "Ehmetjan Qasimi"; a leading "By" goes. An address (a profile URL) is no name.
 */
export function personName(value: string | null | undefined): string | undefined {
  let name = normaliseText(value ?? "").replace(/^by\s+/i, "");
  if (name === "" || /^[a-z][a-z0-9+.-]*:\/\//i.test(name) || name.includes("@")) return undefined;
  const parts = name.split(",").map((part) => part.trim());
  if (parts.length === 2 && parts[0] && parts[1] && !/\d/.test(name)) name = `${parts[1]} ${parts[0]}`;
  return name;
}

/** "A; B", "A and B", "A & B" (one field naming several authors, as PDF's Author does) as ["A", "B"]. */
export function splitAuthors(value: string): string[] {
  return value
    .split(/\s*;\s*|\s+and\s+|\s*&\s*/)
    .map((name) => name.trim())
    .filter((name) => name !== "");
}

/** Several names, in order, each once. */
export function personNames(values: Iterable<string | null | undefined>): string[] | undefined {
  const names: string[] = [];
  for (const value of values) {
    const name = personName(value);
    if (name && !names.includes(name)) names.push(name);
  }
  return names.length > 0 ? names : undefined;
}

/** An absolute http(s) address, resolved against `base` when relative; else undefined. */
export function httpUrl(value: string | null | undefined, base?: string): string | undefined {
  const text = normaliseText(value ?? "");
  if (text === "") return undefined;
  try {
    const url = base ? new URL(text, base) : new URL(text);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** A BCP 47 tag in its canonical case ("en_us" and "EN-US" -> "en-US"); else undefined. */
export function languageTag(value: string | null | undefined): string | undefined {
  const text = normaliseText(value ?? "").replaceAll("_", "-");
  if (text === "") return undefined;
  try {
    return Intl.getCanonicalLocales(text)[0];
  } catch {
    return undefined;
  }
}

/** A text field: normalised, and absent when empty. */
export function textValue(value: string | null | undefined): string | undefined {
  const text = normaliseText(value ?? "");
  return text === "" ? undefined : text;
}

/** The metadata with its empty fields left out (a source states only what it has). */
export function compactMetadata(metadata: SourceMetadata): SourceMetadata {
  return Object.fromEntries(
    Object.entries(metadata).filter(([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0)),
  ) as SourceMetadata;
}

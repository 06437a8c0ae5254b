import edtf, { type EdtfValue } from "edtf";
import { calendarDateProblem } from "./calendar-date";
import type { DatePrecision } from "./curated-claims";

/** One end of a date as a text gives it: a year, a month of a year, or a day. */
export interface DatePoint {
  year: number;
  /** 1 to 12. */
  month?: number;
  /** 1 to 31; only with a month. */
  day?: number;
}

/** A date as a claim stores it (YYYY, YYYY-MM or YYYY-MM-DD), read from its EDTF. */
export interface NormalisedDate {
  edtf: string;
  dateValue: string;
  dateEnd?: string;
  datePrecision: DatePrecision;
  dateApproximate: boolean;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** EDTF of one point ("1944", "1944-11", "1944-11-12"), `~` when approximate. */
function pointEdtf(point: DatePoint, approximate: boolean): string {
  let text = pad(point.year, 4);
  if (point.month !== undefined) text += `-${pad(point.month, 2)}`;
  if (point.month !== undefined && point.day !== undefined) text += `-${pad(point.day, 2)}`;
  return approximate ? `${text}~` : text;
}

/**
 * The EDTF of a date or a range ("1944-11-12", "1946~", "1944/1949", "1945-03/1945-05"), or null
 * when it is not a real date (the 31st of a month of 30 days) or the range runs backwards.
 */
export function toEdtf(start: DatePoint, end: DatePoint | undefined, approximate: boolean): NormalisedDate | null {
  const text = end ? `${pointEdtf(start, approximate)}/${pointEdtf(end, approximate)}` : pointEdtf(start, approximate);
  return fromEdtf(text);
}

/** YYYY, YYYY-MM or YYYY-MM-DD of an EDTF date (its month counted from 0, as JavaScript does). */
function valueOf(date: { values: number[]; precision: number }): string {
  const [year, month, day] = date.values;
  if (date.precision === 1) return pad(year, 4);
  if (date.precision === 2) return `${pad(year, 4)}-${pad(month + 1, 2)}`;
  return `${pad(year, 4)}-${pad(month + 1, 2)}-${pad(day, 2)}`;
}

const PRECISION: Record<number, DatePrecision> = { 1: "year", 2: "month", 3: "day" };

/**
 * Reads an EDTF date or interval of dates (levels 0 and 1: "1944-11-12", "1945-09~",
 * "1944/1949") into the value, end, precision and approximation a claim stores; null for what is
 * not EDTF, not a real date, an open interval, or an interval whose ends differ in precision or
 * run backwards (a claim has one precision). The edtf package does the reading, so that what is
 * stored is exactly what its EDTF says.
 */
export function fromEdtf(text: string): NormalisedDate | null {
  // The edtf package takes "1901-02-29" for 1 March 1901: each written day must exist.
  for (const [written] of text.matchAll(/\d{4}(?:-\d{2}){0,2}/g)) if (calendarDateProblem(written)) return null;
  let parsed: EdtfValue;
  try {
    parsed = edtf(text, { level: 1 });
  } catch {
    return null;
  }
  if (parsed.type === "Date") {
    const precision = PRECISION[parsed.precision];
    if (!precision) return null;
    return { edtf: parsed.edtf, dateValue: valueOf(parsed), datePrecision: precision, dateApproximate: parsed.approximate.value !== 0 };
  }
  if (parsed.type === "Interval") {
    const { lower, upper } = parsed;
    if (!lower || !upper || lower.precision !== upper.precision || !PRECISION[lower.precision]) return null;
    if (upper.min < lower.min) return null;
    return {
      edtf: parsed.edtf,
      dateValue: valueOf(lower),
      dateEnd: valueOf(upper),
      datePrecision: PRECISION[lower.precision],
      dateApproximate: lower.approximate.value !== 0 || upper.approximate.value !== 0,
    };
  }
  return null;
}

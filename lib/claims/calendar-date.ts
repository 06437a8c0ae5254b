/**
 * Claim dates as written (YYYY, YYYY-MM or YYYY-MM-DD): which are real, and their instants.
 *
 * A date is real when its year is 0001 to 9999 (proleptic Gregorian, as JavaScript and ISO 8601
 * count; there is no year 0) and its day exists in its month (`2020-02-29`, not `2020-02-31`
 * nor `2019-02-29`). Sources can be older than the seed's 1933 to 2010, so every four-digit year
 * but 0000 is taken. Pure: the claim form checks with it before sending, the API and the curated
 * files' import when reading.
 */

const DATE_FORM = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/**
 * `Date.UTC` for any year: `Date.UTC` reads years 0 to 99 as 1900 to 1999, which put a date of
 * year 0044 on the timeline in 1944.
 */
export function utcTime(year: number, month: number, day: number, hours = 0): number {
  const date = new Date(Date.UTC(2000, 0, 1, hours));
  date.setUTCFullYear(year, month, day);
  return date.getTime();
}

/** The days of a month (1 to 12) of a year. */
const daysInMonth = (year: number, month: number) => new Date(utcTime(year, month, 0)).getUTCDate();

/**
 * Why `value` is not a real date as YYYY, YYYY-MM or YYYY-MM-DD, in words for the person who wrote
 * it; null when it is one.
 */
export function calendarDateProblem(value: string): string | null {
  const match = DATE_FORM.exec(value);
  if (!match) return `"${value}" is not a date as YYYY, YYYY-MM or YYYY-MM-DD`;
  const year = Number(match[1]);
  if (year === 0) return `"${value}" is not a year: years run from 0001 (there is no year 0)`;
  if (match[2] === undefined) return null;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return `"${value}" is not a month: months run from 01 to 12`;
  if (match[3] === undefined) return null;
  const day = Number(match[3]);
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) return `"${value}" is not a day: ${match[1]}-${match[2]} has ${days} days`;
  return null;
}

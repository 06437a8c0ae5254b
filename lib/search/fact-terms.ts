import { extractDates } from "./extract-dates";
import { extractNumbers } from "./extract-numbers";

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * The numbers and dates of `text` as normalised terms that can be matched like words, whatever
 * way they are written: `n:40000` ("40,000", "forty thousand", "40 000"), `y:1944`,
 * `ym:1944-11` and `ymd:1944-11-07` ("November 7, 1944", "7 Nov. 1944"), `md:11-07` ("the 7th of
 * November"). A full date gives each of its coarser forms too, so "7 Nov. 1944" shares `ym:1944-11`
 * with "November 1944". Numbers that are part of a date, and years, are dates, not numbers.
 * Each term once, in order of first appearance.
 *
 * Pure: no I/O.
 */
export function factTerms(text: string): string[] {
  const terms = new Set<string>();
  const dates = extractDates(text);
  const inDate = (start: number, end: number) => dates.some((d) => start < d.end && end > d.start);
  const numbers = extractNumbers(text).filter((n) => !inDate(n.start, n.end));
  const events = [
    ...dates.map((d) => ({ at: d.start, terms: dateTerms(d) })),
    ...numbers.map((n) => ({ at: n.start, terms: [`n:${n.value}`] })),
  ].sort((a, b) => a.at - b.at);
  for (const event of events) for (const term of event.terms) terms.add(term);
  return [...terms];
}

function dateTerms(d: { year?: number; month?: number; day?: number }): string[] {
  const out: string[] = [];
  if (d.year !== undefined && d.month !== undefined && d.day !== undefined) out.push(`ymd:${d.year}-${pad(d.month)}-${pad(d.day)}`);
  if (d.year !== undefined && d.month !== undefined) out.push(`ym:${d.year}-${pad(d.month)}`);
  if (d.month !== undefined && d.day !== undefined) out.push(`md:${pad(d.month)}-${pad(d.day)}`);
  if (d.year !== undefined) out.push(`y:${d.year}`);
  return out;
}

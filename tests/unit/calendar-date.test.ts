import { describe, expect, it } from "vitest";
import { calendarDateProblem, utcTime } from "@/lib/claims/calendar-date";

describe("calendarDateProblem", () => {
  it("takes every real date as YYYY, YYYY-MM or YYYY-MM-DD from 0001 to 9999", () => {
    for (const value of [
      "0001",
      "0044-03",
      "0044-03-15",
      "1944",
      "1944-11",
      "1944-11-12",
      "2000-02-29",
      "2020-02-29",
      "9999-12-31",
      "1900-02-28",
    ])
      expect(calendarDateProblem(value), value).toBeNull();
  });

  it("says why a date is not on the calendar", () => {
    expect(calendarDateProblem("2020-02-31")).toBe('"2020-02-31" is not a day: 2020-02 has 29 days');
    expect(calendarDateProblem("1900-02-29")).toBe('"1900-02-29" is not a day: 1900-02 has 28 days');
    expect(calendarDateProblem("2019-02-29")).toMatch(/2019-02 has 28 days/);
    expect(calendarDateProblem("1944-06-31")).toMatch(/1944-06 has 30 days/);
    expect(calendarDateProblem("1944-01-00")).toMatch(/is not a day/);
    expect(calendarDateProblem("0000")).toBe('"0000" is not a year: years run from 0001 (there is no year 0)');
    expect(calendarDateProblem("0000-06-01")).toMatch(/is not a year/);
    expect(calendarDateProblem("1944-13")).toBe('"1944-13" is not a month: months run from 01 to 12');
    expect(calendarDateProblem("1944-00-10")).toMatch(/is not a month/);
    for (const value of ["44", "12345", "1944-1-2", "May 1944", "1944-11-12T00:00", ""])
      expect(calendarDateProblem(value), value).toMatch(/not a date as YYYY, YYYY-MM or YYYY-MM-DD/);
  });
});

describe("utcTime", () => {
  it("reads years 0 to 99 as themselves, where Date.UTC reads them as 1900 to 1999", () => {
    expect(new Date(utcTime(44, 2, 15)).toISOString()).toBe("0044-03-15T00:00:00.000Z");
    expect(new Date(utcTime(1944, 10, 12, 12)).toISOString()).toBe("1944-11-12T12:00:00.000Z");
    expect(utcTime(1944, 10, 12)).toBe(Date.UTC(1944, 10, 12));
  });
});

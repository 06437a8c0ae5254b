import { describe, expect, it } from "vitest";
import { extractDates, monthNumber } from "@/lib/search/extract-dates";

const dates = (text: string) => extractDates(text).map(({ year, month, day }) => ({ year, month, day }));

describe("extractDates", () => {
  it("reads full dates written month first or day first, with abbreviations", () => {
    expect(dates("On November 7, 1944, members")).toEqual([{ year: 1944, month: 11, day: 7 }]);
    expect(dates("on 7 Nov. 1944 and 12 Jan. 1946")).toEqual([
      { year: 1944, month: 11, day: 7 },
      { year: 1946, month: 1, day: 12 },
    ]);
    expect(dates("in October 8, 1944")).toEqual([{ year: 1944, month: 10, day: 8 }]);
    expect(dates("by Sept. 14th, 1945")).toEqual([{ year: 1945, month: 9, day: 14 }]);
  });

  it("reads days of a month without a year, in figures or words", () => {
    expect(dates("Declares November 12 as East Turkistan Independence Day")).toEqual([{ year: undefined, month: 11, day: 12 }]);
    expect(dates("made the twelfth of November a holiday")).toEqual([{ year: undefined, month: 11, day: 12 }]);
    expect(dates("the 7th of November")).toEqual([{ year: undefined, month: 11, day: 7 }]);
  });

  it("reads months of a year and years alone, with ranges", () => {
    expect(dates("In April 1942, Munonow fled; by Nov. 1945")).toEqual([
      { year: 1942, month: 4, day: undefined },
      { year: 1945, month: 11, day: undefined },
    ]);
    expect(dates("in mid-August 1944")).toEqual([{ year: 1944, month: 8, day: undefined }]);
    expect(dates("existed from 1944-1949")).toEqual([
      { year: 1944, month: undefined, day: undefined },
      { year: 1949, month: undefined, day: undefined },
    ]);
    expect(dates("the first Republic (1933-34)").map((d) => d.year)).toEqual([1933, 1934]);
    expect(dates("between 1934 -1943").map((d) => d.year)).toEqual([1934, 1943]);
  });

  it("agrees on the date however it is written", () => {
    const forms = ["October 8, 1944", "8 Oct. 1944", "8 October 1944", "Oct 8 1944", "the eighth of October 1944"];
    for (const form of forms) expect(dates(form)).toEqual([{ year: 1944, month: 10, day: 8 }]);
  });

  it("does not read a month name alone, other numbers or amounts as dates", () => {
    expect(dates("They may march in May")).toEqual([]);
    expect(dates("40,000 troops and $1000 and Il-12P")).toEqual([]);
    expect(dates("Resolution No. 110")).toEqual([]);
  });

  it("gives offsets that slice the date out of the text", () => {
    const text = "It fell on 7 Nov. 1944 and again on December 22, 1949.";
    expect(extractDates(text).map((d) => text.slice(d.start, d.end))).toEqual(["7 Nov. 1944", "December 22, 1949"]);
  });
});

describe("monthNumber", () => {
  it("knows names and abbreviations with or without a full stop", () => {
    expect(monthNumber("Nov.")).toBe(11);
    expect(monthNumber("november")).toBe(11);
    expect(monthNumber("Sept")).toBe(9);
    expect(monthNumber("Smarch")).toBeNull();
  });
});

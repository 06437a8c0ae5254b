import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  axisTicks,
  compareDates,
  dateSpan,
  decadesWithDates,
  drawnSpan,
  formatTimelineDate,
  fractionalYearOfTime,
  fullSpan,
  inWindow,
  layoutTimeline,
  linearScale,
  nominalSpan,
  precisionOf,
  shapeOf,
  shortDateLabel,
  tickStep,
  toFractionalYear,
  truncateLabel,
  yearsWithDates,
  zoomWindow,
  type TimelineDate,
  type TimelineItem,
} from "@/lib/claims/timeline-layout";

const day = (value: string, approximate = false): TimelineDate => ({ value, precision: "day", approximate });
const month = (value: string, approximate = false): TimelineDate => ({ value, precision: "month", approximate });
const year = (value: string, approximate = false): TimelineDate => ({ value, precision: "year", approximate });
const period = (value: string, end: string, approximate = false): TimelineDate => ({
  value,
  end,
  precision: precisionOf(value),
  approximate,
});
const item = (id: string, date: TimelineDate, label?: string): TimelineItem => ({ id, date, ...(label ? { label } : {}) });

/** Fractional year of a UTC date-time, for expectations. */
const at = (y: number, m: number, d: number, h = 0) => fractionalYearOfTime(Date.UTC(y, m - 1, d, h));

const WHOLE = { start: 1933, end: 2011 };

describe("dates as fractional years", () => {
  it("puts a day at its mid-day, in UTC", () => {
    expect(toFractionalYear("1949-01-01")).toBeCloseTo(1949 + 0.5 / 365, 10);
    expect(toFractionalYear("1949-12-22")).toBeCloseTo(at(1949, 12, 22, 12), 10);
    // 1948 is a leap year: its days are 1/366 of it.
    expect(toFractionalYear("1948-12-31")).toBeCloseTo(1949 - 0.5 / 366, 10);
  });

  it("covers a whole month or year with an interval", () => {
    expect(dateSpan("1949")).toEqual({ start: 1949, end: 1950 });
    const august = dateSpan("1949-08");
    expect(august.start).toBeCloseTo(1949 + 212 / 365, 10);
    expect(august.end).toBeCloseTo(1949 + 243 / 365, 10);
    expect(dateSpan("1949-12").end).toBe(1950);
    const oneDay = dateSpan("1944-11-12");
    expect(oneDay.end - oneDay.start).toBeCloseTo(1 / 366, 10);
    expect(toFractionalYear("1949-08")).toBeCloseTo((august.start + august.end) / 2, 10);
    expect(toFractionalYear("1949")).toBe(1949.5);
  });

  it("puts the dates of years 0001 to 0099 in their own century, not in the 1900s", () => {
    expect(dateSpan("0044")).toEqual({ start: 44, end: 45 });
    expect(toFractionalYear("0044-03-15")).toBeCloseTo(44 + (31 + 29 + 14 + 0.5) / 366, 10); // 0044 is a leap year
    expect(dateSpan("0001-01").start).toBe(1);
    expect(dateSpan("0099-12").end).toBe(100);
    // Widened by a year on each side, "about 0001" reaches back into 1 BC (year 0).
    expect(dateSpan("0001", 1)).toEqual({ start: 0, end: 3 });
  });

  it("reads the precision from the form", () => {
    expect(precisionOf("1949")).toBe("year");
    expect(precisionOf("1949-08")).toBe("month");
    expect(precisionOf("1949-08-27")).toBe("day");
    expect(() => precisionOf("August 1949")).toThrow(/YYYY/);
  });
});

describe("how a date is drawn", () => {
  it("draws an exact day as a point and a month or year as an interval", () => {
    expect(shapeOf(day("1949-12-22"))).toBe("point");
    expect(shapeOf(month("1949-08"))).toBe("interval");
    expect(shapeOf(year("1937"))).toBe("interval");
    expect(shapeOf(day("1944-11-12", true))).toBe("interval");
  });

  it("widens an approximate date by one unit of its precision on each side", () => {
    expect(drawnSpan(year("1950", true))).toEqual({ start: 1949, end: 1952 });
    expect(nominalSpan(year("1950", true))).toEqual({ start: 1950, end: 1951 });
    const midAugust = drawnSpan(month("1944-08", true));
    expect(midAugust.start).toBeCloseTo(at(1944, 7, 1), 10);
    expect(midAugust.end).toBeCloseTo(at(1944, 10, 1), 10);
    const aboutDay = drawnSpan(day("1944-11-12", true));
    expect(aboutDay.start).toBeCloseTo(at(1944, 11, 11), 10);
    expect(aboutDay.end).toBeCloseTo(at(1944, 11, 14), 10);
    // Across a year's end.
    expect(drawnSpan(month("1949-12", true)).end).toBeCloseTo(at(1950, 2, 1), 10);
  });

  it("draws a period as a bar from the start of its first date to the end of its last", () => {
    const republic = period("1944", "1949");
    expect(shapeOf(republic)).toBe("period");
    expect(drawnSpan(republic)).toEqual({ start: 1944, end: 1950 });
    const airlift = period("1949-11-01", "1949-11-03");
    expect(drawnSpan(airlift).start).toBeCloseTo(at(1949, 11, 1), 10);
    expect(drawnSpan(airlift).end).toBeCloseTo(at(1949, 11, 4), 10);
    expect(drawnSpan(period("1946-07", "1947-02", true))).toEqual(nominalSpan(period("1946-06", "1947-03")));
    // A period whose end is the same date is not a period.
    expect(shapeOf(period("1949", "1949"))).toBe("interval");
  });

  it("orders dates by start, the vaguer first", () => {
    const dates = [day("1944-11-12"), year("1944"), month("1944-11"), period("1944", "1949"), year("1937")];
    expect([...dates].sort(compareDates).map((d) => d.value + (d.end ? `–${d.end}` : ""))).toEqual([
      "1937",
      "1944–1949",
      "1944",
      "1944-11",
      "1944-11-12",
    ]);
  });
});

describe("zoom", () => {
  const dates = [period("1933", "1934"), year("1937"), day("1944-11-12"), day("1949-12-22"), year("1950", true), year("1991")];

  it("spans whole years from the first date to the last", () => {
    expect(fullSpan(dates)).toEqual({ start: 1933, end: 1992 });
    expect(fullSpan([])).toBeNull();
  });

  it("offers the years and decades in which a date starts or ends", () => {
    expect(yearsWithDates(dates)).toEqual([1933, 1934, 1937, 1944, 1949, 1950, 1991]);
    expect(decadesWithDates(dates)).toEqual([1930, 1940, 1950, 1990]);
  });

  it("gives the window of a decade and of a year", () => {
    expect(zoomWindow({ kind: "all" }, WHOLE)).toEqual(WHOLE);
    expect(zoomWindow({ kind: "decade", decade: 1940 }, WHOLE)).toEqual({ start: 1940, end: 1950 });
    expect(zoomWindow({ kind: "year", year: 1949 }, WHOLE)).toEqual({ start: 1949, end: 1950 });
  });

  it("keeps a date in a window when what the text says overlaps it", () => {
    const y1949 = { start: 1949, end: 1950 };
    expect(inWindow(day("1949-12-22"), y1949)).toBe(true);
    expect(inWindow(period("1944", "1949"), y1949)).toBe(true);
    expect(inWindow(day("1944-11-12"), y1949)).toBe(false);
    // Widening shows the uncertainty but does not move a date into another year.
    expect(inWindow(year("1950", true), y1949)).toBe(false);
    expect(inWindow(year("1948"), y1949)).toBe(false);
  });
});

describe("axis ticks", () => {
  const scale = (window: { start: number; end: number }) => linearScale(window, 960, 20);

  it("marks every decade in the whole span", () => {
    expect(tickStep({ kind: "all" })).toBe("decade");
    const ticks = axisTicks(WHOLE, "decade", scale(WHOLE));
    expect(ticks.map((t) => t.label)).toEqual(["1940", "1950", "1960", "1970", "1980", "1990", "2000", "2010"]);
    expect(ticks[0].x).toBeCloseTo(20 + (7 / 78) * 920, 8);
  });

  it("marks every year in a decade", () => {
    const window = { start: 1940, end: 1950 };
    expect(tickStep({ kind: "decade", decade: 1940 })).toBe("year");
    const ticks = axisTicks(window, "year", scale(window));
    expect(ticks.map((t) => t.at)).toEqual([1940, 1941, 1942, 1943, 1944, 1945, 1946, 1947, 1948, 1949, 1950]);
    expect(ticks[0].x).toBe(20);
    expect(ticks[10].x).toBe(940);
  });

  it("marks every month in a year, January by its year", () => {
    const window = { start: 1949, end: 1950 };
    expect(tickStep({ kind: "year", year: 1949 })).toBe("month");
    const ticks = axisTicks(window, "month", scale(window));
    expect(ticks.map((t) => t.label)).toEqual([
      "1949",
      "Feb",
      "Mar",
      "Apr",
      "May",
      "Jun",
      "Jul",
      "Aug",
      "Sep",
      "Oct",
      "Nov",
      "Dec",
      "1950",
    ]);
    expect(ticks[7].at).toBeCloseTo(at(1949, 8, 1), 10);
    for (let i = 1; i < ticks.length; i++) expect(ticks[i].x).toBeGreaterThan(ticks[i - 1].x);
  });
});

describe("layoutTimeline", () => {
  const options = { window: { start: 1940, end: 1950 }, width: 1000, inset: 20, radius: 6, minWidth: 8, gap: 4 };
  const scale = linearScale(options.window, 1000, 20);

  it("positions a point at its day and an interval over its month", () => {
    const { marks } = layoutTimeline([item("proclaimed", day("1944-11-12")), item("recon", month("1949-08"))], options);
    const [point, interval] = marks;
    expect(point.shape).toBe("point");
    expect(point.cx).toBeCloseTo(scale(toFractionalYear("1944-11-12")), 8);
    expect(point.x2 - point.x1).toBe(12);
    expect(interval.shape).toBe("interval");
    expect(interval.x1).toBeCloseTo(scale(dateSpan("1949-08").start), 8);
    expect(interval.x2).toBeCloseTo(scale(dateSpan("1949-08").end), 8);
  });

  it("draws an approximate date wider than the same date given exactly", () => {
    const { marks } = layoutTimeline([item("exact", month("1944-08")), item("about", month("1944-08", true))], options);
    const exact = marks.find((m) => m.item.id === "exact")!;
    const about = marks.find((m) => m.item.id === "about")!;
    expect(about.approximate).toBe(true);
    expect(about.x1).toBeLessThan(exact.x1);
    expect(about.x2).toBeGreaterThan(exact.x2);
    expect(about.nominal).toEqual(exact.nominal);
  });

  it("keeps a short interval visible at least minWidth wide, centred on what it covers", () => {
    const { marks } = layoutTimeline([item("august", month("1949-08"))], { ...options, window: WHOLE });
    const wholeScale = linearScale(WHOLE, 1000, 20);
    const middle = (wholeScale(dateSpan("1949-08").start) + wholeScale(dateSpan("1949-08").end)) / 2;
    expect(marks[0].x2 - marks[0].x1).toBeCloseTo(8, 8);
    expect((marks[0].x1 + marks[0].x2) / 2).toBeCloseTo(middle, 8);
  });

  it("clips to the window: drops what falls outside and cuts what runs past an edge", () => {
    const items = [
      item("sheng", period("1934", "1943")),
      item("early-1950", year("1950", true)),
      item("proclaimed", day("1944-11-12")),
      item("dissolution", year("1991")),
      item("republic", period("1944", "1949")),
    ];
    const { marks } = layoutTimeline(items, { ...options, window: { start: 1944, end: 1949 } });
    expect(marks.map((m) => m.item.id)).toEqual(["republic", "proclaimed"]);
    const republic = marks[0];
    expect(republic.clippedStart).toBe(false);
    expect(republic.clippedEnd).toBe(true);
    expect(republic.x1).toBe(20);
    expect(republic.x2).toBe(980);

    const forties = layoutTimeline(items, options).marks;
    const sheng = forties.find((m) => m.item.id === "sheng")!;
    expect(sheng.clippedStart).toBe(true);
    expect(sheng.x1).toBe(20);
    expect(forties.map((m) => m.item.id)).not.toContain("early-1950");
  });

  it("returns the marks in date order", () => {
    const items = [item("c", day("1949-12-22")), item("a", year("1944")), item("b", day("1944-11-12")), item("d", period("1944", "1949"))];
    expect(layoutTimeline(items, options).marks.map((m) => m.item.id)).toEqual(["d", "a", "b", "c"]);
  });

  it("puts overlapping marks in different lanes and reuses a lane when there is room", () => {
    const items = [
      item("republic", period("1944", "1949")),
      item("proclaimed", day("1944-11-12")),
      item("nilka", day("1944-10-08")),
      item("uprisings", year("1941")),
    ];
    const { marks, lanes } = layoutTimeline(items, options);
    const lane = (id: string) => marks.find((m) => m.item.id === id)!.lane;
    expect(lane("republic")).not.toBe(lane("proclaimed"));
    expect(lane("nilka")).not.toBe(lane("proclaimed"));
    expect(lane("uprisings")).toBe(0);
    expect(lanes).toBe(3);
  });

  it("makes room for labels, and puts a label that would not fit on the right to the left", () => {
    const items = [
      item("a", day("1949-06-01"), "A fairly long label"),
      item("b", day("1949-07-01"), "Another label"),
      item("z", day("1949-12-30"), "Late"),
    ];
    const { marks } = layoutTimeline(items, { ...options, window: { start: 1949, end: 1950 }, charWidth: 7 });
    const [a, b, z] = marks;
    expect(a.label).toMatchObject({ side: "right", text: "A fairly long label" });
    expect(a.extent[1]).toBeCloseTo(a.x2 + 4 + 19 * 7, 8);
    // b's circle falls under a's label, so it goes to another lane.
    expect(b.lane).not.toBe(a.lane);
    expect(z.label?.side).toBe("left");
    expect(z.extent[0]).toBeLessThan(z.x1);
  });

  it("puts a label inside a bar that holds it, and cuts one that fits nowhere whole", () => {
    const window = { start: 1949, end: 1950 };
    const long = "The second East Turkistan Republic lasted from 1944 to 1949. ".repeat(3).trim();
    const { marks } = layoutTimeline(
      [item("republic", period("1944", "1949"), long), item("short", period("1944", "1949"), "The republic")],
      {
        ...options,
        window,
        charWidth: 7,
      },
    );
    const republic = marks.find((m) => m.item.id === "republic")!;
    const short = marks.find((m) => m.item.id === "short")!;
    expect(short.label).toEqual({ x: 24, side: "inside", text: "The republic" });
    expect(short.extent).toEqual([20, 980]);
    expect(republic.label?.side).toBe("inside");
    expect(republic.label!.text.endsWith("…")).toBe(true);
    expect(republic.label!.text.length * 7).toBeLessThanOrEqual(960 - 8);
    expect(long.startsWith(republic.label!.text.slice(0, -1))).toBe(true);
  });

  it("never lets two marks in a lane overlap (with the gap), for any dates", () => {
    const dateArbitrary = fc
      .record({
        y: fc.integer({ min: 1930, max: 2012 }),
        m: fc.integer({ min: 1, max: 12 }),
        d: fc.integer({ min: 1, max: 28 }),
        precision: fc.constantFrom("year" as const, "month" as const, "day" as const),
        approximate: fc.boolean(),
        length: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
        label: fc.option(fc.string({ minLength: 1, maxLength: 30 }), { nil: undefined }),
      })
      .map(({ y, m, d, precision, approximate, length, label }) => {
        const form = (year: number) =>
          precision === "year"
            ? String(year)
            : precision === "month"
              ? `${year}-${String(m).padStart(2, "0")}`
              : `${year}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
        return { date: { value: form(y), ...(length ? { end: form(y + length) } : {}), precision, approximate }, label };
      });
    const windowArbitrary = fc.constantFrom(WHOLE, { start: 1940, end: 1950 }, { start: 1949, end: 1950 });
    fc.assert(
      fc.property(fc.array(dateArbitrary, { maxLength: 60 }), windowArbitrary, (dates, window) => {
        const items = dates.map((d, i) => item(`c${i}`, d.date, d.label));
        const { marks, lanes } = layoutTimeline(items, { ...options, window });
        expect(marks.length).toBe(items.filter((i) => inWindow(i.date, window)).length);
        for (const mark of marks) {
          expect(mark.lane).toBeGreaterThanOrEqual(0);
          expect(mark.lane).toBeLessThan(lanes);
          expect(mark.x1).toBeLessThanOrEqual(mark.x2);
          expect(mark.x1).toBeGreaterThanOrEqual(20 - 6);
          expect(mark.x2).toBeLessThanOrEqual(980 + 6);
          if (mark.label) {
            expect(mark.extent[0]).toBeGreaterThanOrEqual(-1e-9);
            expect(mark.extent[1]).toBeLessThanOrEqual(1000 + 1e-9);
            if (mark.label.side === "inside") expect(mark.label.text.length * 6.5).toBeLessThanOrEqual(mark.x2 - mark.x1);
          }
        }
        for (let i = 0; i < marks.length; i++) {
          for (let j = i + 1; j < marks.length; j++) {
            const [a, b] = [marks[i], marks[j]];
            if (a.lane !== b.lane) continue;
            const apart = a.extent[1] + 4 <= b.extent[0] + 1e-9 || b.extent[1] + 4 <= a.extent[0] + 1e-9;
            expect(apart, `${a.item.id} and ${b.item.id} overlap in lane ${a.lane}`).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("dates in words", () => {
  it("says no more than the text", () => {
    expect(formatTimelineDate(day("1949-12-22"))).toBe("22 December 1949");
    expect(formatTimelineDate(month("1949-08"))).toBe("August 1949");
    expect(formatTimelineDate(year("1950", true))).toBe("about 1950");
    expect(formatTimelineDate(period("1944", "1949"))).toBe("1944–1949");
    expect(formatTimelineDate(period("1949-11-01", "1949-11-03"))).toBe("1–3 November 1949");
    expect(formatTimelineDate(period("1946-07", "1947-02"))).toBe("July 1946–February 1947");
  });

  it("gives short labels and cuts long ones at a word", () => {
    expect(shortDateLabel(day("1949-12-22"))).toBe("22 Dec");
    expect(shortDateLabel(month("1944-08", true))).toBe("~Aug");
    expect(truncateLabel("The East Turkistan Republic was dissolved on December 22, 1949.", 30)).toBe("The East Turkistan Republic…");
    expect(truncateLabel("Short", 30)).toBe("Short");
  });
});

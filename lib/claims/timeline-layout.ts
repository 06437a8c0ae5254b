/**
 * The layout of a timeline of dated claims: pure functions from claim dates to positioned marks,
 * lanes and axis ticks. No React, no database: the timeline page draws what this computes.
 *
 * Time is measured in fractional years (UTC): 1949.0 is the first instant of 1 January 1949,
 * 1950.0 the first instant of 1950, and 1949.5 falls on 2 July 1949.
 *
 * How a date is drawn:
 * - a day (`1949-12-22`), not approximate, is a point at mid-day of that day;
 * - a month (`1949-08`) or a year (`1949`) is an interval covering the whole month or year: the
 *   text says no more than that, so the mark shows the uncertainty rather than a false point;
 * - an approximate date is widened by one unit of its precision on each side: "about August
 *   1949" covers July to September 1949, "about 1950" covers 1949 to 1951, "about 12 November
 *   1944" covers 11 to 13 November;
 * - a period (a date with an `end`) is a bar from the start of its first date to the end of its
 *   last (`1944`–`1949` runs from 1 January 1944 to 31 December 1949); an approximate period is
 *   widened at both ends the same way.
 */

import { utcTime } from "./calendar-date";

export type TimelinePrecision = "year" | "month" | "day";

/** A claim's date as stored: `value` and `end` are YYYY, YYYY-MM or YYYY-MM-DD. */
export interface TimelineDate {
  value: string;
  end?: string;
  precision: TimelinePrecision;
  approximate: boolean;
}

/** A span of time in fractional years, start ≤ end. */
export interface Span {
  start: number;
  end: number;
}

export type MarkShape = "point" | "interval" | "period";

const DATE_FORM = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** The precision a date's form gives: YYYY is a year, YYYY-MM a month, YYYY-MM-DD a day. */
export function precisionOf(value: string): TimelinePrecision {
  const match = DATE_FORM.exec(value);
  if (!match) throw new Error(`not a date as YYYY, YYYY-MM or YYYY-MM-DD: "${value}"`);
  return match[3] ? "day" : match[2] ? "month" : "year";
}

function parts(value: string): { year: number; month: number; day: number } {
  const match = DATE_FORM.exec(value);
  if (!match) throw new Error(`not a date as YYYY, YYYY-MM or YYYY-MM-DD: "${value}"`);
  return { year: Number(match[1]), month: match[2] ? Number(match[2]) : 1, day: match[3] ? Number(match[3]) : 1 };
}

/** A UTC instant (milliseconds since the epoch) as a fractional year. */
export function fractionalYearOfTime(time: number): number {
  const year = new Date(time).getUTCFullYear();
  const start = utcTime(year, 0, 1);
  return year + (time - start) / (utcTime(year + 1, 0, 1) - start);
}

/** Moves a date (as its parts) by `units` of `precision`, in UTC. */
function shift(year: number, month: number, day: number, precision: TimelinePrecision, units: number): number {
  if (precision === "year") return utcTime(year + units, month - 1, day);
  if (precision === "month") return utcTime(year, month - 1 + units, day);
  return utcTime(year, month - 1, day + units);
}

/**
 * The span a date covers, in fractional years (UTC): a year from 1 January to the next 1
 * January, a month from its first day to the first day of the next, a day from midnight to
 * midnight. `widen` adds that many units of the date's own precision on each side.
 */
export function dateSpan(value: string, widen = 0): Span {
  const { year, month, day } = parts(value);
  const precision = precisionOf(value);
  return {
    start: fractionalYearOfTime(shift(year, month, day, precision, -widen)),
    end: fractionalYearOfTime(shift(year, month, day, precision, 1 + widen)),
  };
}

/**
 * A date as one fractional year: a day is its mid-day; a month or a year its middle. (Use
 * `dateSpan` for the interval a month or a year covers.)
 */
export function toFractionalYear(value: string): number {
  const span = dateSpan(value);
  if (precisionOf(value) === "day") {
    const { year, month, day } = parts(value);
    return fractionalYearOfTime(utcTime(year, month - 1, day, 12));
  }
  return (span.start + span.end) / 2;
}

/** What the text says, before any widening: from the start of `value` to the end of `end` (or of `value`). */
export function nominalSpan(date: TimelineDate): Span {
  const first = dateSpan(date.value);
  const last = dateSpan(date.end ?? date.value);
  return { start: Math.min(first.start, last.start), end: Math.max(first.end, last.end) };
}

/** How a date is drawn: a point, an interval of uncertainty, or a period. */
export function shapeOf(date: TimelineDate): MarkShape {
  if (date.end && date.end !== date.value) return "period";
  return precisionOf(date.value) === "day" && !date.approximate ? "point" : "interval";
}

/** The span drawn for a date: its nominal span, widened by one unit at each end when approximate. */
export function drawnSpan(date: TimelineDate): Span {
  const widen = date.approximate ? 1 : 0;
  const first = dateSpan(date.value, widen);
  const last = dateSpan(date.end ?? date.value, widen);
  return { start: Math.min(first.start, last.start), end: Math.max(first.end, last.end) };
}

/** A point's position: mid-day of its day. */
function pointAt(date: TimelineDate): number {
  return toFractionalYear(date.value);
}

/** Orders dates as a reader would: by start, the vaguer first when they start together, then by end. */
export function compareDates(a: TimelineDate, b: TimelineDate): number {
  const x = nominalSpan(a);
  const y = nominalSpan(b);
  return x.start - y.start || y.end - x.end || a.value.localeCompare(b.value) || (a.end ?? "").localeCompare(b.end ?? "");
}

// Zoom

export type Zoom = { kind: "all" } | { kind: "decade"; decade: number } | { kind: "year"; year: number };

/** Whole years covering every date: from the first date's year to the end of the last date's year. */
export function fullSpan(dates: TimelineDate[]): Span | null {
  if (dates.length === 0) return null;
  const spans = dates.map(nominalSpan);
  return { start: Math.floor(Math.min(...spans.map((s) => s.start))), end: Math.ceil(Math.max(...spans.map((s) => s.end))) };
}

/** The window a zoom shows: the full span, a decade [1940, 1950], or a year [1949, 1950]. */
export function zoomWindow(zoom: Zoom, full: Span): Span {
  if (zoom.kind === "decade") return { start: zoom.decade, end: zoom.decade + 10 };
  if (zoom.kind === "year") return { start: zoom.year, end: zoom.year + 1 };
  return full;
}

/** Whether a date's nominal span (what the text says) falls at least partly inside the window. */
export function inWindow(date: TimelineDate, window: Span): boolean {
  const span = nominalSpan(date);
  return span.start < window.end && span.end > window.start;
}

/** The years in which some date starts or ends, ascending: the years worth zooming to. */
export function yearsWithDates(dates: TimelineDate[]): number[] {
  const years = new Set<number>();
  for (const date of dates) {
    years.add(parts(date.value).year);
    if (date.end) years.add(parts(date.end).year);
  }
  return [...years].sort((a, b) => a - b);
}

/** The decades (1930, 1940, …) in which some date starts or ends, ascending. */
export function decadesWithDates(dates: TimelineDate[]): number[] {
  return [...new Set(yearsWithDates(dates).map((year) => Math.floor(year / 10) * 10))].sort((a, b) => a - b);
}

// Axis

export interface Tick {
  /** Position in fractional years. */
  at: number;
  /** Position in pixels. */
  x: number;
  label: string;
}

const MONTH_ABBREVIATIONS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The tick step of a zoom: every decade for the full span, every year for a decade, every month for a year. */
export function tickStep(zoom: Zoom): "decade" | "year" | "month" {
  return zoom.kind === "all" ? "decade" : zoom.kind === "decade" ? "year" : "month";
}

/**
 * Axis ticks for a window, inclusive of both ends: decades ("1940"), years ("1946") or months
 * ("Feb"; a January is labelled with its year).
 */
export function axisTicks(window: Span, step: "decade" | "year" | "month", scale: Scale): Tick[] {
  const ticks: Tick[] = [];
  const epsilon = 1e-9;
  if (step === "month") {
    for (let year = Math.floor(window.start); year <= Math.ceil(window.end); year++) {
      for (let month = 0; month < 12; month++) {
        const at = fractionalYearOfTime(utcTime(year, month, 1));
        if (at < window.start - epsilon || at > window.end + epsilon) continue;
        ticks.push({ at, x: scale(at), label: month === 0 ? String(year) : MONTH_ABBREVIATIONS[month] });
      }
    }
    return ticks;
  }
  const every = step === "decade" ? 10 : 1;
  for (let year = Math.ceil(window.start / every - epsilon) * every; year <= window.end + epsilon; year += every) {
    ticks.push({ at: year, x: scale(year), label: String(year) });
  }
  return ticks;
}

// Marks and lanes

/** Maps fractional years to pixels. */
export type Scale = (at: number) => number;

/** A linear scale from the window onto [inset, width − inset]. */
export function linearScale(window: Span, width: number, inset: number): Scale {
  const span = window.end - window.start;
  return (at) => inset + ((at - window.start) / span) * (width - 2 * inset);
}

export interface TimelineItem {
  id: string;
  date: TimelineDate;
  /** A label drawn beside the mark, if any; it takes room in the lane. */
  label?: string;
}

export interface LayoutOptions {
  window: Span;
  /** Width of the drawing in pixels (user units). */
  width: number;
  /** Room kept free at each side, so marks at the window's edges are whole. */
  inset?: number;
  /** Radius of a point. */
  radius?: number;
  /** Narrowest interval or bar drawn, so a month on a seventy-year axis stays visible and clickable. */
  minWidth?: number;
  /** Least room between two marks (or labels) in a lane. */
  gap?: number;
  /** Average width of a label character, in pixels. */
  charWidth?: number;
  /** Room between a mark and its label. */
  labelGap?: number;
}

export interface TimelineMark<T extends TimelineItem = TimelineItem> {
  item: T;
  shape: MarkShape;
  approximate: boolean;
  precision: TimelinePrecision;
  /** What the text says, in fractional years. */
  nominal: Span;
  /** What is drawn (the nominal span widened when approximate), in fractional years. */
  drawn: Span;
  /** Left and right edges of the shape in pixels, clipped to the window; a point's are cx ± r. */
  x1: number;
  x2: number;
  /** Centre of a point. */
  cx: number;
  /** Whether the drawn span goes on past the window's left or right edge. */
  clippedStart: boolean;
  clippedEnd: boolean;
  /** 0 is the lane nearest the axis. */
  lane: number;
  /**
   * Where the label goes, when there is one: its anchor x, and whether it starts right of the
   * mark, ends left of it, or starts inside a bar; `text` may be cut short to fit.
   */
  label?: { x: number; side: "right" | "left" | "inside"; text: string };
  /** The room the mark and its label take in its lane, [left, right) in pixels. */
  extent: [number, number];
}

export interface TimelineLayout<T extends TimelineItem> {
  marks: TimelineMark<T>[];
  lanes: number;
  scale: Scale;
}

/**
 * Positions the items whose nominal date falls in the window, in date order, and assigns them
 * lanes so that no two marks (with their labels and a gap) in one lane overlap. Lanes are given
 * first-fit in order of left edge, which uses as few lanes as any assignment can.
 */
export function layoutTimeline<T extends TimelineItem>(items: T[], options: LayoutOptions): TimelineLayout<T> {
  const { window, width } = options;
  const inset = options.inset ?? 24;
  const radius = options.radius ?? 6;
  const minWidth = options.minWidth ?? 8;
  const gap = options.gap ?? 4;
  const charWidth = options.charWidth ?? 6.5;
  const labelGap = options.labelGap ?? 4;
  if (!(window.end > window.start)) throw new Error("the window must end after it starts");
  const scale = linearScale(window, width, inset);
  const left = inset;
  const right = width - inset;
  const clamp = (x: number) => Math.min(right, Math.max(left, x));

  const shown = items
    .filter((item) => inWindow(item.date, window))
    .sort((a, b) => compareDates(a.date, b.date) || a.id.localeCompare(b.id));
  const marks: TimelineMark<T>[] = shown.map((item) => {
    const shape = shapeOf(item.date);
    const nominal = nominalSpan(item.date);
    const drawn = drawnSpan(item.date);
    let x1: number;
    let x2: number;
    let cx: number;
    if (shape === "point") {
      cx = clamp(scale(pointAt(item.date)));
      x1 = cx - radius;
      x2 = cx + radius;
    } else {
      x1 = clamp(scale(drawn.start));
      x2 = clamp(scale(drawn.end));
      if (x2 - x1 < minWidth) {
        // Centred on what it covers; the inset leaves room for the overhang at the edges.
        const middle = (x1 + x2) / 2;
        x1 = middle - minWidth / 2;
        x2 = middle + minWidth / 2;
      }
      cx = (x1 + x2) / 2;
    }
    let extent: [number, number] = [x1, x2];
    let label: TimelineMark<T>["label"];
    if (item.label) {
      // Inside a bar wide enough to hold it, else beside the mark where there is room; a label
      // that fits nowhere whole is cut to the widest room (and dropped if that is tiny).
      const rooms = {
        inside: shape === "point" ? 0 : x2 - x1 - 2 * labelGap,
        right: width - (x2 + labelGap),
        left: x1 - labelGap,
      };
      const needed = item.label.length * charWidth;
      const order = ["inside", "right", "left"] as const;
      let side = order.find((s) => needed <= rooms[s]);
      let text = item.label;
      if (!side) {
        side = order.reduce((best, s) => (rooms[s] > rooms[best] ? s : best));
        const characters = Math.floor(rooms[side] / charWidth);
        text = characters >= 4 ? truncateLabel(item.label, characters) : "";
      }
      const used = text.length * charWidth;
      if (text && side === "inside") label = { x: x1 + labelGap, side, text };
      else if (text && side === "right") {
        label = { x: x2 + labelGap, side, text };
        extent = [x1, x2 + labelGap + used];
      } else if (text) {
        label = { x: x1 - labelGap, side, text };
        extent = [x1 - labelGap - used, x2];
      }
    }
    return {
      item,
      shape,
      approximate: item.date.approximate,
      precision: precisionOf(item.date.value),
      nominal,
      drawn,
      x1,
      x2,
      cx,
      clippedStart: drawn.start < window.start,
      clippedEnd: drawn.end > window.end,
      lane: 0,
      label,
      extent,
    };
  });

  // First fit by left edge: each lane remembers where its last mark (plus gap) ends.
  const laneEnds: number[] = [];
  const byLeft = [...marks].sort((a, b) => a.extent[0] - b.extent[0]);
  for (const mark of byLeft) {
    let lane = laneEnds.findIndex((end) => end <= mark.extent[0]);
    if (lane === -1) lane = laneEnds.push(0) - 1;
    laneEnds[lane] = mark.extent[1] + gap;
    mark.lane = lane;
  }
  return { marks, lanes: laneEnds.length, scale };
}

// Words

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** One date in words at its own precision: "22 December 1949", "August 1949", "1949". */
function dateInWords(value: string): string {
  const { year, month, day } = parts(value);
  const precision = precisionOf(value);
  if (precision === "year") return String(year);
  if (precision === "month") return `${MONTHS[month - 1]} ${year}`;
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/**
 * A claim's date in words, no more precise than the text: "22 December 1949", "August 1949",
 * "about 1950", "1944–1949", "1–3 November 1949".
 */
export function formatTimelineDate(date: TimelineDate): string {
  const about = date.approximate ? "about " : "";
  if (!date.end || date.end === date.value) return about + dateInWords(date.value);
  const first = parts(date.value);
  const last = parts(date.end);
  const bothDays = precisionOf(date.value) === "day" && precisionOf(date.end) === "day";
  if (bothDays && first.year === last.year && first.month === last.month) {
    return `${about}${first.day}–${last.day} ${MONTHS[first.month - 1]} ${first.year}`;
  }
  return `${about}${dateInWords(date.value)}–${dateInWords(date.end)}`;
}

/** A short label for a mark in a year's view: "22 Dec", "Aug", "1–3 Nov"; "~" marks an approximate date. */
export function shortDateLabel(date: TimelineDate): string {
  const about = date.approximate ? "~" : "";
  const short = (value: string) => {
    const { year, month, day } = parts(value);
    const precision = precisionOf(value);
    if (precision === "year") return String(year);
    if (precision === "month") return MONTH_ABBREVIATIONS[month - 1];
    return `${day} ${MONTH_ABBREVIATIONS[month - 1]}`;
  };
  if (!date.end || date.end === date.value) return about + short(date.value);
  return `${about}${short(date.value)}–${short(date.end)}`;
}

/** Cuts a label to at most `max` characters at a word boundary, with an ellipsis. */
export function truncateLabel(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, "")}…`;
}

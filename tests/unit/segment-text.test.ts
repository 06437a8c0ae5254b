import { describe, expect, it } from "vitest";
import { coverText, rangesByPassage, segmentText } from "@/lib/text-model/segment-text";

const pieces = (text: string, start: number, ranges: Array<{ start: number; end: number; id: string }>) =>
  segmentText(text, start, ranges)
    .map((s) => (s.range ? `[${s.text}:${s.range.id}]` : s.text))
    .join("");

describe("segmentText", () => {
  it("marks ranges given in document offsets inside a passage", () => {
    expect(
      pieces("Sheng met Stalin.", 100, [
        { start: 100, end: 105, id: "a" },
        { start: 110, end: 116, id: "b" },
      ]),
    ).toBe("[Sheng:a] met [Stalin:b].");
  });

  it("keeps the whole text when there is no range", () => {
    expect(pieces("Plain.", 0, [])).toBe("Plain.");
    expect(segmentText("", 0, [])).toEqual([{ text: "", start: 0 }]);
  });

  it("clips ranges to the passage and skips overlapping ones", () => {
    expect(
      pieces("abcdef", 10, [
        { start: 8, end: 12, id: "a" },
        { start: 11, end: 13, id: "b" },
        { start: 14, end: 20, id: "c" },
      ]),
    ).toBe("[ab:a]cd[ef:c]");
  });

  it("records where each piece starts, and the pieces rebuild the text", () => {
    const text = "Ahmetjan Qasimi 👩🏽‍🏫 and Azizi";
    const segments = segmentText(text, 5, [
      { start: 5, end: 20, id: "a" },
      { start: 5 + text.length - 5, end: 5 + text.length, id: "b" },
    ]);
    expect(segments.map((s) => s.text).join("")).toBe(text);
    for (const s of segments) expect(text.slice(s.start - 5, s.start - 5 + s.text.length)).toBe(s.text);
  });
});

describe("coverText", () => {
  const covered = (text: string, start: number, ranges: Array<{ start: number; end: number; id: string }>) =>
    coverText(text, start, ranges)
      .map((s) => (s.ranges.length ? `[${s.text}:${s.ranges.map((r) => r.id).join("+")}]` : s.text))
      .join("");

  it("cuts at every edge of overlapping ranges and lists the ranges covering each piece", () => {
    expect(
      covered("Sheng Shicai ruled", 10, [
        { start: 10, end: 22, id: "note" },
        { start: 16, end: 28, id: "evidence" },
      ]),
    ).toBe("[Sheng :note][Shicai:note+evidence][ ruled:evidence]");
  });

  it("clips ranges to the text, ignores empty ones and ones outside, and rebuilds the text", () => {
    const text = "Ahmetjan 👩🏽‍🏫 Qasimi";
    const pieces = coverText(text, 5, [
      { start: 0, end: 8, id: "a" },
      { start: 9, end: 9, id: "empty" },
      { start: 100, end: 110, id: "outside" },
    ]);
    expect(pieces.map((p) => p.text).join("")).toBe(text);
    expect(pieces.map((p) => [p.start, p.ranges.map((r) => r.id)])).toEqual([
      [5, ["a"]],
      [8, []],
    ]);
    expect(coverText("Plain.", 0, [])).toEqual([{ text: "Plain.", start: 0, ranges: [] }]);
  });
});

describe("rangesByPassage", () => {
  const passages = [
    { id: "p1", start: 0, end: 10 },
    { id: "p2", start: 12, end: 20 },
    { id: "p3", start: 22, end: 30 },
  ];

  it("gives each passage the ranges overlapping it, one across passages to each", () => {
    const byPassage = rangesByPassage(passages, [
      { start: 2, end: 4, id: "a" },
      { start: 8, end: 14, id: "across" },
      { start: 25, end: 30, id: "c" },
      { start: 10, end: 12, id: "gap" },
      { start: 15, end: 15, id: "empty" },
    ]);
    expect(Object.fromEntries([...byPassage].map(([id, ranges]) => [id, ranges.map((r) => r.id)]))).toEqual({
      p1: ["a", "across"],
      p2: ["across"],
      p3: ["c"],
    });
  });
});

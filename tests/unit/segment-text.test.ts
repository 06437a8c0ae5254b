import { describe, expect, it } from "vitest";
import { segmentText } from "@/lib/text-model/segment-text";

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

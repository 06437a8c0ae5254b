import { describe, expect, it } from "vitest";
import { extractNumbers, parseNumberWords } from "@/lib/search/extract-numbers";

const values = (text: string) => extractNumbers(text).map((n) => n.value);

describe("extractNumbers", () => {
  it("reads figures with thousands separators, spaces and ordinal suffixes", () => {
    expect(values("a total of 40,000 active duty troops")).toEqual([40000]);
    expect(values("some 40 000 troops")).toEqual([40000]);
    expect(values("the 12th of the month and the 22nd Corps")).toEqual([12, 22]);
    expect(values("downsized to roughly 12,000 active troops")).toEqual([12000]);
  });

  it("reads numbers written in words, hyphenated or not", () => {
    expect(values("forty thousand soldiers")).toEqual([40000]);
    expect(values("with forty-two airplanes")).toEqual([42]);
    expect(values("some two hundred thousand or more")).toEqual([200000]);
    expect(values("two hundred and five men")).toEqual([205]);
    expect(values("the twelfth of November")).toEqual([12]);
    expect(values("eleven leaders and twenty thousand reservists")).toEqual([11, 20000]);
    expect(values("a one-thousand-dollar banknote")).toEqual([1000]);
  });

  it("normalises every way of writing the same number to one value", () => {
    for (const text of ["40,000", "forty thousand", "40 000", "Forty Thousand", "40000"]) expect(values(text)).toEqual([40000]);
    expect(values("12th")).toEqual(values("twelfth"));
  });

  it("reads scale words after figures and currency or percent signs", () => {
    expect(values("a $300 million low interest loan")).toEqual([300_000_000]);
    expect(values("$1000 East Turkistan Dollar Note")).toEqual([1000]);
    expect(values("to 30% of the population")).toEqual([30]);
    expect(values("1.5 million people")).toEqual([1_500_000]);
  });

  it("leaves out words that are rarely numbers alone, and figures inside other words", () => {
    expect(values("one of the first leaders, a second time")).toEqual([]);
    expect(values("a Il-12P airplane")).toEqual([]);
    expect(values("one hundred")).toEqual([100]);
  });

  it("gives offsets that slice the number out of the text", () => {
    const text = "By 1946 there were forty thousand soldiers";
    for (const n of extractNumbers(text)) expect(text.slice(n.start, n.end)).toMatch(/^(1946|forty thousand)$/);
    expect(extractNumbers(text).map((n) => n.words)).toEqual([false, true]);
  });
});

describe("parseNumberWords", () => {
  it("parses well-formed runs and rejects ill-formed ones", () => {
    expect(parseNumberWords("ninety-nine")).toEqual({ value: 99, ordinal: false });
    expect(parseNumberWords("twenty-first")).toEqual({ value: 21, ordinal: true });
    expect(parseNumberWords("three million two hundred thousand")).toEqual({ value: 3_200_000, ordinal: false });
    expect(parseNumberWords("one two")).toBeNull();
    expect(parseNumberWords("twenty thirty")).toBeNull();
    expect(parseNumberWords("banana")).toBeNull();
  });
});

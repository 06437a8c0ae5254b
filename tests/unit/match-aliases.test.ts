import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matchAliases, type AliasEntry } from "@/lib/entities/match-aliases";

const entries: AliasEntry[] = [
  { entityId: "sheng-shicai", names: ["Sheng Shicai", "Sheng"] },
  { entityId: "roc", names: ["Republic of China", "Nationalist China"] },
  { entityId: "prc", names: ["People’s Republic of China", "PRC"] },
  { entityId: "east-turkistan", names: ["East Turkistan"] },
  { entityId: "etr", names: ["East Turkistan Republic", "ETR"] },
];

const found = (text: string, list = entries, options = {}) =>
  matchAliases(text, list, options).map((m) => [m.entityId, m.exact, m.start, m.end]);

describe("matchAliases", () => {
  it("finds every occurrence of a name with UTF-16 offsets", () => {
    const text = "Sheng ruled. Later Sheng fled.";
    expect(found(text)).toEqual([
      ["sheng-shicai", "Sheng", 0, 5],
      ["sheng-shicai", "Sheng", 19, 24],
    ]);
  });

  it("lets the longest name win where several start at the same place", () => {
    expect(found("the warlord Sheng Shicai ruled")).toEqual([["sheng-shicai", "Sheng Shicai", 12, 24]]);
    expect(found("the East Turkistan Republic in East Turkistan")).toEqual([
      ["etr", "East Turkistan Republic", 4, 27],
      ["east-turkistan", "East Turkistan", 31, 45],
    ]);
  });

  it("never lets matches overlap: the longer name inside a still longer one is not matched again", () => {
    expect(found("the People’s Republic of China and the Republic of China")).toEqual([
      ["prc", "People’s Republic of China", 4, 30],
      ["roc", "Republic of China", 39, 56],
    ]);
  });

  it("matches whole words only, but allows possessives and punctuation around a name", () => {
    expect(found("Shengli and Shenghai are not Sheng")).toEqual([["sheng-shicai", "Sheng", 29, 34]]);
    expect(found("Sheng’s rule (Sheng), “Sheng.”")).toEqual([
      ["sheng-shicai", "Sheng", 0, 5],
      ["sheng-shicai", "Sheng", 14, 19],
      ["sheng-shicai", "Sheng", 23, 28],
    ]);
    expect(found("PRCs and xPRC but PRC")).toEqual([["prc", "PRC", 18, 21]]);
  });

  it("treats letters of any script and combining marks as part of a word", () => {
    const list = [{ entityId: "ghulja", names: ["Ghulja"] }];
    expect(found("Ghuljaé Ghulja\u0301 Ghulja", list)).toEqual([["ghulja", "Ghulja", 16, 22]]);
    expect(found("شەرقىي تۈركىستان", [{ entityId: "et", names: ["تۈركىستان"] }])).toEqual([["et", "تۈركىستان", 7, 16]]);
  });

  it("is case-sensitive unless asked otherwise", () => {
    expect(found("sheng and SHENG")).toEqual([]);
    expect(found("sheng and SHENG", entries, { ignoreCase: true })).toEqual([
      ["sheng-shicai", "sheng", 0, 5],
      ["sheng-shicai", "SHENG", 10, 15],
    ]);
  });

  it("matches a name across any run of white space", () => {
    expect(found("Sheng \n Shicai")).toEqual([["sheng-shicai", "Sheng \n Shicai", 0, 14]]);
  });

  it("treats regular-expression characters in names literally", () => {
    const list = [{ entityId: "res", names: ["Resolution No. 24", "C++ (draft)"] }];
    expect(found("Resolution No. 24 and Resolution No 24, C++ (draft)", list)).toEqual([
      ["res", "Resolution No. 24", 0, 17],
      ["res", "C++ (draft)", 40, 51],
    ]);
  });

  it("gives a name listed for two entities to the first", () => {
    const list = [
      { entityId: "a", names: ["Batur"] },
      { entityId: "b", names: ["Batur"] },
    ];
    expect(found("Batur", list)).toEqual([["a", "Batur", 0, 5]]);
  });

  it("returns nothing for no names", () => {
    expect(matchAliases("text", [])).toEqual([]);
    expect(matchAliases("text", [{ entityId: "x", names: ["", "  "] }])).toEqual([]);
  });

  it("always returns ordered, non-overlapping, whole-word matches of listed names (property)", () => {
    const word = fc.constantFrom(
      "Sheng",
      "Shicai",
      "East",
      "Turkistan",
      "Republic",
      "of",
      "China",
      "PRC",
      "ETR",
      "the",
      "x",
      "’s",
      ",",
      "(",
      ")",
    );
    const textArb = fc
      .array(word, { maxLength: 40 })
      .chain((words) =>
        fc.tuple(fc.constant(words), fc.array(fc.constantFrom(" ", "  ", "\n", ""), { minLength: words.length, maxLength: words.length })),
      );
    fc.assert(
      fc.property(textArb, ([words, gaps]) => {
        const text = words.map((w, i) => w + gaps[i]).join("");
        const matches = matchAliases(text, entries);
        const names = new Set(entries.flatMap((e) => e.names));
        let last = -1;
        for (const m of matches) {
          expect(m.start).toBeGreaterThanOrEqual(last);
          expect(text.slice(m.start, m.end)).toBe(m.exact);
          expect(names.has(m.exact.replace(/\s+/g, " "))).toBe(true);
          expect(/[\p{L}\p{N}\p{M}]/u.test(text[m.start - 1] ?? "")).toBe(false);
          expect(/[\p{L}\p{N}\p{M}]/u.test(text[m.end] ?? "")).toBe(false);
          last = m.end;
        }
      }),
      { numRuns: 300 },
    );
  });
});

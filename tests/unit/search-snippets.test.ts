import { describe, expect, it } from "vitest";
import { fuzzySnippet } from "@/lib/search/fuzzy-snippet";
import { HEADLINE_START as S, HEADLINE_STOP as E, headlineSegments } from "@/lib/search/headline-segments";
import { parseSearchQuery } from "@/lib/search/parse-search-query";
import { trigramSimilarity } from "@/lib/search/trigram-similarity";

const show = (segments: Array<{ text: string; match: boolean }>) => segments.map((s) => (s.match ? `[${s.text}]` : s.text)).join("");

describe("parseSearchQuery", () => {
  it("requires every word but the last, which matches as a prefix", () => {
    expect(parseSearchQuery("Osman Bat")).toEqual({ words: ["Osman", "Bat"], head: "'osman'", last: "'bat':*" });
    expect(parseSearchQuery("  Ghulj ")).toEqual({ words: ["Ghulj"], head: "", last: "'ghulj':*" });
  });

  it("lets no query syntax through", () => {
    expect(parseSearchQuery("a' | b:* & !c")).toEqual({ words: ["a", "b", "c"], head: "'a' & 'b'", last: "'c':*" });
    expect(parseSearchQuery("!!! ?")).toEqual({ words: [], head: "", last: "" });
    expect(parseSearchQuery("Türkistan").words).toEqual(["Türkistan"]);
  });
});

describe("headlineSegments", () => {
  it("splits a marked headline into segments", () => {
    expect(headlineSegments(`the city of ${S}Ghulja${E} fell`)).toEqual([
      { text: "the city of ", match: false },
      { text: "Ghulja", match: true },
      { text: " fell", match: false },
    ]);
  });

  it("adds an ellipsis where the fragment is cut from the whole text", () => {
    const full = "It began. Then the city of Ghulja fell to the rebels in November.";
    expect(show(headlineSegments(`the city of ${S}Ghulja${E} fell`, full))).toBe("… the city of [Ghulja] fell …");
    expect(show(headlineSegments(full.replace("Ghulja", `${S}Ghulja${E}`), full))).toBe(
      "It began. Then the city of [Ghulja] fell to the rebels in November.",
    );
  });

  it("keeps markup as text, never as HTML", () => {
    expect(headlineSegments(`<b>${S}x${E}</b>`)).toEqual([
      { text: "<b>", match: false },
      { text: "x", match: true },
      { text: "</b>", match: false },
    ]);
  });
});

describe("trigramSimilarity", () => {
  it("computes pg_trgm's similarity of two words", () => {
    expect(trigramSimilarity("Qasimy", "Qasimi")).toBeCloseTo(5 / 9, 5);
    expect(trigramSimilarity("Ghulja", "ghulja")).toBe(1);
    expect(trigramSimilarity("Ghulja", "Moscow")).toBe(0);
  });
});

describe("fuzzySnippet", () => {
  it("marks the words a misspelt query resembles", () => {
    expect(show(fuzzySnippet("President Ahmetjan Qasimi and Ahmatjan Qasimi", ["Qasimy"]))).toBe(
      "President Ahmetjan [Qasimi] and Ahmatjan [Qasimi]",
    );
  });

  it("marks words that start with the query", () => {
    expect(show(fuzzySnippet("rebels captured Ghulja", ["ghulj"]))).toBe("rebels captured [Ghulja]");
  });

  it("cuts a window around the first match", () => {
    const text = `${"word ".repeat(40)}Qasimi said ${"more ".repeat(40)}end.`;
    const snippet = show(fuzzySnippet(text, ["Qasimy"], { maxWords: 10 }));
    expect(snippet.startsWith("… ")).toBe(true);
    expect(snippet.endsWith(" …")).toBe(true);
    expect(snippet).toContain("[Qasimi] said");
    expect(snippet.split(/\s+/).filter((w) => /\w/.test(w)).length).toBe(10);
  });

  it("shows the start of the text, unmarked, when nothing matches", () => {
    expect(fuzzySnippet("Nothing to see.", ["zebra"])).toEqual([{ text: "Nothing to see.", match: false }]);
  });
});

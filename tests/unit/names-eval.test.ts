import { describe, expect, it } from "vitest";
import { ENTITY_KINDS } from "@/lib/entities/entity-kinds";
import { capitalisedRuns, loadSeedSet, loadWrittenSet, measureGrouping, parseLabelled, scoreSet } from "@/scripts/names-eval";

describe("the labelled sets of npm run bench:names", () => {
  it("reads a mark as its text, with offsets into the text without marks", () => {
    const doc = parseLabelled("Consul [[Pemberton|person|arthur-pemberton]] rode to [[Yengi Hissar|place|yengisar]].");
    expect(doc.text).toBe("Consul Pemberton rode to Yengi Hissar.");
    expect(doc.labels).toEqual([
      { start: 7, end: 16, exact: "Pemberton", kind: "person", entityId: "arthur-pemberton" },
      { start: 25, end: 37, exact: "Yengi Hissar", kind: "place", entityId: "yengisar" },
    ]);
  });

  it("refuses a mark without a known kind, an id that is not kebab-case, and a stray bracket", () => {
    expect(() => parseLabelled("[[Kashgar|city|kashgar]]", "x.md")).toThrow(/x\.md: "\[\[Kashgar\|city\|kashgar\]\]" has no kind/);
    expect(() => parseLabelled("[[Kashgar|place|Kashgar Town]]", "x.md")).toThrow(/kebab-case/);
    expect(() => parseLabelled("[[Kashgar|place]] and more", "x.md")).toThrow(/does not read as/);
  });

  it("loads every written text and the seed cut into six documents, each label's offsets on its words and with a kind", () => {
    const written = loadWrittenSet();
    const seed = loadSeedSet().documents;
    expect(written.length).toBeGreaterThanOrEqual(8);
    expect(seed).toHaveLength(6);
    for (const doc of [...written, ...seed]) {
      expect(doc.labels.length).toBeGreaterThan(0);
      for (const label of doc.labels) {
        expect(doc.text.slice(label.start, label.end)).toBe(label.exact);
        expect(ENTITY_KINDS).toContain(label.kind);
        expect(label.entityId).not.toBe("");
      }
    }
    for (const doc of written) {
      const words = doc.text.split(/\s+/).length;
      expect(words, doc.name).toBeGreaterThanOrEqual(150);
      expect(words, doc.name).toBeLessThanOrEqual(600);
    }
    // The seed's 646 curated mentions all fall inside one of its six documents.
    expect(seed.reduce((n, d) => n + d.labels.length, 0)).toBe(646);
  });
});

describe("scoring", () => {
  const labels = [
    { start: 0, end: 5, exact: "Sheng", kind: "person" as const, entityId: "sheng" },
    { start: 10, end: 17, exact: "Kashgar", kind: "place" as const, entityId: "kashgar" },
    { start: 20, end: 30, exact: "Ili Valley", kind: "place" as const, entityId: "ili" },
  ];

  it("counts exact spans, overlapping spans one to one, and kinds over the exact matches", () => {
    const predictions = [
      { start: 0, end: 5, kind: "place" as const }, // exact, wrong kind
      { start: 10, end: 17, kind: "place" as const }, // exact, right kind
      { start: 20, end: 23, kind: "place" as const }, // overlaps "Ili Valley"
      { start: 24, end: 30, kind: "place" as const }, // overlaps it too, but it is taken
      { start: 40, end: 45, kind: "person" as const }, // no label
    ];
    const scores = scoreSet([{ labels, predictions }]);
    expect(scores.exact).toMatchObject({ truePositives: 2, falsePositives: 3, falseNegatives: 1, precision: 2 / 5, recall: 2 / 3 });
    expect(scores.exact.f1).toBeCloseTo((2 * (2 / 5) * (2 / 3)) / (2 / 5 + 2 / 3));
    expect(scores.overlap).toMatchObject({ truePositives: 3, falsePositives: 2, falseNegatives: 0, recall: 1 });
    expect(scores.kindAccuracy).toBe(1 / 2);
  });

  it("gives no kind accuracy to a method without kinds, and zeros rather than NaN for nothing found", () => {
    const scores = scoreSet([{ labels, predictions: [] }]);
    expect(scores.exact).toMatchObject({ truePositives: 0, precision: 0, recall: 0, f1: 0 });
    expect(scores.kindAccuracy).toBeNull();
  });

  it("the capitalised-words baseline takes maximal runs and leaves out a sentence's first word", () => {
    const text = "The Ili Valley lies west. Sheng met Consul Pemberton in Kashgar.";
    expect(capitalisedRuns(text).map((p) => text.slice(p.start, p.end))).toEqual(["Ili Valley", "Consul Pemberton", "Kashgar"]);
  });

  it("grouping counts variant pairs of one entity that share a key, and keys that different entities share", () => {
    const doc = parseLabelled(
      "[[Tursun Qadirov|person|tq]], [[Tursun Kadyrov|person|tq]], [[Tursun|person|tq]], [[Chang Fu-hsing|person|zf]], [[Zhang Fuxing|person|zf]], [[Kashgar|place|k]], [[Qashqar|place|k2]]",
    );
    const grouping = measureGrouping([doc]);
    expect(grouping.variantPairs).toBe(2);
    expect(grouping.variantPairsJoined).toBe(2);
    expect(grouping.collidingKeys).toBe(1);
    expect(grouping.collidingEntityPairs).toBe(1);
  });
});

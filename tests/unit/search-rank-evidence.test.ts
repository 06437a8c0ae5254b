import { describe, expect, it } from "vitest";
import { DEFAULT_EVIDENCE_WEIGHTS, rankEvidence, type EvidenceCandidate } from "@/lib/search/rank-evidence";

const passage = (id: string, words: string, extra: Partial<EvidenceCandidate> = {}): EvidenceCandidate => {
  const lexemes: Record<string, number> = {};
  for (const w of words.split(/\s+/).filter(Boolean)) lexemes[w] = (lexemes[w] ?? 0) + 1;
  return { id, kind: "paragraph", lexemes, facts: [], entities: [], coverDensity: 0, trigram: 0, ...extra };
};

// A small document: filler passages make "army" common and "parad" rare.
const filler = Array.from({ length: 8 }, (_, i) => passage(`f${i}`, `army soldier east republ govern ${"word ".repeat(i)}`));

describe("rankEvidence", () => {
  it("prefers passages that share the claim's rarer words", () => {
    const ranked = rankEvidence({ lexemes: ["army", "parad"], facts: [], entities: [] }, [
      ...filler,
      passage("target", "army parad found proclaim east"),
    ]);
    expect(ranked[0].id).toBe("target");
    expect(ranked[0].score).toBeGreaterThan(ranked[1].score);
    expect(ranked[0].parts.words).toBeGreaterThan(0);
  });

  it("lets a matching number or date outweigh a common word", () => {
    const ranked = rankEvidence({ lexemes: ["army", "soldier"], facts: ["n:40000"], entities: [] }, [
      ...filler,
      passage("numbers", "troop activ duti", { facts: ["n:40000", "y:1946"] }),
    ]);
    expect(ranked[0].id).toBe("numbers");
    expect(ranked[0].parts.facts).toBeGreaterThan(0);
  });

  it("counts shared entities", () => {
    const ranked = rankEvidence({ lexemes: [], facts: [], entities: ["ghulja"] }, [
      ...filler,
      passage("city", "citi", { entities: ["ghulja"] }),
    ]);
    expect(ranked[0].id).toBe("city");
    expect(ranked[0].parts.entities).toBeGreaterThan(0);
  });

  it("keeps a heading or a two-word caption from outranking a passage that states the claim", () => {
    const query = { lexemes: ["soviet", "pressur", "stop"], facts: [], entities: [] };
    const candidates = [
      ...filler,
      passage("heading", "soviet pressur", { kind: "heading" }),
      passage("statement", "soviet advis sudden pressur leadership halt offens captur mana river"),
    ];
    const ranked = rankEvidence(query, candidates);
    expect(ranked[0].id).toBe("statement");
    // Without the damping the heading would win.
    const undamped = rankEvidence(query, candidates, { ...DEFAULT_EVIDENCE_WEIGHTS, heading: 1, shortLength: 0 });
    expect(undamped[0].id).toBe("heading");
  });

  it("adds cover density and trigram similarity, and keeps scores within [0, 1]", () => {
    const a = passage("a", "treati sign", { coverDensity: 0.5 });
    const b = passage("b", "treati sign", { trigram: 0.9 });
    const c = passage("c", "treati sign");
    const ranked = rankEvidence({ lexemes: ["treati", "sign"], facts: [], entities: [] }, [...filler, c, a, b]);
    expect(ranked.slice(0, 3).map((r) => r.id)).toEqual(["a", "b", "c"]);
    for (const r of ranked) {
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(1);
    }
  });

  it("keeps the input order on ties and returns nothing for no candidates", () => {
    const ranked = rankEvidence({ lexemes: ["nothing"], facts: [], entities: [] }, filler);
    expect(ranked.map((r) => r.id)).toEqual(filler.map((f) => f.id));
    expect(ranked.every((r) => r.score === 0)).toBe(true);
    expect(rankEvidence({ lexemes: ["x"], facts: [], entities: [] }, [])).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { matchQuote, reanchorByQuote } from "@/lib/anchoring/baseline";
import type { TextRange } from "@/lib/text-model/text-range";
import { quoteContext } from "@/lib/text-model/quote-context";

const anchorOn = (text: string, quote: string, from = 0): TextRange => {
  const start = text.indexOf(quote, from);
  return { start, end: start + quote.length, ...quoteContext(text, start, start + quote.length) };
};

const OLD =
  "Kazakhs in Altay rebelled in 1941. The three regions of Ili, Targabatay, and Altay stayed with the Republic. " +
  "Ahmatjan Qasimi led the delegation; later Ahmatjan Qasimi was President.";

describe("the quote-only baseline (Hypothesis's match-quote)", () => {
  it("takes the exact occurrence whose prefix and suffix agree, then the nearest among equals", () => {
    const text = "Ili one. Ili two. Ili one.";
    expect(matchQuote(text, "Ili", { prefix: "", suffix: " two." })?.start).toBe(9);
    expect(matchQuote(text, "Ili", { prefix: "two. ", suffix: " one.", hint: 0 })?.start).toBe(18);
    expect(matchQuote(text, "Ili", { hint: 20 })?.start).toBe(18);
    expect(matchQuote(text, "")).toBeNull();
  });

  it("falls back to the closest approximate matches, with up to half the quote's length in edits", () => {
    const match = matchQuote("the regions of Ili, Tarbagatay, and Altay", "Targabatay");
    expect(match).toMatchObject({ start: 20, end: 30, errors: 2 });
    expect(matchQuote("nothing alike here", "Targabatay")).toBeNull();
  });

  it("follows a quote that moved, and keeps one whose words stayed, in the shape reanchor returns", () => {
    const anchors = [anchorOn(OLD, "Ili"), anchorOn(OLD, "Kazakhs")];
    const moved = "A new first sentence. " + OLD;
    const [ili, kazakhs] = reanchorByQuote(moved, anchors);
    expect(ili).toMatchObject({ state: "moved", method: "quote", start: anchors[0].start + 22, exact: "Ili", quoteSimilarity: 1 });
    expect(ili).toMatchObject(quoteContext(moved, ili.start, ili.end));
    expect(kazakhs).toMatchObject({ state: "moved", start: 22 });
    expect(reanchorByQuote(OLD, anchors)[1]).toMatchObject({ state: "exact", start: 0, exact: "Kazakhs" });
  });

  it("in the best mode lands a respelled name on the old spelling elsewhere; thresholded, the context refuses it", () => {
    // The first "Ahmatjan Qasimi" corrected to "Ahmetjan Qasimi": the exact occurrence left wins.
    const newText = OLD.replace("Ahmatjan Qasimi led", "Ahmetjan Qasimi led");
    const anchor = anchorOn(OLD, "Ahmatjan Qasimi");
    const [best] = reanchorByQuote(newText, [anchor], "best");
    expect(best).toMatchObject({ state: "moved", exact: "Ahmatjan Qasimi", start: OLD.lastIndexOf("Ahmatjan Qasimi") });
    expect(reanchorByQuote(newText, [anchor], "thresholded")[0]).toMatchObject({ state: "orphaned", start: anchor.start, method: "none" });
    // A sentence deleted, its "Altay" with it: the best mode takes the "Altay" of another sentence.
    const deleted = OLD.replace("The three regions of Ili, Targabatay, and Altay stayed with the Republic. ", "");
    const altay = anchorOn(OLD, "Altay", 40);
    expect(reanchorByQuote(deleted, [altay], "best")[0]).toMatchObject({ state: "moved", exact: "Altay", start: 11 });
    expect(reanchorByQuote(deleted, [altay], "thresholded")[0]).toMatchObject({ state: "orphaned", start: altay.start, exact: "Altay" });
  });

  it("accepts a fuzzy match in the thresholded mode only at quote similarity 0.8 and context 0.5", () => {
    const anchor = anchorOn(OLD, "Targabatay");
    const twoEdits = OLD.replace("Targabatay", "Tarbagatay");
    expect(reanchorByQuote(twoEdits, [anchor], "thresholded")[0]).toMatchObject({
      state: "fuzzy",
      exact: "Tarbagatay",
      quoteSimilarity: 0.8,
    });
    const threeEdits = OLD.replace("Targabatay", "Tarbagatai");
    expect(reanchorByQuote(threeEdits, [anchor], "best")[0]).toMatchObject({ state: "fuzzy", exact: "Tarbagatai" });
    expect(reanchorByQuote(threeEdits, [anchor], "thresholded")[0].state).toBe("orphaned");
  });
});

import { describe, expect, it } from "vitest";
import { anchorQuote, QUOTE_NOT_FOUND } from "@/lib/anchoring/anchor-quote";
import { STATUS_OF } from "@/lib/api/errors";
import { prepareImportItem as prepare } from "@/lib/annotations/import-annotations";
import { DomainError } from "@/lib/errors";
import { importItems, parseImportItem } from "@/lib/w3c/collection";

const ANNO = "http://www.w3.org/ns/anno.jsonld";
const TEXT = "The river crossed the valley.\n\nThe river was cold. A river ran by the town; the river was cold again.";

const note = (exact: string, extra: Record<string, unknown> = {}, selectorExtra: Record<string, unknown> = {}) => ({
  "@context": ANNO,
  id: "http://elsewhere.test/api/annotations/old-1",
  type: "Annotation",
  motivation: "commenting",
  body: { type: "TextualBody", value: "A note.", format: "text/plain" },
  target: {
    source: "http://elsewhere.test/documents/other",
    selector: [{ type: "TextQuoteSelector", exact, ...selectorExtra }],
  },
  ...extra,
});

const badRequest = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return STATUS_OF[(error as DomainError).code];
  }
  throw new Error("did not throw");
};

/** An item of an import body (at `index`) as the import reads it and anchors it in `text`. */
const prepareImportItem = (item: unknown, index: number, text: string) => prepare(parseImportItem(item, index), text);

describe("importItems", () => {
  it("takes an array, a collection's items or first.items, and a page's items", () => {
    expect(importItems([1, 2])).toEqual([1, 2]);
    expect(importItems({ type: "AnnotationCollection", items: [{ "@context": ANNO }] })).toHaveLength(1);
    expect(
      importItems({ type: ["BasicContainer", "AnnotationCollection"], first: { type: "AnnotationPage", items: [1, 2, 3] } }),
    ).toHaveLength(3);
    expect(importItems({ type: "AnnotationPage", items: [] })).toEqual([]);
  });

  it("gives items of a collection with the annotation context that context when they carry none", () => {
    const [item] = importItems({ "@context": ANNO, type: "AnnotationCollection", first: { items: [{ type: "Annotation" }] } });
    expect(item).toEqual({ "@context": ANNO, type: "Annotation" });
    const [bare] = importItems([{ type: "Annotation" }]);
    expect(bare).toEqual({ type: "Annotation" });
  });

  it.each([
    ["a string", "text"],
    ["null", null],
    ["an annotation", { type: "Annotation" }],
    ["a collection without inline items", { type: "AnnotationCollection", first: "http://x.test/page0" }],
    ["a page without items", { type: "AnnotationPage" }],
  ])("refuses %s whole with 400", (_name, body) => {
    expect(badRequest(() => importItems(body))).toBe(400);
  });
});

describe("anchorQuote", () => {
  it("finds a quote that occurs once", () => {
    const start = TEXT.indexOf("valley");
    expect(anchorQuote(TEXT, { exact: "valley" })).toEqual({ start, end: start + 6 });
  });

  it("says the quote is not found when the text lacks it", () => {
    expect(anchorQuote(TEXT, { exact: "mountain" })).toEqual({ reason: QUOTE_NOT_FOUND });
  });

  it("chooses among several occurrences by prefix and suffix", () => {
    const second = TEXT.indexOf("river was cold again");
    expect(anchorQuote(TEXT, { exact: "river", prefix: "town; the ", suffix: " was cold" })).toEqual({ start: second, end: second + 5 });
    const first = TEXT.indexOf("river");
    expect(anchorQuote(TEXT, { exact: "river", prefix: "The ", suffix: " crossed" })).toEqual({ start: first, end: first + 5 });
  });

  it("prefers the longest agreement when the context no longer matches exactly", () => {
    const third = TEXT.indexOf("river ran");
    expect(anchorQuote(TEXT, { exact: "river", prefix: "Once a ", suffix: " ran past" })).toEqual({ start: third, end: third + 5 });
  });

  it("uses the position only to break a tie, and reports a tie it cannot break", () => {
    const occurrences = [...TEXT.matchAll(/river/g)].map((m) => m.index!);
    expect(anchorQuote(TEXT, { exact: "river" }, { start: occurrences[2] + 3 })).toEqual({
      start: occurrences[2],
      end: occurrences[2] + 5,
    });
    expect(anchorQuote(TEXT, { exact: "river", prefix: "The ", suffix: " crossed" }, { start: occurrences[3] })).toEqual({
      start: occurrences[0],
      end: occurrences[0] + 5,
    });
    expect(anchorQuote(TEXT, { exact: "river" })).toEqual({ reason: expect.stringContaining("occurs 4 times") });
  });
});

describe("prepareImportItem", () => {
  it("validates, anchors by quote, and targets the range found without the old source", () => {
    const prepared = prepareImportItem(note("valley", {}, { prefix: "crossed the ", suffix: "." }), 0, TEXT);
    const start = TEXT.indexOf("valley");
    expect(prepared).toEqual({
      draft: expect.objectContaining({
        motivation: "commenting",
        visibility: "public",
        bodies: [{ type: "TextualBody", value: "A note.", format: "text/plain" }],
        target: {
          quote: { exact: "valley" },
          position: { start, end: start + 6 },
        },
      }),
    });
  });

  it("keeps the visibility the item asks for", () => {
    const prepared = prepareImportItem(note("valley", { visibility: "private" }), 0, TEXT);
    expect("draft" in prepared && prepared.draft.visibility).toBe("private");
  });

  it("reports a missing quote with its index, id and quote", () => {
    expect(prepareImportItem(note("mountain"), 7, TEXT)).toEqual({
      failure: { index: 7, id: "http://elsewhere.test/api/annotations/old-1", exact: "mountain", reason: QUOTE_NOT_FOUND },
    });
  });

  it("reports what the create schema refuses", () => {
    const unknownKey = prepareImportItem(note("valley", { claim: "http://x.test/claim" }), 1, TEXT);
    expect(unknownKey).toEqual({
      failure: expect.objectContaining({ index: 1, exact: "valley", reason: expect.stringContaining("claim") }),
    });
    const noBody = prepareImportItem(note("valley", { body: undefined }), 2, TEXT);
    expect(noBody).toEqual({ failure: expect.objectContaining({ index: 2, reason: expect.stringContaining("TextualBody") }) });
    expect(prepareImportItem(42, 3, TEXT)).toEqual({ failure: { index: 3, reason: expect.any(String) } });
  });

  it("needs a quote: a position alone is only a hint", () => {
    const item = { ...note("valley"), target: { selector: { type: "TextPositionSelector", start: 0, end: 3 } } };
    expect(prepareImportItem(item, 0, TEXT)).toEqual({
      failure: expect.objectContaining({ reason: expect.stringContaining("TextQuoteSelector") }),
    });
  });
});

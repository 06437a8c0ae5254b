import { describe, expect, it } from "vitest";
import { parseQuoteLink, quotePermalink } from "@/lib/citations/quote-link";
import { resolveQuote } from "@/lib/citations/resolve-quote";
import { quoteContext } from "@/lib/text-model/quote-context";

const text = "In 1944 the army rose at Ghulja. In 1945 the army marched south. In 1946 the army stopped.";
const at = (needle: string, from = 0) => text.indexOf(needle, from);

describe("resolving a permalink's quote against the current text", () => {
  it("keeps the old position when the quote is still there", () => {
    const start = at("the army marched");
    expect(resolveQuote(text, { exact: "the army marched", start, end: start + 16 })).toEqual({ state: "exact", start, end: start + 16 });
  });

  it("finds a quote that moved, by its exact words", () => {
    const start = at("Ghulja");
    const edited = `A new opening sentence. ${text}`;
    const resolved = resolveQuote(edited, { exact: "Ghulja", start, end: start + 6 });
    expect(resolved).toEqual({ state: "moved", start: start + 24, end: start + 30 });
  });

  it("tells repeated words apart by their prefix and suffix", () => {
    const second = at("the army", at("1945"));
    const selector = { ...quoteContext(text, second, second + 8), start: 0, end: 8 };
    expect(resolveQuote(text, selector)).toEqual({ state: "moved", start: second, end: second + 8 });
  });

  it("takes the occurrence nearest the old position when the context does not decide", () => {
    const third = at("the army", at("1946"));
    expect(resolveQuote(text, { exact: "the army", start: third + 3 })).toEqual({ state: "moved", start: third, end: third + 8 });
  });

  it("reports a quote whose words are gone, and never lands on other words", () => {
    expect(resolveQuote(text, { exact: "the army retreated", start: at("the army stopped") })).toEqual({ state: "gone" });
    // A near miss is still gone: no fuzzy matching.
    expect(resolveQuote(text, { exact: "the armies marched" })).toEqual({ state: "gone" });
    expect(resolveQuote(text, { exact: "" })).toEqual({ state: "gone" });
  });

  it("does not trust a position whose words changed", () => {
    const start = at("the army marched");
    const edited = text.replace("the army marched", "the army waited");
    expect(resolveQuote(edited, { exact: "the army marched", start, end: start + 16 })).toEqual({ state: "gone" });
  });
});

describe("quote permalinks", () => {
  it("carries the selector in the query and the passage as the fragment", () => {
    const url = quotePermalink(
      "https://gloss.example/documents/x",
      { exact: "a, b & c–d", prefix: "x ", suffix: " y", start: 3, end: 13 },
      "p-1",
    );
    expect(url).toBe("https://gloss.example/documents/x?quote=a%2C%20b%20%26%20c%E2%80%93d&prefix=x%20&suffix=%20y&start=3&end=13#p-1");
    const params = Object.fromEntries(new URL(url).searchParams);
    expect(parseQuoteLink(params)).toEqual({ exact: "a, b & c–d", prefix: "x ", suffix: " y", start: 3, end: 13 });
  });

  it("reads a literal plus sign as a plus sign", () => {
    const url = quotePermalink("https://g/d", { exact: "1+1 = 2" });
    expect(new URL(url).searchParams.get("quote")).toBe("1+1 = 2");
  });

  it("ignores a malformed quote link", () => {
    expect(parseQuoteLink({})).toBeNull();
    expect(parseQuoteLink({ quote: "" })).toBeNull();
    expect(parseQuoteLink({ quote: "x", start: "-4" })).toBeNull();
    expect(parseQuoteLink({ quote: "x".repeat(5000) })).toBeNull();
    expect(parseQuoteLink({ quote: ["first", "second"] })).toEqual({ exact: "first" });
  });
});

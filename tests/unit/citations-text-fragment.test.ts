import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  buildTextDirective,
  encodeFragmentTerm,
  findTextDirective,
  parseTextDirectives,
  serializeTextDirective,
} from "@/lib/citations/text-fragment";
import { parseDocument } from "@/lib/text-model/parse-document";

const FILE = "second-east-turkistan-republic.md";
const edition = parseDocument(readFileSync(path.resolve(__dirname, "../../content", FILE), "utf8"), FILE);

/** Builds a directive for `[start, end)`, writes it into a URL, reads it back and finds it again. */
function roundTrip(text: string, start: number, end: number, before: string[] = []) {
  const built = buildTextDirective(text, start, end, before);
  const url = `https://example.org/documents/x#:~:${built.encoded}`;
  const [parsed] = parseTextDirectives(url);
  const preamble = before.length > 0 ? `${before.join("\n\n")}\n\n` : "";
  const found = findTextDirective(preamble + text, parsed);
  return { built, parsed, found: found && { start: found.start - preamble.length, end: found.end - preamble.length } };
}

describe("percent-encoding the terms of a text fragment", () => {
  it("encodes the characters the syntax uses: comma, dash and ampersand", () => {
    expect(encodeFragmentTerm("1944-1949, & after")).toBe("1944%2D1949%2C%20%26%20after");
  });

  it("encodes non-ASCII as UTF-8, en dashes and curly quotes included", () => {
    expect(encodeFragmentTerm("Türkistan")).toBe("T%C3%BCrkistan");
    expect(encodeFragmentTerm("1944–1949")).toBe("1944%E2%80%931949");
    expect(encodeFragmentTerm("“Ili”")).toBe("%E2%80%9CIli%E2%80%9D");
    expect(encodeFragmentTerm("شەرقىي")).toBe(encodeURIComponent("شەرقىي"));
  });

  it("encodes quotes and leaves no character the fragment syntax would read", () => {
    const term = `He said "no" — 'twice', -then- & more`;
    const encoded = encodeFragmentTerm(term);
    expect(encoded).not.toMatch(/[,&\-"\s]/);
    expect(decodeURIComponent(encoded)).toBe(term);
  });

  it("writes prefix and suffix with their dashes outside the encoding", () => {
    expect(serializeTextDirective({ prefix: "a-b", textStart: "c,d", textEnd: "e&f", suffix: "g-h" })).toBe(
      "text=a%2Db-,c%2Cd,e%26f,-g%2Dh",
    );
  });
});

describe("reading text fragments", () => {
  it("parses every form of the directive", () => {
    expect(parseTextDirectives("/d#:~:text=exact%20words")).toEqual([{ textStart: "exact words" }]);
    expect(parseTextDirectives("#:~:text=before-,start,end,-after")).toEqual([
      { prefix: "before", textStart: "start", textEnd: "end", suffix: "after" },
    ]);
    expect(parseTextDirectives("#p-1:~:text=a&text=b%2Dc")).toEqual([{ textStart: "a" }, { textStart: "b-c" }]);
  });

  it("skips malformed directives", () => {
    expect(parseTextDirectives("#:~:text=%E0%A4%A")).toEqual([]);
    expect(parseTextDirectives("#:~:text=a,b,c")).toEqual([]);
    expect(parseTextDirectives("#no-directive")).toEqual([]);
  });

  it("matches ignoring case, on word boundaries only unless told otherwise", () => {
    const text = "The category of cats. A Cat sat.";
    expect(findTextDirective(text, { textStart: "cat" })).toEqual({ start: 24, end: 27 });
    expect(findTextDirective(text, { textStart: "cat" }, { wordBoundaries: false })).toEqual({ start: 4, end: 7 });
    expect(findTextDirective(text, { textStart: "dog" })).toBeNull();
  });
});

describe("building a text fragment for a range", () => {
  it("writes a short unique quote whole", () => {
    const text = "Alpha beta, gamma-delta & epsilon.";
    const { built, found } = roundTrip(text, 6, 25);
    expect(built.directive).toEqual({ textStart: "beta, gamma-delta &" });
    expect(built.encoded).toBe("text=beta%2C%20gamma%2Ddelta%20%26");
    expect(found).toEqual({ start: 6, end: 25 });
  });

  it("adds prefix and suffix words when the quote occurs earlier on the page", () => {
    const text = "the army marched. Later the army stopped, and the army rested.";
    const second = text.indexOf("the army", 10);
    const { built, found } = roundTrip(text, second, second + "the army".length);
    expect(built.directive.prefix ?? built.directive.suffix).toBeDefined();
    expect(built.unique).toBe(true);
    expect(found).toEqual({ start: second, end: second + 8 });
  });

  it("uses textStart and textEnd for a long quote", () => {
    const passage = edition.passages.find((p) => p.text.length > 600)!;
    const { built, found } = roundTrip(edition.text, passage.start, passage.end);
    expect(built.directive.textEnd).toBeDefined();
    expect(built.encoded.length).toBeLessThan(400);
    expect(found).toEqual({ start: passage.start, end: passage.end });
  });

  it("writes a quote cut inside words whole, to be found without word boundaries", () => {
    const text = "The category of cats.";
    const built = buildTextDirective(text, 6, 14);
    expect(built.directive.textStart).toBe("tegory o");
    expect(findTextDirective(text, built.directive, { wordBoundaries: false })).toEqual({ start: 6, end: 14 });
  });

  it("spans passages with textStart in the first and textEnd in the last", () => {
    const [a, b] = edition.passages.filter((p) => p.section === 2 && p.kind === "paragraph");
    // Whole words: from a word about 30 characters before the end of one passage to one 25 into the next.
    const start = edition.text.indexOf(" ", a.end - 30) + 1;
    const end = edition.text.lastIndexOf(" ", b.start + 25);
    const { built, found } = roundTrip(edition.text, start, end);
    expect(built.directive.textStart).not.toContain("\n");
    expect(built.directive.textEnd).not.toContain("\n");
    expect(found).toEqual({ start, end });
  });

  it("finds the range first even when the page shows its words before the text (title, contents)", () => {
    const heading = edition.passages.find((p) => p.label === "§3")!;
    const before = [edition.metadata.title, ...edition.sections.filter((s) => s.title).map((s) => s.title!)];
    const { built, found } = roundTrip(edition.text, heading.start, heading.end, before);
    expect(built.unique).toBe(true);
    expect(found).toEqual({ start: heading.start, end: heading.end });
  });

  it("round-trips non-ASCII words, dashes, commas and ampersands from the edition", () => {
    const { text } = edition;
    for (const needle of ["[Sherqiy Türkistan Jumhuriyiti]", "1944-1949", "Kazakhs, Kyrgyz, Uzbeks"]) {
      const start = text.indexOf(needle);
      expect(start, needle).toBeGreaterThan(-1);
      const { built, found } = roundTrip(text, start, start + needle.length);
      expect(found, needle).toEqual({ start, end: start + needle.length });
      expect(built.encoded).not.toMatch(/[^A-Za-z0-9%=,\-_.!~*'()]/);
    }
  });

  it("finds every passage of the edition by its own fragment", () => {
    const before = [edition.metadata.title, ...edition.sections.filter((s) => s.title).map((s) => s.title!)];
    for (const passage of edition.passages) {
      const { found, built } = roundTrip(edition.text, passage.start, passage.end, before);
      expect(built.unique, passage.label).toBe(true);
      expect(found, passage.label).toEqual({ start: passage.start, end: passage.end });
    }
  });
});

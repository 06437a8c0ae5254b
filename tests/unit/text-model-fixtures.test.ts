import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument, PASSAGE_SEPARATOR, type ParsedDocument } from "@/lib/text-model/parse-document";

/**
 * Fixture folders: each `tests/fixtures/text-model/<case>/` holds `input.md` and the reviewed
 * expectation `output.json` ({ metadata, sections, text, passages }, passages with their line).
 * Run with UPDATE=1 to (re)write output.json from the parser; review every change by hand.
 */
const FIXTURES = path.resolve(__dirname, "../fixtures/text-model");
const UPDATE = process.env.UPDATE === "1";

const cases = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

function parseFixture(name: string): ParsedDocument {
  const source = readFileSync(path.join(FIXTURES, name, "input.md"), "utf8");
  return parseDocument(source, "input.md");
}

function snapshotOf(parsed: ParsedDocument) {
  const { metadata, sections, text, passages } = parsed;
  return { metadata, sections, text, passages };
}

describe("the text-model fixtures", () => {
  it("include every case the text model must handle", () => {
    expect(cases).toEqual(["captions", "line-breaks", "lists", "minimal", "non-ascii", "quotes", "repeats", "sections", "sub-headings"]);
  });

  describe.each(cases)("the %s fixture", (name) => {
    const outputPath = path.join(FIXTURES, name, "output.json");

    it("parses input.md into the reviewed expectation in output.json", () => {
      const actual = snapshotOf(parseFixture(name));
      if (UPDATE) {
        writeFileSync(outputPath, `${JSON.stringify(actual, null, 2)}\n`);
      }
      expect(existsSync(outputPath), `${outputPath} is missing: run with UPDATE=1 and review it`).toBe(true);
      const expected = JSON.parse(readFileSync(outputPath, "utf8")) as unknown;
      expect(actual).toEqual(expected);
    });

    it("finds every passage's text in the plain text at its offsets", () => {
      const { text, passages } = parseFixture(name);
      expect(passages.length).toBeGreaterThan(0);
      for (const passage of passages) {
        expect(text.slice(passage.start, passage.end), passage.label).toBe(passage.text);
        expect(passage.end - passage.start, passage.label).toBe(passage.text.length);
      }
    });

    it("separates consecutive passages by exactly one blank line and nothing else", () => {
      const { text, passages } = parseFixture(name);
      expect(passages[0].start).toBe(0);
      expect(passages.at(-1)?.end).toBe(text.length);
      for (let i = 1; i < passages.length; i += 1) {
        expect(text.slice(passages[i - 1].end, passages[i].start), passages[i].label).toBe("\n\n");
      }
      expect(PASSAGE_SEPARATOR).toBe("\n\n");
      expect(text).toBe(passages.map((p) => p.text).join("\n\n"));
    });

    it("gives every passage a unique id and the ordinals 0 to n-1 in reading order", () => {
      const { passages } = parseFixture(name);
      const ids = passages.map((p) => p.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(passages.map((p) => p.ordinal)).toEqual(passages.map((_, index) => index));
      for (let i = 1; i < passages.length; i += 1) expect(passages[i].start).toBeGreaterThan(passages[i - 1].start);
    });

    it("keeps each passage's text on one line, without surrounding white space", () => {
      const { passages } = parseFixture(name);
      for (const passage of passages) {
        expect(passage.text, passage.label).not.toMatch(/[\n\r\t]/);
        expect(passage.text, passage.label).toBe(passage.text.trim());
        expect(passage.text, passage.label).not.toMatch(/ {2}/);
      }
    });

    it("anchors every section on the passage that opens it", () => {
      const { sections, passages } = parseFixture(name);
      expect(sections.map((s) => s.number)).toEqual([...new Set(passages.map((p) => p.section))]);
      for (const section of sections) {
        const first = passages.find((p) => p.section === section.number);
        expect(first?.id, `section ${section.number}`).toBe(section.anchor);
        expect(section.title).toBe(section.number === 0 ? null : first?.text);
      }
    });
  });
});

/** The points each fixture was made for, stated on their own so a careless UPDATE cannot hide them. */
describe("what the fixtures pin down", () => {
  it("parses a minimal document into one paragraph labelled ¶1 with the default type", () => {
    const parsed = parseFixture("minimal");
    expect(parsed.metadata).toEqual({
      title: "A Minimal Edition",
      language: "en",
      author: "unknown",
      publisher: "unknown",
      url: "unknown",
      published: "unknown",
      type: "webpage",
    });
    expect(parsed.text).toBe("The only paragraph of the document.");
    expect(parsed.passages).toHaveLength(1);
    expect(parsed.passages[0]).toMatchObject({ label: "¶1", kind: "paragraph", section: 0, paragraph: 1, start: 0, end: 35, line: 10 });
    expect(parsed.passages[0].id).toMatch(/^p-[0-9a-f]{8}$/);
    expect(parsed.sections).toEqual([{ number: 0, title: null, anchor: parsed.passages[0].id }]);
  });

  it("labels the untitled opening with ¶ alone and each titled section with §", () => {
    const { passages, sections, metadata } = parseFixture("sections");
    expect(passages.map((p) => p.label)).toEqual(["¶1", "¶2", "§1", "§1 ¶1", "§1 ¶2", "§2", "§2 ¶1"]);
    expect(passages.map((p) => [p.section, p.paragraph])).toEqual([
      [0, 1],
      [0, 2],
      [1, 0],
      [1, 1],
      [1, 2],
      [2, 0],
      [2, 1],
    ]);
    expect(sections.map((s) => s.title)).toEqual([null, "Part One", "Part Two"]);
    expect(passages[2].id).toBe("part-one");
    expect(passages[5].id).toBe("part-two");
    expect(metadata.published).toBe("1949");
    expect(metadata.type).toBe("article");
  });

  it("numbers an ordered list from its start number and an unordered list from 1", () => {
    const items = parseFixture("lists").passages.filter((p) => p.kind === "list_item");
    expect(items.map((p) => [p.text, p.attrs.list])).toEqual([
      ["Third point;", { index: 1, ordered: true, item: 3 }],
      ["Fourth point;", { index: 1, ordered: true, item: 4 }],
      ["Fifth point.", { index: 1, ordered: true, item: 5 }],
      ["Apples", { index: 2, ordered: false, item: 1 }],
      ["Pears", { index: 2, ordered: false, item: 2 }],
      ["One", { index: 3, ordered: true, item: 1 }],
      ["Two", { index: 3, ordered: true, item: 2 }],
      ["Bullet after two", { index: 4, ordered: false, item: 1 }],
    ]);
  });

  it("gives the paragraphs of one block quote the same quote index and separate quotes their own", () => {
    const quotes = parseFixture("quotes").passages.filter((p) => p.kind === "quote");
    expect(quotes.map((p) => [p.text, p.attrs.quote?.index])).toEqual([
      ["First paragraph of the long quote.", 1],
      ["Second paragraph of the long quote.", 1],
      ["The first short quote.", 2],
      ["The second short quote.", 3],
    ]);
  });

  it("makes a caption directive a caption passage numbered like a paragraph", () => {
    const { passages, sections } = parseFixture("captions");
    expect(passages.map((p) => [p.kind, p.label])).toEqual([
      ["caption", "¶1"],
      ["paragraph", "¶2"],
      ["heading", "§1"],
      ["caption", "§1 ¶1"],
      ["paragraph", "§1 ¶2"],
    ]);
    expect(passages[0].text).toBe("A photograph at the very start – 1945");
    expect(passages[3].text).toBe("Officers of the army – February 1948");
    expect(sections[0].anchor).toBe(passages[0].id);
  });

  it("folds a soft line break into one space", () => {
    expect(parseFixture("line-breaks").passages[0].text).toBe("A soft line break.");
  });

  it("folds a hard line break made of two trailing spaces into one space", () => {
    expect(parseFixture("line-breaks").passages[1].text).toBe("A hard break with two trailing spaces.");
  });

  it("folds a hard line break made of a backslash into one space", () => {
    expect(parseFixture("line-breaks").passages[2].text).toBe("A hard break with a backslash.");
  });

  it("keeps the words of inline markup and folds runs of spaces and tabs", () => {
    expect(parseFixture("line-breaks").passages[3].text).toBe("Runs of spaces, emphasis, strong, a link and code keep only their words.");
  });

  it("measures offsets in UTF-16 code units across Arabic script, emoji and combining marks", () => {
    const { text, passages, metadata } = parseFixture("non-ascii");
    expect(metadata.title).toBe("شەرقىي تۈركىستان جۇمھۇرىيىتى");
    expect(passages[0].text).toBe("شەرقىي تۈركىستان جۇمھۇرىيىتى");
    expect(passages[0].end).toBe(28);
    const scroll = passages[1];
    expect(scroll.text).toBe("A scroll \u{1F4DC} and a flag \u{1F3F3}\u{FE0F} stand before this sentence's end.");
    expect(scroll.start).toBe(30);
    // 58 code points but 60 UTF-16 code units: U+1F4DC and U+1F3F3 are surrogate pairs (U+FE0F is one unit).
    expect([...scroll.text].length).toBe(58);
    expect(scroll.end - scroll.start).toBe(60);
    expect(text.codePointAt(scroll.start + 9)).toBe(0x1f4dc);
    const marks = passages[2];
    expect(marks.text).toBe("Combining marks: Tu\u0308rkistan Jumhuriyiti, cafe\u0301; a no-break\u00a0space stays.");
    expect(marks.text.normalize("NFC")).not.toBe(marks.text);
    expect(marks.start).toBe(scroll.end + 2);
    const last = passages.at(-1)!;
    expect(last.text).toBe("After \u{1F4DC}\u{1F4DC} two scrolls, the offsets still count code units.");
    expect(last.end).toBe(text.length);
    expect(text.slice(last.start, last.start + 10)).toBe("After \u{1F4DC}\u{1F4DC}");
  });

  it("prefixes with s- the id of a heading whose slug does not start with a Latin letter", () => {
    const { passages, sections } = parseFixture("non-ascii");
    const heading = passages.find((p) => p.kind === "heading");
    expect(heading).toMatchObject({ text: "تارىخ", label: "§1", id: "s-تارىخ" });
    expect(sections[1]).toEqual({ number: 1, title: "تارىخ", anchor: "s-تارىخ" });
  });

  it("gives repeated identical paragraphs the suffixes -2, -3 in reading order", () => {
    const paragraphs = parseFixture("repeats").passages.filter((p) => p.text === "Long live the Republic!");
    expect(paragraphs).toHaveLength(4);
    const [first, ...rest] = paragraphs.map((p) => p.id);
    expect(first).toMatch(/^p-[0-9a-f]{8}$/);
    expect(rest).toEqual([`${first}-2`, `${first}-3`, `${first}-4`]);
  });

  it("gives a repeated identical heading its own id with a numeric suffix", () => {
    const headings = parseFixture("repeats").passages.filter((p) => p.kind === "heading");
    expect(headings.map((p) => [p.label, p.text])).toEqual([
      ["§1", "Notes"],
      ["§2", "Notes"],
    ]);
    // The heading slugger counts repeats from -1 (as GitHub anchors do), not from -2 like paragraphs.
    expect(headings.map((p) => p.id)).toEqual(["notes", "notes-1"]);
  });

  it("numbers a sub-heading like a paragraph of its section and keeps its depth", () => {
    const { passages, sections } = parseFixture("sub-headings");
    expect(passages.map((p) => [p.kind, p.label, p.attrs.depth ?? null])).toEqual([
      ["paragraph", "¶1", null],
      ["heading", "¶2", 3],
      ["heading", "§1", 2],
      ["paragraph", "§1 ¶1", null],
      ["heading", "§1 ¶2", 3],
      ["paragraph", "§1 ¶3", null],
      ["heading", "§1 ¶4", 4],
      ["paragraph", "§1 ¶5", null],
    ]);
    expect(passages[4].id).toBe("a-sub-heading");
    expect(sections.map((s) => s.title)).toEqual([null, "The Main Section"]);
  });
});

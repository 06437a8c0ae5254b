import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { groupBlocks, type Block } from "@/lib/text-model/group-blocks";
import { parseDocument } from "@/lib/text-model/parse-document";
import type { Passage } from "@/lib/text-model/types";

const FIXTURES = path.resolve(__dirname, "../fixtures/text-model");

function passagesOf(name: string): Passage[] {
  return parseDocument(readFileSync(path.join(FIXTURES, name, "input.md"), "utf8"), "input.md").passages;
}

/** A compact picture of a block: its type and the text of its passages. */
function shape(block: Block<Passage>) {
  switch (block.type) {
    case "single":
      return { single: block.passage.text };
    case "list":
      return { list: block.items.map((p) => p.text), ordered: block.ordered, start: block.start };
    case "quote":
      return { quote: block.passages.map((p) => p.text) };
  }
}

describe("groupBlocks", () => {
  it("returns the sections in order with a null heading for the opening section", () => {
    const passages = passagesOf("sections");
    const sections = groupBlocks(passages);
    expect(sections.map((s) => s.number)).toEqual([0, 1, 2]);
    expect(sections.map((s) => s.heading?.text ?? null)).toEqual([null, "Part One", "Part Two"]);
    expect(sections[1].heading).toBe(passages[2]);
    expect(sections.map((s) => s.blocks.map(shape))).toEqual([
      [{ single: "First words of the opening." }, { single: "Second paragraph of the opening." }],
      [{ single: "Part one begins here." }, { single: "Part one goes on." }],
      [{ single: "Part two, alone." }],
    ]);
  });

  it("starts with the first heading when the document has no opening text", () => {
    const parsed = parseDocument(
      "---\ntitle: T\nlanguage: en\nauthor: A\npublisher: P\nurl: unknown\npublished: unknown\n---\n\n## Only\n\nText.\n",
    );
    const sections = groupBlocks(parsed.passages);
    expect(sections.map((s) => [s.number, s.heading?.text ?? null])).toEqual([[1, "Only"]]);
    expect(sections[0].blocks.map(shape)).toEqual([{ single: "Text." }]);
  });

  it("groups the consecutive items of one list with its ordered flag and start number", () => {
    const [opening] = groupBlocks(passagesOf("lists"));
    expect(opening.blocks.map(shape).slice(0, 4)).toEqual([
      { single: "A numbered list that starts at three:" },
      { list: ["Third point;", "Fourth point;", "Fifth point."], ordered: true, start: 3 },
      { single: "Between the lists." },
      { list: ["Apples", "Pears"], ordered: false, start: 1 },
    ]);
  });

  it("keeps an ordered list directly followed by an unordered list as two lists", () => {
    const [opening] = groupBlocks(passagesOf("lists"));
    expect(opening.blocks.map(shape).slice(4)).toEqual([
      { single: "An ordered list directly followed by a bulleted one:" },
      { list: ["One", "Two"], ordered: true, start: 1 },
      { list: ["Bullet after two"], ordered: false, start: 1 },
    ]);
  });

  it("keeps two adjacent unordered lists with different bullets apart", () => {
    const parsed = parseDocument(
      "---\ntitle: T\nlanguage: en\nauthor: A\npublisher: P\nurl: unknown\npublished: unknown\n---\n\n- a\n- b\n\n* c\n",
    );
    const [opening] = groupBlocks(parsed.passages);
    expect(opening.blocks.map(shape)).toEqual([
      { list: ["a", "b"], ordered: false, start: 1 },
      { list: ["c"], ordered: false, start: 1 },
    ]);
  });

  it("groups the paragraphs of each block quote by their quote index", () => {
    const [opening] = groupBlocks(passagesOf("quotes"));
    expect(opening.blocks.map(shape)).toEqual([
      { single: "He said:" },
      { quote: ["First paragraph of the long quote.", "Second paragraph of the long quote."] },
      { single: "Then two short quotes." },
      { quote: ["The first short quote."] },
      { quote: ["The second short quote."] },
    ]);
  });

  it("keeps sub-headings and captions as single blocks inside their section", () => {
    const sections = groupBlocks(passagesOf("sub-headings"));
    expect(sections.map((s) => s.heading?.text ?? null)).toEqual([null, "The Main Section"]);
    expect(sections[0].blocks.map(shape)).toEqual([{ single: "The opening paragraph." }, { single: "An opening sub-heading" }]);
    expect(sections[1].blocks.map((b) => (b.type === "single" ? b.passage.kind : b.type))).toEqual([
      "paragraph",
      "heading",
      "paragraph",
      "heading",
      "paragraph",
    ]);
    const captions = groupBlocks(passagesOf("captions"));
    expect(captions[1].blocks.map(shape)).toEqual([
      { single: "Officers of the army – February 1948" },
      { single: "The text after the second photograph." },
    ]);
  });

  it("keeps every passage exactly once and in reading order", () => {
    for (const name of ["sections", "lists", "quotes", "captions", "repeats", "sub-headings"]) {
      const passages = passagesOf(name);
      const flattened = groupBlocks(passages).flatMap((section) => [
        ...(section.heading ? [section.heading] : []),
        ...section.blocks.flatMap((block) =>
          block.type === "single" ? [block.passage] : block.type === "list" ? block.items : block.passages,
        ),
      ]);
      expect(flattened, name).toEqual(passages);
    }
  });
});

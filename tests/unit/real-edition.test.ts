import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "@/lib/text-model/parse-document";
import type { Passage } from "@/lib/text-model/types";
import { SECTION_TITLES } from "../support/edition";

const FILE = "second-east-turkistan-republic.md";
const markdown = readFileSync(path.resolve(__dirname, "../../content", FILE), "utf8");
const parsed = parseDocument(markdown, FILE);

/** The markdown with its lines edited: `edit` receives the lines (0-based) and changes them in place. */
function reparse(edit: (lines: string[]) => void) {
  const lines = markdown.split("\n");
  edit(lines);
  return parseDocument(lines.join("\n"), FILE);
}

const sectionThree = parsed.passages.filter((p) => p.section === 3 && p.kind === "paragraph");
/** The second paragraph of section 3, "East Turkistan National Army". */
const target = sectionThree[1];

describe("the real edition of the Second East Turkistan Republic", () => {
  it("parses with its frontmatter", () => {
    expect(parsed.metadata).toMatchObject({
      title: "Second East Turkistan Republic",
      titleSupplied: true,
      language: "en",
      author: "unknown",
      url: "unknown",
      type: "webpage",
    });
    expect(parsed.passages.length).toBeGreaterThan(100);
  });

  it("has an untitled opening section and the seven titled sections in order", () => {
    expect(parsed.sections).toHaveLength(8);
    expect(parsed.sections.map((s) => s.number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(parsed.sections.map((s) => s.title)).toEqual([null, ...SECTION_TITLES]);
    expect(parsed.sections.slice(1).map((s) => s.anchor)).toEqual([
      "origins-of-the-second-etr",
      "formation-of-the-second-etr",
      "east-turkistan-national-army",
      "soviet-pressure",
      "the-decline-of-the-etr",
      "the-fall-of-the-etr",
      "aftermath",
    ]);
    expect(parsed.sections[0].anchor).toBe(parsed.passages[0].id);
  });

  it("labels the opening paragraphs with ¶ and the first section with §1", () => {
    expect(parsed.passages.slice(0, 5).map((p) => p.label)).toEqual(["¶1", "¶2", "¶3", "§1", "§1 ¶1"]);
    expect(parsed.passages[0].text).toMatch(/^The second East Turkistan Republic, officially known/);
    expect(parsed.passages[3].text).toBe("Origins of the Second ETR");
  });

  it("marks the captions, list items and quotations with their kinds", () => {
    const count = (kind: Passage["kind"]) => parsed.passages.filter((p) => p.kind === kind).length;
    expect(count("heading")).toBe(7);
    expect(count("caption")).toBe(16);
    expect(count("list_item")).toBe(9 + 7 + 5);
    expect(count("quote")).toBe(2);
    const lists = parsed.passages.filter((p) => p.kind === "list_item").map((p) => p.attrs.list);
    expect(lists[0]).toEqual({ index: 1, ordered: true, item: 1 });
    expect(lists[8]).toEqual({ index: 1, ordered: true, item: 9 });
    expect(lists[9]).toEqual({ index: 2, ordered: false, item: 1 });
    expect(lists.at(-1)).toEqual({ index: 3, ordered: true, item: 5 });
  });

  it("gives every passage a unique id of lower-case letters, digits and hyphens", () => {
    const ids = parsed.passages.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9-]*$/);
  });

  it("slices every passage out of the plain text at its offsets", () => {
    for (const passage of parsed.passages) {
      expect(parsed.text.slice(passage.start, passage.end), passage.label).toBe(passage.text);
    }
    expect(parsed.text).toBe(parsed.passages.map((p) => p.text).join("\n\n"));
  });

  it("changes only the id of the paragraph whose words change", () => {
    expect(target.label).toBe("§3 ¶3");
    const edited = reparse((lines) => {
      expect(lines[target.line - 1]).toBe(target.text);
      lines[target.line - 1] += " An added sentence.";
    });
    expect(edited.passages).toHaveLength(parsed.passages.length);
    const changed = edited.passages.filter((p, index) => p.id !== parsed.passages[index].id);
    expect(changed.map((p) => p.ordinal)).toEqual([target.ordinal]);
    expect(changed[0].text).toBe(`${target.text} An added sentence.`);
    expect(edited.passages.map((p) => p.label)).toEqual(parsed.passages.map((p) => p.label));
  });

  it("keeps every id when a paragraph is inserted, and shifts only the labels after it in its section", () => {
    const inserted = reparse((lines) => {
      lines.splice(target.line, 0, "", "A paragraph the editor inserted.");
    });
    expect(inserted.passages).toHaveLength(parsed.passages.length + 1);
    const added = inserted.passages[target.ordinal + 1];
    expect(added.text).toBe("A paragraph the editor inserted.");
    expect(added.label).toBe(`§3 ¶${target.paragraph + 1}`);
    expect(parsed.passages.map((p) => p.id)).not.toContain(added.id);

    const others = inserted.passages.filter((p) => p !== added);
    expect(others.map((p) => p.id)).toEqual(parsed.passages.map((p) => p.id));
    others.forEach((after, index) => {
      const before = parsed.passages[index];
      const shifted = before.section === 3 && before.ordinal > target.ordinal && before.paragraph > 0;
      expect(after.label, before.label).toBe(shifted ? `§3 ¶${before.paragraph + 1}` : before.label);
    });
    expect(others.filter((p, index) => p.label !== parsed.passages[index].label).length).toBeGreaterThan(0);
  });
});

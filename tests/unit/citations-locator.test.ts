import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { locateRange, rangeLocator } from "@/lib/citations/passage-locator";
import { parseDocument } from "@/lib/text-model/parse-document";

const FILE = "second-east-turkistan-republic.md";
const edition = parseDocument(readFileSync(path.resolve(__dirname, "../../content", FILE), "utf8"), FILE);
const { passages, text } = edition;
const byLabel = (label: string) => passages.find((p) => p.label === label)!;

describe("passage locators", () => {
  it("is the passage's own label for a range inside one passage", () => {
    const p = byLabel("§3 ¶4");
    expect(locateRange(passages, p.start + 4, p.start + 20)?.locator).toBe("§3 ¶4");
    expect(locateRange(passages, p.start, p.end)?.passages.map((x) => x.id)).toEqual([p.id]);
  });

  it("labels the opening section's passages by paragraph alone", () => {
    const p = byLabel("¶2");
    expect(locateRange(passages, p.start, p.end)?.locator).toBe("¶2");
  });

  it("labels a section heading by the section alone", () => {
    const heading = byLabel("§3");
    expect(heading.kind).toBe("heading");
    expect(locateRange(passages, heading.start, heading.end)?.locator).toBe("§3");
  });

  it("gives a range of paragraphs within a section with the section once", () => {
    const first = byLabel("§3 ¶4");
    const last = byLabel("§3 ¶6");
    const located = locateRange(passages, first.start + 10, last.start + 5)!;
    expect(located.locator).toBe("§3 ¶¶4–6");
    expect(located.passages.map((p) => p.label)).toEqual(["§3 ¶4", "§3 ¶5", "§3 ¶6"]);
    expect(locateRange(passages, byLabel("¶1").start, byLabel("¶2").end)?.locator).toBe("¶¶1–2");
  });

  it("joins the labels of a range across sections, or from a heading, with an en dash", () => {
    const last3 = passages.filter((p) => p.section === 3).at(-1)!;
    const first4 = byLabel("§4 ¶1");
    expect(locateRange(passages, last3.end - 10, first4.start + 10)?.locator).toBe(`${last3.label}–§4 ¶1`);
    expect(locateRange(passages, byLabel("§3").start, byLabel("§3 ¶1").start + 5)?.locator).toBe("§3–§3 ¶1");
  });

  it("counts neither passage for the blank lines between them", () => {
    const p = byLabel("¶1");
    // The range ends just after the separator: the next passage is not touched.
    expect(text.slice(p.end, p.end + 2)).toBe("\n\n");
    expect(locateRange(passages, p.start, p.end + 2)?.locator).toBe("¶1");
    expect(locateRange(passages, p.end, p.end + 2)).toBeUndefined();
  });

  it("returns the same label for a one-passage range given twice", () => {
    const p = byLabel("§2 ¶3");
    expect(rangeLocator(p, p)).toBe("§2 ¶3");
  });
});

describe("paged sources", () => {
  const paged = (id: string, label: string, start: number, end: number) => ({ id, label, section: 1, paragraph: 1, start, end });
  it("locates by page and paragraph, and shortens a run on one page", () => {
    const passages = [paged("a", "p. 12 ¶3", 0, 10), paged("b", "p. 12 ¶4", 12, 20), paged("c", "p. 13 ¶1", 22, 30)];
    expect(locateRange(passages, 2, 5)?.locator).toBe("p. 12 ¶3");
    expect(locateRange(passages, 2, 15)?.locator).toBe("p. 12 ¶¶3–4");
    expect(locateRange(passages, 2, 25)?.locator).toBe("p. 12 ¶3–p. 13 ¶1");
  });
});

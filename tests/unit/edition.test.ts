import { readFileSync } from "node:fs";
import path from "node:path";
import { toString } from "mdast-util-to-string";
import remarkDirective from "remark-directive";
import remarkFrontmatter from "remark-frontmatter";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { SECTION_TITLES } from "../support/edition";

const editionPath = path.resolve(__dirname, "../../content/second-east-turkistan-republic.md");
const sourcePath = path.resolve(__dirname, "../fixtures/source/second-east-turkistan-republic.txt");

/** Lines of the capture that belong to the web page, not to the author's text. */
const RESIDUE_LINES = ["Menu Close", "Mi"];

/**
 * Lines of the source that describe a photograph the capture lost.
 * 16 captions were found by reading the source; all must be marked as captions.
 */
const EXPECTED_CAPTIONS = [
  "General Delilqan Sugurbayev – Deputy Commander of the East Turkistan National Army",
  "General Isaqbek Munonov – Commander of the East Turkistan National Army",
  "President Alihan Tore (center) and other members of the ETR Government – 1945",
  "$1000 East Turkistan Dollar Note – 1945",
  "Formal establishment of the East Turkistan National Army – April 8, 1945",
  "Officers of the East Turkistan National Army -1945",
  "East Turkistan National Army amor units along the banks of the Manas River – September 1945",
  "President Alihan Tore in deep thought (presumably) – 1946",
  "Peace talks between the East Turkistan Republic and the Republic of China – 1946",
  "Isa Yusuf Aliptekin, Mesud Sabri, Burhan Shahidi, and Muhammed Emin Bughra with KMT forces – 1947 0r 1948",
  "Members of the ETR National Army in Turpan",
  "Officers of the East Turkistan National Army – February 1948",
  "PLA troops in Gansu preparing for the invasion of East Turkistan – October 1, 1949",
  "Parade incorporating the East Turkistan National Army into the PLA’s 5th Army Corps. – December 22, 1949",
  "Execution of Osman Batur – April 29, 1951",
  "General Memtimin Iminov (center right with hand tucked into uniform) with other senior officers of the East Turkistan National Army following the incorporation of the ETNA into the PLA’s 5th Army Corps.",
];

/** Node types an edition may contain; anything else would alter or hide the author's words. */
const ALLOWED_NODE_TYPES = new Set([
  "root",
  "yaml",
  "heading",
  "paragraph",
  "text",
  "list",
  "listItem",
  "blockquote",
  "containerDirective",
]);

interface MdNode {
  type: string;
  value?: string;
  depth?: number;
  ordered?: boolean | null;
  name?: string;
  children?: MdNode[];
}

/** Whitespace normalisation only: NBSP to space, runs of spaces to one, trim. */
function normalise(line: string): string {
  return line
    .replace(/\u00a0/g, " ")
    .replace(/ {2,}/g, " ")
    .trim();
}

/** A list marker such as "1. " is markup, not text. */
function stripListMarker(line: string): string {
  return line.replace(/^\d+[.)] /, "");
}

function walk(node: MdNode, visit: (node: MdNode, parent?: MdNode) => void, parent?: MdNode) {
  visit(node, parent);
  for (const child of node.children ?? []) walk(child, visit, node);
}

function countWords(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of text.split(/\s+/).filter(Boolean)) {
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return counts;
}

/** Words present more often on one side than on the other. */
function wordDifference(expected: Map<string, number>, actual: Map<string, number>) {
  const missing: string[] = [];
  const extra: string[] = [];
  for (const [word, n] of expected) {
    const m = actual.get(word) ?? 0;
    if (m < n) missing.push(`${word} (×${n - m})`);
  }
  for (const [word, n] of actual) {
    const m = expected.get(word) ?? 0;
    if (n > m) extra.push(`${word} (×${n - m})`);
  }
  return { missing, extra };
}

const markdown = readFileSync(editionPath, "utf8");
const source = readFileSync(sourcePath, "utf8");

const tree = unified().use(remarkParse).use(remarkFrontmatter, ["yaml"]).use(remarkDirective).parse(markdown) as unknown as MdNode;

/** The text of every block of the edition, in document order. */
const blocks: string[] = [];
walk(tree, (node) => {
  if (node.type === "heading" || node.type === "paragraph") blocks.push(toString(node));
});
const plainText = blocks.join("\n\n");

/** The author's lines of the source, normalised, without residue, list markers or empty lines. */
const sourceLines = source
  .split(/\r?\n/)
  .map(normalise)
  .filter((line) => line !== "" && !RESIDUE_LINES.includes(line))
  .map(stripListMarker);

function nodesOfType(type: string): MdNode[] {
  const found: MdNode[] = [];
  walk(tree, (node) => {
    if (node.type === type) found.push(node);
  });
  return found;
}

describe("the edition of the Second East Turkistan Republic article", () => {
  it("contains every line of the source, whole, in the source's order", () => {
    expect(sourceLines.length).toBeGreaterThan(100);
    let from = 0;
    for (const line of sourceLines) {
      const at = plainText.indexOf(line);
      expect(at, `line missing from the edition: ${line}`).toBeGreaterThanOrEqual(0);
      const inOrder = plainText.indexOf(line, from);
      expect(inOrder, `line out of order in the edition: ${line}`).toBeGreaterThanOrEqual(0);
      from = inOrder + line.length;
    }
  });

  it("does not keep the capture residue as text", () => {
    expect(plainText).not.toContain("Menu Close");
    expect(blocks.filter((block) => block.trim() === "Mi")).toEqual([]);
  });

  it("has exactly the words of the source, no more and no fewer", () => {
    const expected = countWords(sourceLines.join("\n"));
    const actual = countWords(plainText);
    expect(wordDifference(expected, actual)).toEqual({ missing: [], extra: [] });
  });

  it("uses only markup that keeps the author's words as plain text", () => {
    const unexpected: string[] = [];
    walk(tree, (node) => {
      if (!ALLOWED_NODE_TYPES.has(node.type)) unexpected.push(`${node.type}: ${toString(node)}`);
    });
    expect(unexpected).toEqual([]);
    const wrapped = blocks.filter((block) => block.includes("\n"));
    expect(wrapped, "every block is one line").toEqual([]);
  });

  it("has frontmatter stating the supplied title and the unknown metadata", () => {
    const yamlNode = tree.children?.[0];
    expect(yamlNode?.type).toBe("yaml");
    const data = YAML.parse(yamlNode?.value ?? "") as Record<string, unknown>;
    expect(Object.keys(data).sort()).toEqual(
      [
        "title",
        "titleSupplied",
        "language",
        "author",
        "publisher",
        "url",
        "published",
        "modified",
        "accessed",
        "type",
        "editorialNote",
      ].sort(),
    );
    expect(data.title).toBe("Second East Turkistan Republic");
    expect(data.titleSupplied).toBe(true);
    expect(data.language).toBe("en");
    expect(data.type).toBe("webpage");
    for (const key of ["author", "publisher", "url", "published", "modified", "accessed"]) {
      expect(data[key], key).toBe("unknown");
    }
    expect(typeof data.editorialNote).toBe("string");
    const note = data.editorialNote as string;
    expect(note).toContain("Menu Close");
    expect(note).toMatch(/\bMi\b/);
  });

  it("marks the seven section headings as level-2 headings in order, with no other headings", () => {
    const headings = nodesOfType("heading");
    expect(headings.map((h) => h.depth)).toEqual(SECTION_TITLES.map(() => 2));
    expect(headings.map((h) => toString(h))).toEqual(SECTION_TITLES);
  });

  it("marks the two numbered lists and the list of resolutions", () => {
    const lists = nodesOfType("list");
    const ordered = lists.filter((list) => list.ordered);
    expect(ordered.map((list) => list.children?.length)).toEqual([9, 5]);
    expect(toString(ordered[0].children?.[0])).toBe("Rooting out the tyranny of the Han Chinese;");
    expect(toString(ordered[1].children?.[0])).toBe(
      "Reform the East Turkistan National Army and a regiment would be stationed in Urumchi, Kashgar, and Aksu;",
    );
    const unordered = lists.filter((list) => !list.ordered);
    expect(unordered).toHaveLength(1);
    const resolutions = (unordered[0].children ?? []).map((item) => toString(item));
    expect(resolutions).toHaveLength(7);
    for (const resolution of resolutions) expect(resolution).toMatch(/^Resolution No\./);
  });

  it("marks the two quotations that stand alone as block quotes", () => {
    const quotes = nodesOfType("blockquote").map((quote) => toString(quote));
    expect(quotes).toHaveLength(2);
    expect(quotes[0]).toMatch(/^“The most important objective of the revolution/);
    expect(quotes[1]).toMatch(/^“If the Chinese government fails/);
  });

  it("marks every photo caption as a caption directive", () => {
    const captions = nodesOfType("containerDirective");
    for (const caption of captions) {
      expect(caption.name).toBe("caption");
      expect(caption.children?.map((child) => child.type)).toEqual(["paragraph"]);
    }
    const texts = captions.map((caption) => toString(caption));
    // 16 captions were found in the source.
    expect(texts.length).toBeGreaterThanOrEqual(14);
    expect(texts).toEqual(EXPECTED_CAPTIONS);
  });

  it("preserves the errors of the source instead of correcting them", () => {
    for (const error of [
      "August 24, 1945",
      "the the Uyghur",
      "wove to fight",
      "develop develop",
      "led by by",
      "0r 1948",
      "Three Gentleman",
      "amor units",
      "Isabek Munonow",
      "Illi",
      "11, 000",
      "eradicateEast",
      "( “Xinjiang”)",
    ]) {
      expect(plainText, error).toContain(error);
    }
  });
});

import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readMarkdown } from "@/lib/sources/read-markdown";
import { parseDocument } from "@/lib/text-model/parse-document";

const read = (markdown: string) => readMarkdown({ bytes: new TextEncoder().encode(markdown), name: "notes.md" });

describe("readMarkdown", () => {
  it("takes the first level-1 heading as the title when there is no frontmatter", async () => {
    const { metadata, blocks } = await read("# The Ili Rebellion\n\nIt began in 1944.\n\n## Origins\n\nIn Ghulja.\n");
    expect(metadata).toEqual({ title: "The Ili Rebellion" });
    expect(blocks).toEqual([
      { kind: "paragraph", text: "It began in 1944." },
      { kind: "heading", text: "Origins", depth: 2 },
      { kind: "paragraph", text: "In Ghulja." },
    ]);
  });

  it("reads the frontmatter's title, authors, date, publisher, address and language, leaving out placeholders", async () => {
    const markdown = [
      "---",
      "title: Notes on the ETR",
      "author: [Ayşe Demir, unknown]",
      "date: 2024-05-01",
      "publisher: unknown",
      "url: https://example.org/notes",
      "language: en",
      "---",
      "# A Heading",
      "",
      "Text.",
    ].join("\n");
    const { metadata, blocks } = await read(markdown);
    expect(metadata).toEqual({
      title: "Notes on the ETR",
      authors: ["Ayşe Demir"],
      date: "2024-05-01",
      url: "https://example.org/notes",
      language: "en",
    });
    expect(blocks[0]).toEqual({ kind: "heading", text: "A Heading", depth: 1 });
  });

  it("ignores frontmatter that is not valid YAML", async () => {
    const { metadata, blocks } = await read("---\ntitle: [unclosed\n---\n\nText.\n");
    expect(metadata).toEqual({});
    expect(blocks).toEqual([{ kind: "paragraph", text: "Text." }]);
  });

  it("flattens nested lists, keeps code as paragraphs, drops raw HTML, and puts an image's alt text as a caption", async () => {
    const markdown = [
      "1. First",
      "   - inner one",
      "   - inner two",
      "2. Second",
      "",
      "```",
      "const  x = 1;",
      "```",
      "",
      '<div class="ad"></div>',
      "",
      "See <b>this</b> map: ![The three districts](map.png)",
      "",
      "![](decoration.png)",
      "",
      "> Quoted words.",
      ">",
      "> More quoted words.",
    ].join("\n");
    const { blocks } = await read(markdown);
    expect(blocks).toEqual([
      { kind: "list_item", text: "First", list: { index: 1, ordered: true, item: 1 } },
      { kind: "list_item", text: "inner one", list: { index: 1, ordered: true, item: 2 } },
      { kind: "list_item", text: "inner two", list: { index: 1, ordered: true, item: 3 } },
      { kind: "list_item", text: "Second", list: { index: 1, ordered: true, item: 4 } },
      { kind: "paragraph", text: "const x = 1;" },
      { kind: "paragraph", text: "See this map:" },
      { kind: "caption", text: "The three districts" },
      { kind: "quote", text: "Quoted words.", quote: 1 },
      { kind: "quote", text: "More quoted words.", quote: 1 },
    ]);
  });

  it("reads a table row by row, and footnotes with their labels", async () => {
    const markdown = "| Year | Event |\n|---|---|\n| 1944 | Revolt[^1] |\n\n[^1]: In Ghulja.\n";
    const { blocks } = await read(markdown);
    expect(blocks).toEqual([
      { kind: "paragraph", text: "Year | Event" },
      { kind: "paragraph", text: "1944 | Revolt" },
      { kind: "footnote", text: "In Ghulja.", note: "1" },
    ]);
  });

  it("keeps a text directive's words (a time such as 10:30) and reads :::caption as a caption", async () => {
    const { blocks } = await read("They met at 10:30 in Ghulja.\n\n:::caption\nThe meeting hall\n:::\n\n::note\n");
    expect(blocks).toEqual([
      { kind: "paragraph", text: "They met at 10:30 in Ghulja." },
      { kind: "caption", text: "The meeting hall" },
      { kind: "paragraph", text: "::note" },
    ]);
  });

  it("reads block quotes nested thousands deep, and text with a NUL in it", async () => {
    const { blocks } = await read(`${">".repeat(3000)} deep words`);
    expect(blocks).toEqual([{ kind: "quote", text: "deep words", quote: 3000 }]);
    expect((await read("a\u0000b")).blocks).toEqual([{ kind: "paragraph", text: "a\ufffdb" }]);
  });

  it("fails with empty when no words are left", async () => {
    await expect(read("<!-- nothing -->\n\n---\n\n![](x.png)\n")).rejects.toMatchObject({ code: "empty" });
  });

  it("reads the seed edition's markdown to its passages' texts", async () => {
    const file = path.join(__dirname, "../../content/second-east-turkistan-republic.md");
    const markdown = fs.readFileSync(file, "utf8");
    const { metadata, blocks } = await readMarkdown({ bytes: fs.readFileSync(file) });
    expect(metadata.title).toBe("Second East Turkistan Republic");
    expect(blocks.map((block) => block.text)).toEqual(parseDocument(markdown).passages.map((p) => p.text));
    expect(blocks.map((block) => block.kind)).toEqual(parseDocument(markdown).passages.map((p) => p.kind));
  });
});

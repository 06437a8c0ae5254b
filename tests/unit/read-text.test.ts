import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { joinBrokenLine, joinLines, vocabularyOf } from "@/lib/sources/dehyphenate";
import { readText } from "@/lib/sources/read-text";
import { ImportFailure } from "@/lib/sources/source-document";
import { parseDocument } from "@/lib/text-model/parse-document";

const utf8 = (text: string) => new TextEncoder().encode(text);
const read = async (text: string) => readText({ bytes: utf8(text) });
const texts = async (text: string) => (await read(text)).blocks.map((block) => block.text);

describe("joining lines broken by a typesetter", () => {
  it("makes a word broken at a line's end whole, and keeps an author's hyphen", () => {
    expect(joinBrokenLine("declared inde-", "pendence in 1944")).toBe("declared independence in 1944");
    expect(joinBrokenLine("with Sino-", "Soviet support")).toBe("with Sino-Soviet support");
    expect(joinBrokenLine("the right to self-", "determination")).toBe("the right to self-determination");
    expect(joinBrokenLine("from 1944-", "1949")).toBe("from 1944-1949");
    expect(joinBrokenLine("a pause -", "then more")).toBe("a pause - then more");
    expect(joinLines(["  one  line ", "", "and   the next "])).toBe("one line and the next");
  });

  it("keeps the hyphen of a compound, and of a word the text writes hyphenated elsewhere", () => {
    expect(joinBrokenLine("a three-front-", "war")).toBe("a three-front-war");
    expect(joinBrokenLine("a three-", "front-war")).toBe("a three-front-war");
    const vocabulary = vocabularyOf(["a short-lived state and a shortlist of names", "the independence of it"]);
    expect(joinBrokenLine("was short-", "lived", vocabulary)).toBe("was short-lived");
    expect(joinBrokenLine("the short-", "list", vocabulary)).toBe("the shortlist");
    expect(joinBrokenLine("was short-", "lived")).toBe("was shortlived");
  });
});

describe("readText", () => {
  it("parts paragraphs at blank lines and joins each one's lines, hyphenation undone", async () => {
    expect(await texts("The first para-\ngraph, in two lines.\n\nThe second\nparagraph.\n")).toEqual([
      "The first paragraph, in two lines.",
      "The second paragraph.",
    ]);
  });

  it("parts paragraphs by indentation when the text has no blank lines", async () => {
    const text = "    The first paragraph starts indented\nand goes on at the margin.\n    The second starts\nindented too.\n";
    expect(await texts(text)).toEqual([
      "The first paragraph starts indented and goes on at the margin.",
      "The second starts indented too.",
    ]);
  });

  it("cleans a capture's residue: non-breaking and doubled spaces, navigation labels alone on a line, runs of blank lines", async () => {
    const text =
      "Menu Close\nSkip to content\n\nThe\u00a0 state  was\u00a0short-lived.\n\n\u00a0\n\n\n\nShare\nIt was overthrown. Share it.\n";
    expect(await texts(text)).toEqual(["The state was short-lived.", "It was overthrown. Share it."]);
  });

  it("reads numbered and bulleted lines as list items, and the line back at the margin after them as a paragraph", async () => {
    const { blocks } = await read("It declared:\n\n  1. Peace;\n  2. Land,\n     and bread.\nThen it ended.\n\n- one\n- two\n");
    expect(blocks).toEqual([
      { kind: "paragraph", text: "It declared:" },
      { kind: "list_item", text: "Peace;", list: { index: 1, ordered: true, item: 1 } },
      { kind: "list_item", text: "Land, and bread.", list: { index: 1, ordered: true, item: 2 } },
      { kind: "paragraph", text: "Then it ended." },
      { kind: "list_item", text: "one", list: { index: 2, ordered: false, item: 1 } },
      { kind: "list_item", text: "two", list: { index: 2, ordered: false, item: 2 } },
    ]);
  });

  it("takes a short Title Case line set apart by more blank lines as a heading, not a caption beside its text", async () => {
    const text = [
      "The opening paragraph of the article, which ends here.",
      "",
      "General Sugurbayev – Deputy Commander of the Army",
      "",
      "Another paragraph of the article.",
      "",
      "",
      "",
      "Origins of the Second ETR",
      "",
      "The section's first paragraph.",
    ].join("\n");
    const { blocks } = await read(text);
    expect(blocks.map((block) => block.kind)).toEqual(["paragraph", "paragraph", "paragraph", "heading", "paragraph"]);
    expect(blocks[3]).toEqual({ kind: "heading", text: "Origins of the Second ETR", depth: 1 });
  });

  it("takes headings in capitals or Title Case between evenly spaced paragraphs, and no sentence or last line as one", async () => {
    const text =
      "INTRODUCTION\n\nThe text begins.\n\nA Short Line Before Text\n\nIt goes on.\n\nthe lower-case line\n\nEnd.\n\nThe Last Line";
    const { blocks, metadata } = await read(text);
    expect(metadata.title).toBe("INTRODUCTION");
    expect(blocks.map((block) => `${block.kind}: ${block.text}`)).toEqual([
      "paragraph: The text begins.",
      "heading: A Short Line Before Text",
      "paragraph: It goes on.",
      "paragraph: the lower-case line",
      "paragraph: End.",
      "paragraph: The Last Line",
    ]);
  });

  it("takes no title from a first line that is a sentence", async () => {
    expect((await read("It was a short-lived state.\n\nMore.")).metadata).toEqual({});
  });

  it("decodes UTF-16 by its byte-order mark, UTF-8 with a byte-order mark, and Latin-1 when the bytes are not UTF-8", async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Türkistan in UTF-16.", "utf16le")]);
    expect((await readText({ bytes: utf16 })).blocks[0].text).toBe("Türkistan in UTF-16.");
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("Türkistan with a mark.")]);
    expect((await readText({ bytes: bom })).blocks[0].text).toBe("Türkistan with a mark.");
    expect((await readText({ bytes: Buffer.from("Türkistan in Latin-1.", "latin1") })).blocks[0].text).toBe("Türkistan in Latin-1.");
  });

  it("fails with empty when nothing but residue is left, and with unreadable for binary data", async () => {
    await expect(read("\u00a0\n\nMenu Close\n\n")).rejects.toMatchObject({ code: "empty" });
    const binary = readText({ bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x10]), name: "a.zip" });
    await expect(binary).rejects.toBeInstanceOf(ImportFailure);
    await expect(binary).rejects.toMatchObject({ code: "unreadable" });
  });

  it("reads the seed's raw capture into the edition's passages, the stray line “Mi” aside", async () => {
    const capture = fs.readFileSync(path.join(__dirname, "../fixtures/source/second-east-turkistan-republic.txt"));
    const edition = parseDocument(fs.readFileSync(path.join(__dirname, "../../content/second-east-turkistan-republic.md"), "utf8"));
    const { blocks } = await readText({ bytes: capture, name: "capture.txt" });
    expect(blocks.map((block) => block.text).filter((text) => text !== "Mi")).toEqual(edition.passages.map((p) => p.text));
    const headings = (kinds: Array<{ kind: string; text: string }>) => kinds.filter((b) => b.kind === "heading").map((b) => b.text);
    expect(headings(blocks)).toEqual(headings(edition.passages));
  });
});

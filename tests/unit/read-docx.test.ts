import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readDocx } from "@/lib/sources/read-docx";
import { ImportFailure, type SourceDocument } from "@/lib/sources/source-document";
import { buildDocx, passagesAsDocx, replacePart, type DocxBlock } from "@/tests/fixtures/sources/build-docx";
import { BILLION_LAUGHS, EXTERNAL_ENTITY, randomBytes, zipBomb } from "@/tests/fixtures/sources/hostile-zips";
import { seedEdition } from "@/tests/fixtures/sources/seed-page";

const read = (bytes: Uint8Array): Promise<SourceDocument> => readDocx({ bytes, name: "source.docx" });

async function failure(promise: Promise<unknown>): Promise<ImportFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportFailure);
  return error as ImportFailure;
}

const SAMPLE: DocxBlock[] = [
  { kind: "heading", text: "The Ili Rebellion", depth: 1 },
  { kind: "paragraph", text: "Rebels took Nilka in October 1944.", footnote: "Some accounts say September." },
  { kind: "heading", text: "The Eleven Points", depth: 2 },
  { kind: "list_item", text: "Rooting out tyranny;", list: 1, ordered: true },
  { kind: "list_item", text: "A democratic government.", list: 1, ordered: true },
  { kind: "paragraph", text: "Among those present:" },
  { kind: "list_item", text: "Ehmetjan Qasimi", list: 2, ordered: false },
  { kind: "list_item", text: "Abdulkerim Abbasov", list: 2, ordered: false },
  { kind: "quote", text: "We must continue to fight." },
  { kind: "caption", text: "General Isaqbek Munonov." },
];

describe("readDocx", () => {
  it("reads headings, paragraphs, numbered and bulleted lists, quotes, captions and footnotes with their numbers", async () => {
    const document = await read(await buildDocx(SAMPLE, { title: "Ili", creator: "Ehmetjan Qasimi" }));
    expect(document.format).toBe("docx");
    expect(document.blocks).toEqual([
      { kind: "heading", text: "The Ili Rebellion", depth: 1 },
      // mammoth writes the footnote's reference as "[1]" where Word prints a raised 1.
      { kind: "paragraph", text: "Rebels took Nilka in October 1944.[1]" },
      { kind: "heading", text: "The Eleven Points", depth: 2 },
      { kind: "list_item", text: "Rooting out tyranny;", list: { index: 1, ordered: true, item: 1 } },
      { kind: "list_item", text: "A democratic government.", list: { index: 1, ordered: true, item: 2 } },
      { kind: "paragraph", text: "Among those present:" },
      { kind: "list_item", text: "Ehmetjan Qasimi", list: { index: 2, ordered: false, item: 1 } },
      { kind: "list_item", text: "Abdulkerim Abbasov", list: { index: 2, ordered: false, item: 2 } },
      { kind: "quote", text: "We must continue to fight.", quote: 1 },
      { kind: "caption", text: "General Isaqbek Munonov." },
      { kind: "footnote", text: "Some accounts say September.", note: "1" },
    ]);
  });

  it("reads a table a row to a paragraph, its cells apart", async () => {
    const document = await read(
      await buildDocx([
        { kind: "paragraph", text: "The districts:" },
        {
          kind: "table",
          rows: [
            ["District", "Seat"],
            ["Ili", "Ghulja"],
            ["Altay", "Sharasume"],
          ],
        },
      ]),
    );
    expect(document.blocks.map((block) => block.text)).toEqual(["The districts:", "District | Seat", "Ili | Ghulja", "Altay | Sharasume"]);
  });

  it("reads the core properties: title, each creator, the created date; not who saved it last", async () => {
    const document = await read(
      await buildDocx(SAMPLE, {
        title: "The Ili Rebellion",
        creator: "Qasimi, Ehmetjan; Abdulkerim Abbasov",
        lastModifiedBy: "A Clerk",
      }),
    );
    expect(document.metadata.title).toBe("The Ili Rebellion");
    expect(document.metadata.authors).toEqual(["Ehmetjan Qasimi", "Abdulkerim Abbasov"]);
    expect(document.metadata.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(JSON.stringify(document.metadata)).not.toContain("Clerk");
  });

  it("gives the seed edition's passages' texts and kinds in order from a Word document of them", async () => {
    const { passages } = seedEdition();
    const document = await read(await buildDocx(passagesAsDocx(passages)));
    expect(document.blocks.map((block) => block.text)).toEqual(passages.map((passage) => passage.text));
    expect(document.blocks.map((block) => block.kind)).toEqual(passages.map((passage) => passage.kind));
  });

  it("refuses a document.xml declaring entities (a billion laughs), before mammoth reads it", async () => {
    const docx = replacePart(await buildDocx(SAMPLE), "word/document.xml", (xml) =>
      xml.replace(/^<\?xml[^>]*>\s*/, BILLION_LAUGHS).replace("Rebels took", "&lol9; Rebels took"),
    );
    const error = await failure(read(docx));
    expect(error.code).toBe("unreadable");
    expect(error.message).toBe("The file declares XML entities, which Gloss does not read.");
  });

  it("refuses an external entity naming a file of the server's", async () => {
    const docx = replacePart(await buildDocx(SAMPLE), "word/document.xml", (xml) =>
      xml.replace(/^<\?xml[^>]*>\s*/, EXTERNAL_ENTITY).replace("Rebels took", "&xxe; Rebels took"),
    );
    const error = await failure(read(docx));
    expect(error.code).toBe("unreadable");
    expect(error.message).toContain("declares XML entities");
  });

  it("fails with too_large for a zip bomb inside a document", { timeout: 120_000 }, async () => {
    const error = await failure(read(zipBomb("word/media/image1.png", 300, { "word/document.xml": strToU8("<w:document/>") })));
    expect(error.code).toBe("too_large");
  });

  it("fails with unreadable for a truncated file, random bytes, and a zip that is no Word document", async () => {
    const docx = await buildDocx(SAMPLE);
    for (const bytes of [docx.subarray(0, Math.floor(docx.length * 0.6)), randomBytes(5000)]) {
      const error = await failure(read(bytes));
      expect(error.code).toBe("unreadable");
      expect(error.message).toContain("damaged or incomplete");
    }
    const other = await failure(read(zipSync({ "readme.txt": strToU8("hello") })));
    expect(other.code).toBe("unreadable");
    expect(other.message).toContain("not a Word document");
    const broken = replacePart(docx, "word/document.xml", (xml) => xml.slice(0, xml.length / 2));
    expect((await failure(read(broken))).code).toBe("unreadable");
  });

  it("fails with empty for a document with no text", async () => {
    const error = await failure(read(await buildDocx([{ kind: "paragraph", text: "   " }])));
    expect(error.code).toBe("empty");
  });
});

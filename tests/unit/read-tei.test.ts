import { describe, expect, it } from "vitest";
import { readTei } from "@/lib/sources/read-tei";
import { ImportFailure, type SourceBlock } from "@/lib/sources/source-document";
import { billionLaughs, externalEntity, teiEdition } from "../fixtures/sources/tei";

const bytes = (text: string) => new TextEncoder().encode(text);

async function failure(text: string) {
  return readTei({ bytes: bytes(text), name: "letter.xml" }).catch((error: unknown) => error);
}

/** A mention's words, for reading the expectations. */
const mentioned = (block: SourceBlock) =>
  (block.mentions ?? []).map((mention) => ({ ...mention, words: block.text.slice(mention.start, mention.end) }));

describe("readTei", () => {
  it("reads the header: main title, authors as written, publisher, date, address and language", async () => {
    const { metadata, format } = await readTei({ bytes: bytes(teiEdition("en")) });
    expect(format).toBe("tei");
    expect(metadata).toEqual({
      title: "A Letter from Ghulja",
      authors: ["Ehmetjan Qasimi", "Abdulkerim Abbas"],
      publisher: "Gloss Editions",
      date: "1946-05-12",
      url: "https://example.org/letters/ghulja",
      language: "en",
    });
  });

  it("reads the body's divisions, heads, paragraphs, lists, quotation, caption and notes in order", async () => {
    const { blocks } = await readTei({ bytes: bytes(teiEdition()) });
    expect(blocks.map(({ mentions: _mentions, ...block }) => block)).toEqual([
      { kind: "heading", text: "To the Provincial Government", depth: 1, page: 1 },
      {
        kind: "paragraph",
        text: "We write from Ghulja on behalf of the Provisional Government. Our delegate, Ehmetjan Qasimi, will arrive in Ürümqi within the week.",
        page: 1,
      },
      { kind: "footnote", text: "The letter is undated; the date is the archive's.", note: "1", page: 1 },
      { kind: "heading", text: "Terms", depth: 2, page: 1 },
      {
        kind: "paragraph",
        text: "The terms are these: first, peace; second, the talks go on, and Sheng is not to return.",
        page: 1,
      },
      { kind: "list_item", text: "A ceasefire in the three districts.", list: { index: 1, ordered: true, item: 1 }, page: 1 },
      { kind: "list_item", text: "Elections, with", list: { index: 1, ordered: true, item: 2 }, page: 1 },
      { kind: "list_item", text: "a council", list: { index: 1, ordered: true, item: 3 }, page: 1 },
      { kind: "quote", text: "Peace is the first of our wishes.", quote: 1, page: 2 },
      { kind: "caption", text: "A map of the three districts.", page: 2 },
      { kind: "paragraph", text: "With respect, the delegation.", page: 2 },
      { kind: "footnote", text: "A copy went to Moscow.", note: "2", page: 2 },
    ]);
  });

  it("makes the names the encoder marked mentions, at their words, with their @ref or @key", async () => {
    const { blocks } = await readTei({ bytes: bytes(teiEdition()) });
    expect(mentioned(blocks[1])).toEqual([
      { start: 14, end: 20, kind: "place", ref: "https://www.geonames.org/1529102", words: "Ghulja" },
      { start: 38, end: 60, kind: "organization", ref: "etr-gov", words: "Provisional Government" },
      { start: 76, end: 91, kind: "person", ref: "#qasimi", words: "Ehmetjan Qasimi" },
    ]);
    expect(mentioned(blocks[4])).toEqual([
      { start: 47, end: 52, kind: "event", ref: "#talks", words: "talks" },
      { start: 64, end: 69, kind: "person", words: "Sheng" },
    ]);
  });

  it("reads front matter only when it holds divisions of prose", async () => {
    const withPreface = teiEdition().replace(
      "<front>",
      '<front><div type="preface"><head>Preface</head><p>This letter was found in 1990.</p></div>',
    );
    const { blocks } = await readTei({ bytes: bytes(withPreface) });
    expect(blocks.slice(0, 2).map((block) => block.text)).toEqual(["Preface", "This letter was found in 1990."]);
  });

  it("refuses a DOCTYPE that declares entities (the billion laughs), at once", async () => {
    const started = performance.now();
    const error = await failure(billionLaughs());
    expect(performance.now() - started).toBeLessThan(1000);
    expect(error).toBeInstanceOf(ImportFailure);
    expect(error).toMatchObject({ code: "unreadable", message: expect.stringContaining("entities") });
  });

  it("refuses an external entity and never reads the file it names", async () => {
    const error = await failure(externalEntity());
    expect(error).toMatchObject({ code: "unreadable" });
    expect((error as Error).message).not.toContain("root:");
  });

  it("fails with unreadable for malformed XML, for XML that is not TEI, and for an undeclared entity", async () => {
    expect(await failure("<TEI><text><body><p>unclosed</body></text></TEI>")).toMatchObject({ code: "unreadable" });
    expect(await failure("<html><body><p>A web page</p></body></html>")).toMatchObject({
      code: "unreadable",
      message: expect.stringContaining("<html>"),
    });
    expect(await failure('<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&nbsp;</p></body></text></TEI>')).toMatchObject({
      code: "unreadable",
    });
  });

  it("fails with unreadable for elements nested thousands deep", async () => {
    const deep = `<TEI><text><body><p>${"<hi>".repeat(20_000)}words${"</hi>".repeat(20_000)}</p></body></text></TEI>`;
    expect(await failure(deep)).toMatchObject({ code: "unreadable", message: expect.stringContaining("deep") });
  });

  it("fails with empty for a TEI file with no text in its body", async () => {
    expect(await failure('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body><p> </p></body></text></TEI>')).toMatchObject({
      code: "empty",
    });
  });
});

import { strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readEpub } from "@/lib/sources/read-epub";
import { ImportFailure, type SourceDocument } from "@/lib/sources/source-document";
import { replacePart } from "@/tests/fixtures/sources/build-docx";
import { buildEpub, type EpubChapter } from "@/tests/fixtures/sources/build-epub";
import { BILLION_LAUGHS, randomBytes, zipBomb } from "@/tests/fixtures/sources/hostile-zips";

const read = (bytes: Uint8Array, progress?: (fraction: number) => void): Promise<SourceDocument> =>
  readEpub({ bytes, name: "book.epub" }, progress);

async function failure(promise: Promise<unknown>): Promise<ImportFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportFailure);
  return error as ImportFailure;
}

const CHAPTERS: EpubChapter[] = [
  {
    file: "text/ch1.xhtml",
    title: "One: Ghulja",
    body: `<section epub:type="chapter"><h1>Ghulja, November 1944</h1>
<p>Rebels took the city by the 12th.<a epub:type="noteref" href="#n1">1</a></p>
<ol><li>The police headquarters;</li><li>the outskirts.</li></ol>
<aside epub:type="footnote" id="n1"><p>Some say the 13th.</p></aside></section>`,
  },
  { file: "notes.xhtml", title: "Editor's Notes", body: `<p>Notes kept apart from the text.</p>`, auxiliary: true },
  {
    file: "text/ch2.xhtml",
    title: "Two: The Republic",
    body: `<p>No heading opens this chapter.</p><blockquote><p>“Drive out the colonizers.”</p></blockquote>
<ul><li>Ili</li><li>Tarbagatay</li></ul>`,
  },
  { file: "cover.xhtml", title: "Cover", body: `<div><img src="cover.jpg" alt="Cover"/></div>` },
];

const METADATA = `<dc:title>The Ili Rebellion</dc:title>
    <dc:creator id="a1">Qasimi, Ehmetjan</dc:creator>
    <dc:creator id="a2">Abdulkerim Abbasov</dc:creator>
    <dc:date>1947-05-09</dc:date>
    <dc:publisher>Ghulja Press</dc:publisher>
    <dc:language>ug-Arab</dc:language>
    <dc:identifier id="uid">urn:isbn:9780000000000</dc:identifier>
    <dc:identifier>https://books.example/ili</dc:identifier>`;

describe("readEpub", () => {
  it("reads the spine in order, linear='no' chapters last, each chapter starting a section", async () => {
    const document = await read(buildEpub(CHAPTERS, { metadata: METADATA }));
    expect(document.format).toBe("epub");
    expect(document.blocks).toEqual([
      { kind: "heading", text: "Ghulja, November 1944", depth: 1 },
      { kind: "paragraph", text: "Rebels took the city by the 12th.1" },
      { kind: "list_item", text: "The police headquarters;", list: { index: 1, ordered: true, item: 1 } },
      { kind: "list_item", text: "the outskirts.", list: { index: 1, ordered: true, item: 2 } },
      { kind: "footnote", text: "Some say the 13th.", note: "1" },
      // The chapter has no heading: the navigation document's title for it is given.
      { kind: "heading", text: "Two: The Republic", depth: 1 },
      { kind: "paragraph", text: "No heading opens this chapter." },
      { kind: "quote", text: "“Drive out the colonizers.”", quote: 1 },
      { kind: "list_item", text: "Ili", list: { index: 2, ordered: false, item: 1 } },
      { kind: "list_item", text: "Tarbagatay", list: { index: 2, ordered: false, item: 2 } },
      { kind: "heading", text: "Editor's Notes", depth: 1 },
      { kind: "paragraph", text: "Notes kept apart from the text." },
    ]);
  });

  it("reads the package's metadata: title, each creator, date, publisher, language, an address among the identifiers", async () => {
    const document = await read(buildEpub(CHAPTERS, { metadata: METADATA }));
    expect(document.metadata).toEqual({
      title: "The Ili Rebellion",
      authors: ["Ehmetjan Qasimi", "Abdulkerim Abbasov"],
      date: "1947-05-09",
      publisher: "Ghulja Press",
      language: "ug-Arab",
      url: "https://books.example/ili",
    });
  });

  it("reports its progress between chapters, from 0 to 1", async () => {
    const fractions: number[] = [];
    await read(buildEpub(CHAPTERS), (fraction) => fractions.push(fraction));
    expect(fractions[0]).toBe(0);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.length).toBe(CHAPTERS.length + 1);
  });

  it("takes a chapter's title from an EPUB 2 NCX when there is no navigation document", async () => {
    const epub = buildEpub([{ file: "c.xhtml", title: "ignored", body: "<p>Text without a heading.</p>" }]);
    const parts = unzipSync(epub);
    const opf = new TextDecoder()
      .decode(parts["OEBPS/content.opf"])
      .replace(/\s*<item id="nav"[^>]*\/>/, '<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>')
      .replace(/\s*<itemref idref="nav"\/>/, "")
      .replace("<spine>", '<spine toc="ncx">');
    delete parts["OEBPS/nav.xhtml"];
    parts["OEBPS/content.opf"] = strToU8(opf);
    parts["OEBPS/toc.ncx"] = strToU8(`<?xml version="1.0"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1"><navMap>
<navPoint id="p1" playOrder="1"><navLabel><text>From the NCX</text></navLabel><content src="c.xhtml#start"/></navPoint>
</navMap></ncx>`);
    const document = await read(zipSync(parts));
    expect(document.blocks[0]).toEqual({ kind: "heading", text: "From the NCX", depth: 1 });
  });

  it("passes over remote resources, hrefs leading out of the file and image pages in the spine", async () => {
    const epub = replacePart(buildEpub(CHAPTERS.slice(0, 1)), "OEBPS/content.opf", (opf) =>
      opf
        .replace(
          "</manifest>",
          `<item id="font" href="https://fonts.example/serif.woff2" media-type="font/woff2"/>
    <item id="out" href="../../outside.xhtml" media-type="application/xhtml+xml"/>
    <item id="map" href="map.svg" media-type="image/svg+xml"/>
  </manifest>`,
        )
        .replace("</spine>", `<itemref idref="out"/><itemref idref="map"/></spine>`),
    );
    const document = await read(
      replacePart(epub, "OEBPS/nav.xhtml", (nav) => nav.replace("</ol>", `<li><a href="../../../x.xhtml">Out</a></li></ol>`)),
    );
    expect(document.blocks.map((block) => block.text)).toContain("Rebels took the city by the 12th.1");
  });

  it("reads a chapter written in UTF-16, as its byte-order mark says", async () => {
    const parts = unzipSync(buildEpub([{ file: "c.xhtml", title: "Ürümqi", body: "<h1>Ürümqi</h1><p>Tihwa, in UTF-16.</p>" }]));
    const xhtml = new TextDecoder().decode(parts["OEBPS/c.xhtml"]).replace('encoding="UTF-8"', 'encoding="UTF-16"');
    parts["OEBPS/c.xhtml"] = new Uint8Array(Buffer.from(`\ufeff${xhtml}`, "utf16le"));
    const document = await read(zipSync(parts));
    expect(document.blocks.map((block) => block.text)).toEqual(["Ürümqi", "Tihwa, in UTF-16."]);
  });

  it("refuses a chapter declaring entities, and a zip bomb", { timeout: 120_000 }, async () => {
    const laughing = replacePart(buildEpub(CHAPTERS), "OEBPS/text/ch1.xhtml", (xhtml) =>
      xhtml.replace(/^<\?xml[^>]*>\s*<!DOCTYPE html>/, BILLION_LAUGHS).replace("Rebels took", "&lol9; Rebels took"),
    );
    const entities = await failure(read(laughing));
    expect(entities.code).toBe("unreadable");
    expect(entities.message).toBe("The file declares XML entities, which Gloss does not read.");
    const bomb = await failure(read(zipBomb("OEBPS/images/map.bin", 300, { mimetype: strToU8("application/epub+zip") })));
    expect(bomb.code).toBe("too_large");
  });

  it("fails with unreadable for a truncated file, random bytes, a missing package or chapter", async () => {
    const epub = buildEpub(CHAPTERS);
    for (const bytes of [epub.subarray(0, epub.length - 100), randomBytes(3000)]) {
      expect((await failure(read(bytes))).code).toBe("unreadable");
    }
    const noContainer = unzipSync(epub);
    delete noContainer["META-INF/container.xml"];
    const container = await failure(read(zipSync(noContainer)));
    expect(container.code).toBe("unreadable");
    expect(container.message).toContain("no container");
    const noChapter = unzipSync(epub);
    delete noChapter["OEBPS/text/ch2.xhtml"];
    const chapter = await failure(read(zipSync(noChapter)));
    expect(chapter.message).toContain("OEBPS/text/ch2.xhtml");
    const badOpf = replacePart(epub, "OEBPS/content.opf", (opf) => opf.slice(0, 200));
    expect((await failure(read(badOpf))).code).toBe("unreadable");
  });

  it("fails with unreadable, not another error, for a chapter nested five thousand elements deep", async () => {
    const deep = `${"<div>".repeat(5_000)}<p>Deep.</p>${"</div>".repeat(5_000)}`;
    const error = await failure(read(buildEpub([{ file: "deep.xhtml", title: "Deep", body: deep }])));
    expect(error.code).toBe("unreadable");
    expect(error.message).toContain("nested more than 512 elements deep");
  });

  it("fails with empty for a book whose chapters hold no text", async () => {
    const error = await failure(read(buildEpub([{ file: "c.xhtml", title: "Cover", body: `<img src="c.jpg" alt=""/>` }])));
    expect(error.code).toBe("empty");
  });
});

import { describe, expect, it } from "vitest";
import { PDFDocument, PDFHexString } from "pdf-lib";
import { readPdf } from "@/lib/sources/read-pdf";
import { isoDate, splitAuthors } from "@/lib/sources/metadata-values";
import { ImportFailure } from "@/lib/sources/source-document";
import { buildImageOnlyPdf, buildLongPdf, buildPdf, type PdfSpec } from "../fixtures/sources/build-pdf";

/** Three pages of an article: what a typesetter and a word processor leave in a PDF. */
const ARTICLE: PdfSpec = {
  title: "The Ili Rebellion",
  author: "Ayşe Demir; John Smith",
  subject: "History",
  creationDate: new Date("2021-03-04T10:00:00Z"),
  runningHead: "Journal of Central Asian History",
  numberedHead: true,
  runningFoot: "Downloaded from the archive",
  pageNumbers: true,
  pages: [
    {
      lines: [
        { text: "The Ili Rebellion", size: 20 },
        { text: "Origins", size: 15, space: 12 },
        { text: "In November 1944 the rebels of Ghulja declared the inde-", space: 8 },
        { text: "pendence of the East Turkistan Republic, with Sino-", mark: "1" },
        { text: "Soviet support that historians still debate." },
        { text: "The second paragraph starts here and it runs on past the", space: 8 },
        { text: "foot of the page so that the reader must join it with the" },
      ],
      footnotes: ["1 On Soviet support, see the consular reports of 1945."],
    },
    {
      lines: [
        { text: "words on the next page, where it ends." },
        { text: "Later Years", size: 15, space: 12 },
        { text: "A third paragraph, on a page of its own.", space: 8 },
      ],
    },
    {
      lines: [{ text: "The last paragraph closes the article." }],
    },
  ],
};

describe("readPdf", () => {
  it("rebuilds an article's headings, paragraphs and footnotes, page by page, without its page furniture", async () => {
    const document = await readPdf({ bytes: await buildPdf(ARTICLE), name: "ili.pdf" });
    expect(document.format).toBe("pdf");
    expect(document.blocks).toEqual([
      { kind: "heading", text: "The Ili Rebellion", page: 1, depth: 1 },
      { kind: "heading", text: "Origins", page: 1, depth: 2 },
      {
        kind: "paragraph",
        text: "In November 1944 the rebels of Ghulja declared the independence of the East Turkistan Republic, with Sino-Soviet support that historians still debate.",
        page: 1,
      },
      {
        kind: "paragraph",
        text: "The second paragraph starts here and it runs on past the foot of the page so that the reader must join it with the words on the next page, where it ends.",
        page: 1,
      },
      { kind: "footnote", text: "On Soviet support, see the consular reports of 1945.", page: 1, note: "1" },
      { kind: "heading", text: "Later Years", page: 2, depth: 2 },
      { kind: "paragraph", text: "A third paragraph, on a page of its own.", page: 2 },
      { kind: "paragraph", text: "The last paragraph closes the article.", page: 3 },
    ]);
  });

  it("reads the info dictionary: title, authors split, creation date as an ISO date, no subject", async () => {
    const { metadata } = await readPdf({ bytes: await buildPdf(ARTICLE) });
    expect(metadata).toEqual({ title: "The Ili Rebellion", authors: ["Ayşe Demir", "John Smith"], date: "2021-03-04" });
  });

  it("takes no title from a word processor's file name, and splits authors joined by “and”", async () => {
    const bytes = await buildPdf({ ...ARTICLE, title: "Microsoft Word - draft3.docx", author: "Ayşe Demir and John Smith" });
    const { metadata } = await readPdf({ bytes });
    expect(metadata.title).toBeUndefined();
    expect(metadata.authors).toEqual(["Ayşe Demir", "John Smith"]);
    expect((await readPdf({ bytes: await buildPdf({ ...ARTICLE, title: "  " }) })).metadata.title).toBeUndefined();
  });

  it("indents: a paragraph starts at an indented first line when the text has no spacing between paragraphs", async () => {
    const bytes = await buildPdf({
      pages: [
        {
          lines: [
            { text: "The first paragraph opens flush at the margin and" },
            { text: "it goes on for a second line." },
            { text: "The second paragraph opens indented as in", indent: 18 },
            { text: "a book, and goes on here." },
          ],
        },
      ],
    });
    const { blocks } = await readPdf({ bytes });
    expect(blocks.map((block) => block.text)).toEqual([
      "The first paragraph opens flush at the margin and it goes on for a second line.",
      "The second paragraph opens indented as in a book, and goes on here.",
    ]);
  });

  it("reads a page set in two columns column by column, its title above them", async () => {
    const bytes = await buildPdf({
      pages: [
        {
          lines: [
            { text: "Two Columns", size: 18 },
            { text: "The left column opens the text, and", space: 10 },
            { text: "its first paragraph ends in it." },
            { text: "A second paragraph starts in the left", space: 8 },
            { text: "column and runs on at the top of the" },
          ],
          rightColumn: {
            from: 1,
            lines: [
              { text: "right column, where it ends at last.", space: 10 },
              { text: "The right column's own paragraph", space: 8 },
              { text: "closes the page and the text." },
            ],
          },
        },
      ],
    });
    const { blocks } = await readPdf({ bytes });
    expect(blocks.map((block) => `${block.kind}: ${block.text}`)).toEqual([
      "heading: Two Columns",
      "paragraph: The left column opens the text, and its first paragraph ends in it.",
      "paragraph: A second paragraph starts in the left column and runs on at the top of the right column, where it ends at last.",
      "paragraph: The right column's own paragraph closes the page and the text.",
    ]);
  });

  it("reports its progress page by page, up to 1", async () => {
    const fractions: number[] = [];
    await readPdf({ bytes: await buildPdf(ARTICLE) }, (fraction) => fractions.push(fraction));
    expect(fractions).toEqual([1 / 3, 2 / 3, 1]);
  });

  it("reads a long PDF's paragraphs whole across its pages, without heads or page numbers", async () => {
    const { bytes, paragraphs } = await buildLongPdf(12);
    const { blocks } = await readPdf({ bytes });
    expect(blocks.map((block) => block.text)).toEqual(paragraphs);
    expect(blocks.at(-1)?.page).toBe(12);
    expect(blocks.filter((block) => block.kind === "heading").map((block) => block.depth)).toEqual([1, 1, 1]);
  });

  it("fails with no_text_layer, saying OCR is needed, for a PDF of scanned images", async () => {
    const failure = await readPdf({ bytes: await buildImageOnlyPdf() }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ImportFailure);
    expect(failure).toMatchObject({ code: "no_text_layer", message: expect.stringContaining("OCR") });
  });

  it("fails with unreadable for a damaged PDF and for a file that is not a PDF", async () => {
    const good = await buildPdf(ARTICLE);
    const damaged = good.slice(0, Math.floor(good.length / 3));
    for (const bytes of [damaged, new TextEncoder().encode("Just some words, not a PDF.")]) {
      const failure = await readPdf({ bytes, name: "paper.pdf" }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ImportFailure);
      expect(failure).toMatchObject({ code: "unreadable", message: expect.stringContaining("paper.pdf") });
    }
  });

  it("fails with unreadable for a PDF locked by a password", async () => {
    // pdf-lib cannot encrypt; a PDF whose trailer names an encryption dictionary that pdf.js
    // cannot open with an empty password is one locked by a password.
    const pdf = await PDFDocument.load(await buildPdf(ARTICLE));
    const hex = (bytes: number) => PDFHexString.of("ab".repeat(bytes));
    const encrypt = pdf.context.obj({ Filter: "Standard", V: 2, R: 3, Length: 128, P: -3904, O: hex(32), U: hex(32) });
    pdf.context.trailerInfo.Encrypt = pdf.context.register(encrypt);
    pdf.context.trailerInfo.ID = pdf.context.obj([hex(16), hex(16)]);
    const failure = await readPdf({ bytes: await pdf.save({ useObjectStreams: false }) }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: "unreadable", message: expect.stringContaining("password") });
  });
});

describe("the PDF's metadata values", () => {
  it("splits authors on semicolons, “and” and ampersands", () => {
    expect(splitAuthors("A. Smith; B. Jones")).toEqual(["A. Smith", "B. Jones"]);
    expect(splitAuthors("A. Smith & B. Jones and C. Lee")).toEqual(["A. Smith", "B. Jones", "C. Lee"]);
  });

  it("turns PDF and XMP dates into ISO dates", () => {
    expect(isoDate("D:20210304100000+01'00'")).toBe("2021-03-04");
    expect(isoDate("D:1998")).toBe("1998");
    expect(isoDate("2019-07-01T09:00:00Z")).toBe("2019-07-01");
    expect(isoDate("nonsense")).toBeUndefined();
  });
});

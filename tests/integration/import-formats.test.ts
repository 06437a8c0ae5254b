import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb, getDb } from "@/lib/db";
import { stopImportQueue } from "@/lib/imports/queue";
import { startImportWorker, type ImportWorker } from "@/lib/imports/worker";
import { buildDocx, passagesAsDocx } from "../fixtures/sources/build-docx";
import { buildEpub } from "../fixtures/sources/build-epub";
import { buildImageOnlyPdf, buildLongPdf } from "../fixtures/sources/build-pdf";
import { randomBytes, zipBomb } from "../fixtures/sources/hostile-zips";
import { seedEdition, seedPage } from "../fixtures/sources/seed-page";
import { billionLaughs, externalEntity, teiEdition } from "../fixtures/sources/tei";
import { signUp, type Account } from "./accounts";
import { postImport, waitForImport, type ImportFormInput } from "./imports";

process.env.BETTER_AUTH_SECRET ??= "test-secret-for-the-import-format-tests-0123456789";
process.env.GLOSS_UPLOAD_DIR = fs.mkdtempSync("/tmp/gloss-uploads-");

const run = Date.now().toString(36);
let owner: Account;
let worker: ImportWorker;

beforeAll(async () => {
  owner = await signUp(`formats-${run}@example.test`);
  worker = await startImportWorker(getDb(), 2);
});

afterAll(async () => {
  await worker.stop();
  await stopImportQueue();
  await disconnectDb();
});

/** Imports through the API and the worker; the stored document with its passages, or the failure. */
async function importThrough(input: ImportFormInput) {
  const response = await postImport(input, owner.cookie);
  expect(response.status).toBe(202);
  const over = await waitForImport((await response.json()).import.id, owner.cookie, 120_000);
  if (over.status === "failed") return { failed: over.error as { code: string; message: string } };
  const document = await getDb().document.findUniqueOrThrow({
    where: { slug: over.document.slug },
    include: { currentVersion: { include: { passages: { orderBy: { ordinal: "asc" } } } } },
  });
  return { document, passages: document.currentVersion!.passages };
}

/** How many of the seed edition's passages an import gives back word for word, in order. */
function seedMatches(texts: string[]): number {
  const expected = seedEdition().passages.map((p) => p.text);
  let at = 0;
  let matched = 0;
  for (const text of texts) {
    const found = expected.indexOf(text, at);
    if (found >= 0) {
      matched += 1;
      at = found + 1;
    }
  }
  return matched;
}

describe("the seed article in other formats imports to the same passages", () => {
  it("as a saved web page: all 107 passages, the title, none of the furniture", async () => {
    const { document, passages } = await importThrough({ file: { bytes: seedPage(), name: "second-etr.html", type: "text/html" } });
    expect(document!.title).toBe("Second East Turkistan Republic");
    expect(document!.format).toBe("html");
    expect(seedMatches(passages!.map((p) => p.text))).toBe(107);
    expect(passages!.map((p) => p.text).join("\n")).not.toMatch(/Menu Close|We use cookies|Leave a Reply|window\.dataLayer/);
  });

  it("as a Word file: all 107 passages", async () => {
    const edition = seedEdition();
    const bytes = await buildDocx(passagesAsDocx(edition.passages), { title: edition.metadata.title, creator: `Writer ${run}` });
    const { document, passages } = await importThrough({ file: { bytes, name: "second-etr.docx" } });
    expect(document!.format).toBe("docx");
    expect(document!.metadata).toMatchObject({ author: `Writer ${run}` });
    expect(seedMatches(passages!.map((p) => p.text))).toBe(107);
  });
});

describe("each format through the whole pipeline", () => {
  it("a PDF: passages know their page and are labelled by it, running heads and page numbers gone", async () => {
    const { bytes, paragraphs } = await buildLongPdf(6);
    const { document, passages } = await importThrough({ file: { bytes, name: "report.pdf" } });
    expect(document!.format).toBe("pdf");
    const texts = passages!.map((p) => p.text);
    for (const paragraph of paragraphs) expect(texts).toContain(paragraph);
    expect(texts).not.toContain("A Long Report");
    const paged = passages!.filter((p) => p.kind !== "heading");
    expect(paged.every((p) => p.page !== null && p.page >= 1 && p.page <= 6)).toBe(true);
    expect(paged[0].label).toMatch(/^p\. \d+ ¶\d+$/);
    // The API gives each passage its page, and the metadata the contract's fields.
    const { GET } = await import("@/app/api/documents/[slug]/route");
    const served = await (
      await GET(new Request(`http://gloss.test/api/documents/${document!.slug}`, { headers: { cookie: owner.cookie } }), {
        params: Promise.resolve({ slug: document!.slug }),
      })
    ).json();
    expect(served.metadata).toMatchObject({ format: "pdf", visibility: "private", authors: expect.any(Array), date: expect.anything() });
    expect(served.passages.find((p: { kind: string }) => p.kind !== "heading").page).toBeGreaterThanOrEqual(1);
  });

  it("a TEI file: its marked names become mentions of entities of the importer's", async () => {
    const { document, passages } = await importThrough({ file: { bytes: teiEdition(), name: `letter-${run}.xml` } });
    expect(document!.format).toBe("tei");
    expect(document!.title).toBe("A Letter from Ghulja");
    expect(passages!.some((p) => p.kind === "footnote")).toBe(true);
    const mentions = await getDb().annotation.findMany({
      where: { documentId: document!.id, motivation: "identifying" },
      include: { entity: true },
    });
    const named = new Map(mentions.map((m) => [m.exact, m.entity!]));
    expect(named.get("Ghulja")).toMatchObject({ kind: "place", createdById: owner.id });
    expect(named.get("Ehmetjan Qasimi")).toMatchObject({ kind: "person" });
    for (const mention of mentions) expect(document!.currentVersion!.text.slice(mention.start, mention.end)).toBe(mention.exact);
  });

  it("an EPUB: each chapter a section, in the spine's order", async () => {
    const bytes = buildEpub(
      [
        { file: "one.xhtml", title: "The First Chapter", body: "<h1>The First Chapter</h1><p>It began in Ghulja.</p>" },
        { file: "two.xhtml", title: "The Second Chapter", body: "<p>It went on in Tihwa.</p>" },
      ],
      {
        metadata: `<dc:title>A Book ${run}</dc:title><dc:creator>An Author</dc:creator><dc:language>en</dc:language><dc:identifier id="uid">urn:uuid:1</dc:identifier>`,
      },
    );
    const { document, passages } = await importThrough({ file: { bytes, name: "book.epub" } });
    expect(document!.title).toBe(`A Book ${run}`);
    expect(passages!.filter((p) => p.kind === "heading" && p.paragraph === 0).map((p) => p.text)).toEqual([
      "The First Chapter",
      "The Second Chapter",
    ]);
    expect(passages!.map((p) => p.text)).toContain("It went on in Tihwa.");
  });

  it("markdown and plain text", async () => {
    const markdown = await importThrough({ file: { bytes: `# Notes ${run}\n\nA paragraph.\n\n- one\n- two\n`, name: "notes.md" } });
    expect(markdown.document!.title).toBe(`Notes ${run}`);
    expect(markdown.passages!.map((p) => p.kind)).toEqual(["paragraph", "list_item", "list_item"]);
    const text = await importThrough({
      file: { bytes: `Menu Close\n\nA line\u00a0with  spaces ${run}.\n\n\n\nAnother.`, name: "capture.txt" },
    });
    expect(text.passages!.map((p) => p.text)).toEqual([`A line with spaces ${run}.`, "Another."]);
  });
});

describe("hostile and broken files fail in words and store nothing", () => {
  it.each([
    [
      "a zip bomb named .docx",
      () => ({ file: { bytes: zipBomb("word/document.xml", 300), name: "bomb.docx" } }),
      ["too_large", "unreadable"],
    ],
    ["a DOCX of random bytes", () => ({ file: { bytes: randomBytes(20_000), name: "broken.docx" } }), ["unreadable"]],
    ["a TEI file declaring entities", () => ({ file: { bytes: billionLaughs(), name: "laughs.xml" } }), ["unreadable"]],
    ["a TEI file with an external entity", () => ({ file: { bytes: externalEntity(), name: "passwd.xml" } }), ["unreadable"]],
    ["a PDF of random bytes", () => ({ file: { bytes: randomBytes(20_000), name: "broken.pdf" } }), ["unreadable"]],
  ] as Array<[string, () => ImportFormInput, string[]]>)("%s", async (_name, input, codes) => {
    const before = await Promise.all([getDb().document.count(), getDb().documentVersion.count(), getDb().passage.count()]);
    const { failed } = await importThrough(input());
    expect(codes).toContain(failed?.code);
    expect(failed!.message).toMatch(/\w{3,}/);
    expect(await Promise.all([getDb().document.count(), getDb().documentVersion.count(), getDb().passage.count()])).toEqual(before);
  });

  it("a PDF without a text layer says that OCR is needed", async () => {
    const { failed } = await importThrough({ file: { bytes: await buildImageOnlyPdf(), name: "scan.pdf" } });
    expect(failed).toMatchObject({ code: "no_text_layer" });
    expect(failed!.message).toMatch(/OCR/);
  });

  it("a web page's scripts and styles are neither run nor kept", async () => {
    const page = `<!doctype html><html><head><title>Scripts ${run}</title><style>body{font-family:x}</style><script>window.ran = "yes"</script></head>
<body><article><h1>Scripts ${run}</h1><p>The text <img src=x onerror="window.ran='img'"> stays.</p><script>document.write("injected")</script><p>A second paragraph of the article, long enough for it to be read as the article's own text.</p></article></body></html>`;
    const { passages } = await importThrough({ file: { bytes: page, name: "scripts.html" } });
    const text = passages!.map((p) => p.text).join("\n");
    expect(text).toContain("The text stays.");
    expect(text).not.toMatch(/window|injected|font-family|onerror|<\w/);
  });
});

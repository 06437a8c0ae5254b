import fs from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "@/scripts/chromium";
import { readPdf } from "@/lib/sources/read-pdf";
import type { SourceDocument } from "@/lib/sources/source-document";
import { parseDocument } from "@/lib/text-model/parse-document";
import { printEdition } from "../fixtures/sources/print-pdf";

// The seed edition saved as PDF from a browser reads back to the edition's passages. Chromium
// prints it (a few seconds, no server needed, so the test runs with the unit tests): the title at
// the head of every page, the page's number at its foot, paragraphs running across pages.

const edition = parseDocument(fs.readFileSync(path.join(__dirname, "../../content/second-east-turkistan-republic.md"), "utf8"));
let browser: Browser;
let read: SourceDocument;

beforeAll(async () => {
  browser = await launchBrowser();
  read = await readPdf({ bytes: await printEdition(browser, edition), name: "second-east-turkistan-republic.pdf" });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe("the seed edition printed to PDF by Chromium", () => {
  it("reads back to the edition's passages, in order, nearly all of them word for word", () => {
    const expected = edition.passages.map((passage) => passage.text);
    const found = read.blocks.map((block) => block.text);
    const exact = found.filter((text) => expected.includes(text));
    // 103 of the 107: the one bulleted list's four last items, whose bullets Chromium draws as
    // shapes rather than letters, read as one indented block.
    expect(exact.length).toBeGreaterThanOrEqual(103);
    expect(exact).toEqual(expected.filter((text) => exact.includes(text)));
    // Every word of the edition is there, in order, whatever the blocks.
    expect(found.join(" ")).toBe(expected.join(" "));
  });

  it("drops the running head and the page numbers, and keeps the title as the metadata's", () => {
    expect(read.metadata.title).toBe(edition.metadata.title);
    expect(read.blocks.some((block) => block.text === edition.metadata.title || /^\d+$/.test(block.text))).toBe(false);
  });

  it("reads the sections' headings, and gives each block the page it starts on", () => {
    const headings = (blocks: Array<{ kind: string; text: string }>) =>
      blocks.filter((block) => block.kind === "heading").map((block) => block.text);
    expect(headings(read.blocks)).toEqual(headings(edition.passages));
    const pages = read.blocks.map((block) => block.page ?? 0);
    expect(pages[0]).toBe(1);
    expect(pages.every((page, i) => i === 0 || page >= pages[i - 1])).toBe(true);
    expect(pages.at(-1)).toBeGreaterThan(5);
  });
});

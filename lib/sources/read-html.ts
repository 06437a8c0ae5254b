import { Readability } from "@mozilla/readability";
import { BlockCollector, collectBlocks, findFootnotes, footnoteBlock, normaliseText, parseHtmlDocument } from "./html-blocks";
import { htmlMetadata } from "./html-metadata";
import { asImportFailure } from "./as-import-failure";
import { ImportFailure, type SourceBlock, type SourceDocument, type SourceFile, type SourceReader } from "./source-document";

export { blocksFromHtml } from "./html-blocks";

/**
 * Page furniture by the words sites name it with, in a class or id: share buttons, cookie and
 * consent notices, comment threads and forms, newsletters, breadcrumbs, skip links. Readability
 * scores some of these down but keeps them when they sit inside the article's container.
 */
const FURNITURE_NAME =
  /(^|[\s_-])(share|sharing|sharedaddy|social|cookies?|consent|gdpr|comments?|respond|newsletter|subscribe|breadcrumbs?|skip-link|menu|related|advert|sidebar|site-header|site-footer|masthead)($|[\s_-])/i;

/** Furniture by what it is: navigation, banners, forms, the page's own header and footer. */
const FURNITURE_SELECTOR = [
  "nav",
  "form",
  "button",
  "dialog",
  "[role=navigation]",
  "[role=banner]",
  "[role=contentinfo]",
  "[role=search]",
  "[role=dialog]",
  "[role=alertdialog]",
  "[role=menu]",
  "[role=menubar]",
].join(",");

/**
 * Reads a saved web page: its main content found by Mozilla's Readability, then headings,
 * paragraphs, lists, quotes, figures' captions and footnotes as blocks; its metadata from the
 * page's head. Scripts never run (linkedom runs none) and their text is never read.
 *
 * @throws ImportFailure "unreadable" when the bytes are not text, "empty" when no text is left
 *   once the furniture is gone
 */
export const readHtml: SourceReader = async (file) => {
  try {
    return await readPage(file);
  } catch (error) {
    throw asImportFailure(error, "web page");
  }
};

async function readPage(file: SourceFile): Promise<SourceDocument> {
  const document = parseHtmlDocument(decodeHtml(file.bytes));
  const metadata = htmlMetadata(document);
  const body = document.body;
  if (!body) throw new ImportFailure("empty", "The web page has no text.");

  removeFurniture(body);
  // Notes before Readability, which drops asides and often the endnotes' list below the article;
  // after the furniture, so that a site footer's "footnote" is no note. They are read from where
  // they stand, then follow the text, as endnotes do.
  const notes = findFootnotes(body);
  const noteBlocks = new BlockCollector();
  for (const [note, number] of notes) {
    noteBlocks.add(footnoteBlock(note, number));
    note.remove();
  }
  const blocks = mainContentBlocks(document, metadata.title);
  if (blocks.length === 0) throw new ImportFailure("empty", "The web page has no text besides its navigation and furniture.");
  return { format: "html", metadata, blocks: [...blocks, ...noteBlocks.blocks] };
}

function removeFurniture(body: Element): void {
  for (const el of [...body.querySelectorAll(FURNITURE_SELECTOR)]) el.remove();
  for (const el of [...body.querySelectorAll("[class], [id]")]) {
    if (!el.isConnected || el.localName === "body" || el.localName === "html") continue;
    const names = `${el.getAttribute("class") ?? ""} ${el.getAttribute("id") ?? ""}`;
    if (FURNITURE_NAME.test(names) && !el.querySelector("article, main, [role=main]")) el.remove();
  }
  // The page's own header and footer; an article's header (its title, byline) stays.
  for (const el of [...body.querySelectorAll("header, footer")]) {
    if (!el.closest("article, main, [role=main]")) el.remove();
  }
}

/** The main content's blocks, found by Readability; without a heading repeating the title. */
function mainContentBlocks(document: Document, title: string | undefined): SourceBlock[] {
  let content: string | null | undefined;
  try {
    content = new Readability(document, { keepClasses: false }).parse()?.content;
  } catch {
    throw new ImportFailure("unreadable", "The web page could not be read: its structure is too damaged.");
  }
  if (!content) return [];
  const main = parseHtmlDocument(content);
  const out = new BlockCollector();
  collectBlocks(main.body ?? main.documentElement, out, new Map());
  const blocks = out.blocks;
  const first = blocks[0];
  if (first?.kind === "heading" && title && normaliseText(first.text).toLowerCase() === title.toLowerCase()) {
    return blocks.slice(1);
  }
  return blocks;
}

/**
 * The page's text, decoded as a browser would: by its byte-order mark, else the charset its
 * `<meta>` declares in the first 1024 bytes, else UTF-8. Bytes that are no text at all (NUL
 * bytes, or a run of undecodable ones) are refused.
 */
export function decodeHtml(bytes: Uint8Array): string {
  let encoding = "utf-8";
  let offset = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) offset = 3;
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) [encoding, offset] = ["utf-16le", 2];
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) [encoding, offset] = ["utf-16be", 2];
  else {
    const head = Buffer.from(bytes.subarray(0, 1024)).toString("latin1");
    const declared = /<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)/i.exec(head)?.[1];
    // A page cannot truly be UTF-16 without a byte-order mark: browsers read such a label as UTF-8.
    if (declared && !/^utf-?16/i.test(declared)) encoding = declared;
  }
  let text: string;
  try {
    text = new TextDecoder(encoding).decode(bytes.subarray(offset));
  } catch {
    text = new TextDecoder("utf-8").decode(bytes.subarray(offset));
  }
  const undecodable = (text.match(/[\u0000\ufffd]/g) ?? []).length;
  if (text.includes("\u0000") || (undecodable > 8 && undecodable > text.length / 100)) {
    throw new ImportFailure("unreadable", "The file is not a web page: its bytes are not text.");
  }
  return text;
}

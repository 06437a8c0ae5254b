import path from "node:path/posix";
import { BlockCollector, collectBlocks, normaliseText, parseHtmlDocument } from "./html-blocks";
import { compactMetadata, httpUrl, isoDate, languageTag, personNames, textValue } from "./metadata-values";
import { asImportFailure } from "./as-import-failure";
import {
  ImportFailure,
  type ReportProgress,
  type SourceBlock,
  type SourceDocument,
  type SourceFile,
  type SourceMetadata,
  type SourceReader,
} from "./source-document";
import { decodeXml, descendants, parseXmlPart, type XmlElement } from "./xml-parts";
import { readZip } from "./zip";

const WHAT = "EPUB file";
/** The parts an EPUB's text and package are in; images, fonts and styles are checked but not kept. */
const TEXT_PART = /\.(xml|opf|ncx|xhtml|xht|html|htm)$/i;

/** What a spine item must be to be read as a chapter. */
const CHAPTER_TYPES = new Set(["application/xhtml+xml", "text/html"]);

interface ManifestItem {
  href: string;
  mediaType: string;
  properties: string[];
}

/**
 * Reads an e-book: META-INF/container.xml names the package (OPF); its spine gives the chapters
 * in reading order (those marked linear="no", such as notes or a cover, after the others), each
 * chapter's XHTML read by the block path and starting a section of its own. Metadata from the
 * package: dc:title, dc:creator (each), dc:date, dc:publisher, dc:language, dc:identifier when
 * it is an http(s) address.
 *
 * @throws ImportFailure "unreadable" for a damaged or hostile file, "too_large", "empty"
 */
export const readEpub: SourceReader = async (file, progress) => {
  try {
    return await readBook(file, progress);
  } catch (error) {
    throw asImportFailure(error, WHAT);
  }
};

async function readBook(file: SourceFile, progress?: ReportProgress): Promise<SourceDocument> {
  const parts = await readZip(file.bytes, { what: WHAT, keep: (name) => TEXT_PART.test(name) });
  const part = (name: string, what: string) => {
    const bytes = parts.bytes.get(name);
    if (!bytes) throw new ImportFailure("unreadable", `The ${WHAT} is incomplete: it has no ${what} (${name}).`);
    return bytes;
  };

  const container = parseXmlPart(part("META-INF/container.xml", "container"), `${WHAT}'s container`);
  const opfPath = descendants(container, "rootfile")
    .filter((rootfile) => (rootfile.attributes["media-type"] ?? "application/oebps-package+xml") === "application/oebps-package+xml")
    .map((rootfile) => rootfile.attributes["full-path"])
    .find(Boolean);
  if (!opfPath) throw new ImportFailure("unreadable", `The ${WHAT} is damaged: its container names no package.`);
  const opf = parseXmlPart(part(opfPath, "package"), `${WHAT}'s package (${opfPath})`);
  const resolve = (href: string) => inPackage(opfPath, href);

  const manifest = new Map<string, ManifestItem>();
  for (const item of descendants(opf, "item")) {
    const { id } = item.attributes;
    const href = item.attributes.href && resolve(item.attributes.href);
    if (!id || !href) continue;
    manifest.set(id, {
      href,
      mediaType: item.attributes["media-type"] ?? "",
      properties: (item.attributes.properties ?? "").split(/\s+/),
    });
  }
  const spineElement = descendants(opf, "spine")[0];
  const itemrefs = spineElement ? descendants(spineElement, "itemref") : [];
  const linear = itemrefs.filter((ref) => ref.attributes.linear !== "no");
  const auxiliary = itemrefs.filter((ref) => ref.attributes.linear === "no");
  const nav = [...manifest.values()].find((item) => item.properties.includes("nav"));
  const chapters = [...linear, ...auxiliary]
    .map((ref) => manifest.get(ref.attributes.idref ?? ""))
    // The navigation document is the contents, furniture; an image or SVG page has no text to read.
    .filter((item): item is ManifestItem => item !== undefined && item !== nav && CHAPTER_TYPES.has(item.mediaType));
  if (chapters.length === 0) throw new ImportFailure("unreadable", `The ${WHAT} is damaged: its spine lists no chapter.`);

  const titles = chapterTitles(opf, manifest, spineElement, nav, parts.bytes, resolve);
  const metadata = packageMetadata(opf);

  // One collector for the book, so that lists and quotes are numbered through it, not per chapter.
  const out = new BlockCollector();
  const chapterBlocks: SourceBlock[][] = [];
  for (const [i, chapter] of chapters.entries()) {
    progress?.(i / chapters.length);
    const document = parseHtmlDocument(decodeXml(part(chapter.href, "chapter")));
    const first = out.blocks.length;
    if (document.body) collectBlocks(document.body, out);
    chapterBlocks.push(out.blocks.slice(first));
    // A chapter's own <title> is the last resort for its heading (often the book's title instead).
    if (!titles.has(chapter.href)) {
      const own = textValue(document.querySelector("title")?.textContent);
      if (own && own !== metadata.title) titles.set(chapter.href, own);
    }
  }
  progress?.(1);

  // Chapters open with headings of the depth most of them use; a chapter without one gets one.
  const depths = chapterBlocks
    .map((blocks) => blocks[0])
    .filter((b) => b?.kind === "heading")
    .map((b) => b!.depth ?? 1);
  const depth = depths.length > 0 ? Math.min(...depths) : 1;
  const blocks: SourceBlock[] = [];
  for (const [i, chapter] of chapters.entries()) {
    const own = chapterBlocks[i];
    if (own.length === 0) continue; // A cover or a page of images: no text, no section.
    const title = titles.get(chapter.href);
    if (own[0].kind !== "heading" && title) blocks.push({ kind: "heading", text: title, depth });
    blocks.push(...own);
  }
  if (blocks.length === 0) throw new ImportFailure("empty", "The e-book has no text.");
  return { format: "epub", metadata, blocks };
}

/**
 * A path inside the zip from an href relative to the document at `from`; undefined for an href
 * that leads out of the file or to another site (EPUB 3 allows remote fonts and media).
 */
function inPackage(from: string, href: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return undefined;
  let decoded = href.split("#")[0];
  try {
    decoded = decodeURIComponent(decoded);
  } catch {
    // An href that is not percent-encoded properly is taken as written.
  }
  const joined = path.normalize(path.join(path.dirname(from), decoded));
  return joined.startsWith("../") || joined.startsWith("/") ? undefined : joined;
}

/**
 * Each chapter's title by its path, for a chapter whose text opens with no heading. From the
 * EPUB 3 navigation document's table of contents first, then the EPUB 2 NCX's navPoints, then
 * the OPF's guide (its references' titles); the first entry naming a file wins.
 */
function chapterTitles(
  opf: XmlElement,
  manifest: Map<string, ManifestItem>,
  spine: XmlElement | undefined,
  nav: ManifestItem | undefined,
  bytes: Map<string, Uint8Array>,
  resolve: (href: string) => string | undefined,
): Map<string, string> {
  const titles = new Map<string, string>();
  const set = (file: string | undefined, title: string | undefined) => {
    const text = textValue(title);
    if (file && text && !titles.has(file)) titles.set(file, text);
  };
  const navBytes = nav && bytes.get(nav.href);
  if (nav && navBytes) {
    const document = parseHtmlDocument(decodeXml(navBytes));
    const toc =
      [...document.querySelectorAll("nav")].find((el) => (el.getAttribute("epub:type") ?? "").split(/\s+/).includes("toc")) ??
      document.querySelector("nav");
    for (const a of toc?.querySelectorAll("a[href]") ?? []) {
      set(inPackage(nav.href, a.getAttribute("href")!), normaliseText(a.textContent ?? ""));
    }
  }
  const ncx = manifest.get(spine?.attributes.toc ?? "");
  const ncxBytes = ncx && bytes.get(ncx.href);
  if (ncx && ncxBytes) {
    for (const point of descendants(parseXmlPart(ncxBytes, `${WHAT}'s table of contents`), "navPoint")) {
      const label = point.children.find((child) => child.local === "navLabel");
      const content = point.children.find((child) => child.local === "content");
      if (label && content?.attributes.src) set(inPackage(ncx.href, content.attributes.src), label.text);
    }
  }
  for (const reference of descendants(opf, "reference")) {
    if (reference.attributes.href) set(resolve(reference.attributes.href), reference.attributes.title);
  }
  return titles;
}

/** The package's Dublin Core metadata. */
function packageMetadata(opf: XmlElement): SourceMetadata {
  const metadata = descendants(opf, "metadata")[0];
  if (!metadata) return {};
  const dc = (local: string) =>
    metadata.children.filter((child) => child.local === local && child.uri === "http://purl.org/dc/elements/1.1/");
  const url = dc("identifier")
    .map((identifier) => httpUrl(identifier.text))
    .find(Boolean);
  return compactMetadata({
    title: textValue(dc("title")[0]?.text),
    authors: personNames(dc("creator").map((creator) => creator.text)),
    date: isoDate(dc("date")[0]?.text),
    publisher: textValue(dc("publisher")[0]?.text),
    language: languageTag(dc("language")[0]?.text),
    url,
  });
}

import { DOMParser } from "linkedom";
import { ImportFailure, SOURCE_LIMITS, type SourceBlock } from "./source-document";

/*
 * The block path shared by HTML, DOCX (through mammoth's HTML) and EPUB (its XHTML chapters):
 * a DOM subtree walked in document order into SourceBlocks of plain text. It keeps what a reader
 * reads and no markup: scripts, styles, forms and navigation are never walked.
 */

/** linkedom's element type: the DOM's Element, as far as this module uses it. */
type El = Element;

/** Elements that hold no text a reader reads (or are controls and navigation). */
const SKIPPED = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "head",
  "title",
  "meta",
  "link",
  "iframe",
  "object",
  "embed",
  "canvas",
  "svg",
  "math",
  "form",
  "button",
  "input",
  "select",
  "textarea",
  "nav",
  "audio",
  "video",
  "map",
]);

/** Elements that start a block of their own; everything else is inline text. */
const BLOCK = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "body",
  "caption",
  "center",
  "dd",
  "details",
  "dialog",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hgroup",
  "hr",
  "html",
  "li",
  "main",
  "ol",
  "p",
  "pre",
  "section",
  "summary",
  "table",
  "tbody",
  "td",
  "tfoot",
  "th",
  "thead",
  "tr",
  "ul",
]);

const BLOCK_SELECTOR = [...BLOCK].join(",");

/**
 * A block's words as a reader reads them: every kind of space (NBSP included) one space, no
 * invisible soft hyphens or zero-width spaces, no space at either end.
 */
export function normaliseText(text: string): string {
  return text
    .replace(/[\u00ad\u200b\u2060\ufeff]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

const tag = (node: El) => node.localName?.toLowerCase() ?? "";

/** Hidden from every reader: the `hidden` attribute or aria-hidden (icons, duplicated labels). */
function isHidden(el: El): boolean {
  return el.hasAttribute("hidden") || el.getAttribute("aria-hidden") === "true";
}

/** The text of inline content, with line breaks as spaces and skipped elements left out. */
function inlineText(node: Node): string {
  if (node.nodeType === 3) return node.nodeValue ?? "";
  if (node.nodeType !== 1) return "";
  const el = node as El;
  const name = tag(el);
  if (SKIPPED.has(name) || isHidden(el)) return "";
  if (name === "br" || name === "img") return " ";
  let text = "";
  for (const child of el.childNodes) text += inlineText(child);
  // Cells, list items and the like met inside inline content are still separate words.
  return BLOCK.has(name) ? ` ${text} ` : text;
}

/** What marks an element as a footnote or endnote in HTML, EPUB and mammoth's output. */
const FOOTNOTE_ROLES = new Set(["doc-footnote", "doc-endnote", "doc-rearnote"]);
const FOOTNOTE_TYPES = new Set(["footnote", "endnote", "rearnote", "note"]);

/**
 * Finds the footnotes a document marks: `role=doc-footnote` (or endnote), `epub:type=footnote`,
 * class `footnote`, and list items with an id that a link in the text points at (`<a
 * href="#fn1">`, mammoth's `#footnote-1`). Returns each with its number as printed.
 */
export function findFootnotes(root: El): Map<El, string> {
  const notes = new Map<El, string>();
  const referenced = new Map<string, string>();
  for (const a of root.querySelectorAll("a[href^='#']")) {
    const id = decodeFragment(a.getAttribute("href")!.slice(1));
    const mark = noteMark(a.textContent ?? "");
    // The reference that prints a mark, rather than a cross-reference's words ("see the note").
    if (id && (!referenced.has(id) || (mark && !noteMark(referenced.get(id)!)))) referenced.set(id, mark ?? "");
  }
  // A note's own paragraphs and items are the note's: skipped once it is found.
  const inNote = new Set<El>();
  const candidates = root.querySelectorAll("aside, div, section, p, li");
  for (const el of candidates) {
    if (inNote.has(el)) continue;
    const role = el.getAttribute("role") ?? "";
    const type = (el.getAttribute("epub:type") ?? "").split(/\s+/);
    const classes = (el.getAttribute("class") ?? "").split(/\s+/);
    const id = el.getAttribute("id") ?? "";
    const marked =
      FOOTNOTE_ROLES.has(role) ||
      type.some((t) => FOOTNOTE_TYPES.has(t)) ||
      classes.includes("footnote") ||
      (tag(el) === "li" && id !== "" && referenced.has(id) && tag(el.parentElement!) === "ol");
    if (!marked) continue;
    notes.set(el, noteNumber(el, id ? referenced.get(id) : undefined));
    for (const inner of el.querySelectorAll("*")) inNote.add(inner);
  }
  return notes;
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/** A note's mark as a reference prints it ("[3]" -> "3", "*", "iv", "a"), or undefined for other words ("note"). */
function noteMark(text: string): string | undefined {
  const printed = normaliseText(text)
    .replace(/^\[(.*)\]$/, "$1")
    .trim();
  return /^(\d{1,4}|[ivxlcdm]{1,6}|\p{L}|[*†‡§¶#]{1,3})$/iu.test(printed) ? printed : undefined;
}

/** The note's number: the mark its reference prints, else its place in its list, else its id's digits. */
function noteNumber(el: El, referenceMark: string | undefined): string {
  if (referenceMark) return referenceMark;
  if (tag(el) === "li" && el.parentElement) {
    const list = el.parentElement;
    const items = [...list.children].filter((child) => tag(child) === "li");
    const start = Number.parseInt(list.getAttribute("start") ?? "1", 10);
    return String((Number.isFinite(start) ? start : 1) + items.indexOf(el));
  }
  const digits = /(\d+)\s*$/.exec(el.getAttribute("id") ?? "");
  return digits ? digits[1] : "";
}

/** Links inside a note that lead back to its reference ("↩", "↑", mammoth's back-link). */
function removeBackLinks(note: El): void {
  for (const a of [...note.querySelectorAll("a")]) {
    const text = normaliseText(a.textContent ?? "");
    const href = a.getAttribute("href") ?? "";
    const back =
      a.getAttribute("role") === "doc-backlink" ||
      /^#(fnref|footnote-ref|endnote-ref|ref)/i.test(href) ||
      (href.startsWith("#") && /^[↩↑^⤴\u21a9\ufe0e\s]*$/.test(text));
    if (back) a.remove();
  }
}

/** A note as a block: its words without the link back to its reference, and its number. */
export function footnoteBlock(note: El, number: string): SourceBlock {
  const copy = note.cloneNode(true) as El;
  removeBackLinks(copy);
  return { kind: "footnote", text: inlineText(copy), ...(number ? { note: number } : {}) };
}

/**
 * Gathers blocks in reading order, and refuses (too_large) once their text passes the limit an
 * import keeps, so that a huge source stops early.
 */
export class BlockCollector {
  readonly blocks: SourceBlock[] = [];
  private length = 0;
  private lists = 0;
  private quotes = 0;

  add(block: SourceBlock): void {
    const text = normaliseText(block.text);
    if (text === "") return;
    this.length += text.length;
    if (this.length > SOURCE_LIMITS.maxTextLength) {
      throw new ImportFailure(
        "too_large",
        `The source's text is longer than ${SOURCE_LIMITS.maxTextLength / (1024 * 1024)} MB, more than one import keeps.`,
      );
    }
    this.blocks.push({ ...block, text });
  }

  nextList(): number {
    return ++this.lists;
  }

  nextQuote(): number {
    return ++this.quotes;
  }
}

/** Where the walk is: inside which block quote, if any. */
interface Context {
  quote?: number;
}

/**
 * Walks `root` (an element of any DOM tree) into `out`: headings, paragraphs, list items with
 * their lists' numbers, block quotes' paragraphs, captions (figcaption, a table's caption) and
 * footnotes (see findFootnotes), in document order. Inline text standing directly in a container
 * (a `div` with no `p`) is a paragraph of its own.
 */
export function collectBlocks(root: El, out: BlockCollector, notes: Map<El, string> = findFootnotes(root)): void {
  walkChildren(root, out, notes, {});
}

function walkChildren(parent: El, out: BlockCollector, notes: Map<El, string>, context: Context): void {
  let run = "";
  const flush = () => {
    if (normaliseText(run) !== "") add(out, context, { kind: "paragraph", text: run });
    run = "";
  };
  for (const child of parent.childNodes) {
    if (child.nodeType === 3) {
      run += child.nodeValue ?? "";
      continue;
    }
    if (child.nodeType !== 1) continue;
    const el = child as El;
    const name = tag(el);
    if (SKIPPED.has(name) || isHidden(el)) continue;
    const isBlock = BLOCK.has(name) || notes.has(el) || el.querySelector(BLOCK_SELECTOR) !== null;
    if (!isBlock) {
      run += inlineText(el);
      continue;
    }
    flush();
    walkElement(el, out, notes, context);
  }
  flush();
}

/** Adds a block; inside a block quote, every block is one of the quote's paragraphs. */
function add(out: BlockCollector, context: Context, block: SourceBlock): void {
  if (context.quote !== undefined && block.kind !== "footnote") {
    out.add({ kind: "quote", text: block.text, quote: context.quote });
  } else out.add(block);
}

function walkElement(el: El, out: BlockCollector, notes: Map<El, string>, context: Context): void {
  const name = tag(el);
  const note = notes.get(el);
  if (note !== undefined) {
    out.add(footnoteBlock(el, note));
    return;
  }
  if (/^h[1-6]$/.test(name)) {
    add(out, context, { kind: "heading", text: inlineText(el), depth: Number(name[1]) });
    return;
  }
  switch (name) {
    case "p":
    case "pre":
    case "dt":
    case "dd":
    case "address":
      if (el.querySelector(BLOCK_SELECTOR)) walkChildren(el, out, notes, context);
      else add(out, context, { kind: "paragraph", text: inlineText(el) });
      return;
    case "hr":
      return;
    case "ul":
    case "ol":
      walkList(el, out, notes, context);
      return;
    case "blockquote":
      walkChildren(el, out, notes, context.quote === undefined ? { quote: out.nextQuote() } : context);
      return;
    case "figcaption":
    case "caption":
      if (context.quote !== undefined) add(out, context, { kind: "paragraph", text: inlineText(el) });
      else out.add({ kind: "caption", text: inlineText(el) });
      return;
    case "tr":
      // A table's row reads as one line, its cells apart.
      add(out, context, {
        kind: "paragraph",
        text: [...el.children]
          .filter((cell) => /^t[dh]$/.test(tag(cell)))
          .map((cell) => normaliseText(inlineText(cell)))
          .filter((cell) => cell !== "")
          .join(" | "),
      });
      return;
    default:
      walkChildren(el, out, notes, context);
  }
}

function walkList(list: El, out: BlockCollector, notes: Map<El, string>, context: Context): void {
  const ordered = tag(list) === "ol";
  // Numbered from its first item of text: a list that holds only footnotes is no list of the text.
  let index = 0;
  const start = Number.parseInt(list.getAttribute("start") ?? "", 10);
  const reversed = ordered && list.hasAttribute("reversed");
  const items = [...list.children].filter((child) => tag(child) === "li");
  let number = Number.isFinite(start) ? start : reversed ? items.length : 1;
  for (const child of list.children) {
    if (tag(child) !== "li") {
      walkElement(child, out, notes, context);
      continue;
    }
    const value = Number.parseInt(child.getAttribute("value") ?? "", 10);
    if (Number.isFinite(value)) number = value;
    if (notes.has(child)) {
      walkElement(child, out, notes, context);
    } else {
      // The item's own words; lists nested in it follow as lists of their own.
      const own = child.cloneNode(true) as El;
      for (const nested of [...own.querySelectorAll("ul, ol")]) nested.remove();
      const text = inlineText(own);
      if (context.quote !== undefined) add(out, context, { kind: "paragraph", text });
      else if (normaliseText(text) !== "") {
        if (index === 0) index = out.nextList();
        out.add({ kind: "list_item", text, list: { index, ordered, item: number } });
      }
      for (const nested of child.children) if (/^[ou]l$/.test(tag(nested))) walkList(nested, out, notes, context);
    }
    number += reversed ? -1 : 1;
  }
}

/**
 * Parses an HTML string (a fragment or a whole page) into a document, with no script run.
 * linkedom builds a broken tree from markup without an `<html>` element (a fragment, as
 * Readability and mammoth give), so such markup is put in one first.
 */
export function parseHtmlDocument(html: string): Document {
  let page = html;
  if (!/<html[\s>]/i.test(html)) {
    page = /<body[\s>]/i.test(html) ? `<html>${html}</html>` : `<html><head></head><body>${html}</body></html>`;
  }
  const document = new DOMParser().parseFromString(page, "text/html") as unknown as Document;
  const root = document.documentElement;
  // Nor does it always put in the body what a page leaves implied ("<html><p>text"): the walk
  // reads the body only, so whatever stands beside it goes into it, in order.
  if (root) {
    let body = document.body;
    if (!body) root.appendChild((body = document.createElement("body")));
    const first = body.firstChild;
    let before = true;
    for (const child of [...root.childNodes]) {
      if (child === body) before = false;
      else if ((child as El).localName !== "head") {
        if (before) body.insertBefore(child, first);
        else body.appendChild(child);
      }
    }
  }
  if (root && depthOver(root, MAX_DEPTH)) {
    throw new ImportFailure(
      "unreadable",
      `The file's markup is nested more than ${MAX_DEPTH} elements deep, deeper than any browser builds a page.`,
    );
  }
  return document;
}

/**
 * How deep markup may nest. Browsers build no deeper tree (Chromium's parser stops nesting at
 * 512); deeper markup is hostile, and would cost Readability and the walk time and stack.
 */
const MAX_DEPTH = 512;

/** Whether any element lies more than `max` levels below `root`; iterative, so no depth overflows it. */
function depthOver(root: El, max: number): boolean {
  const stack: Array<[El, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [el, depth] = stack.pop()!;
    if (depth > max) return true;
    for (const child of el.children) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * The blocks of an HTML string's body, read as they stand (no readability: for mammoth's output
 * and EPUB chapters, whose every part is the text).
 */
export function blocksFromHtml(html: string): SourceBlock[] {
  const document = parseHtmlDocument(html);
  const out = new BlockCollector();
  const root = document.body ?? document.documentElement;
  if (root) collectBlocks(root, out);
  return out.blocks;
}

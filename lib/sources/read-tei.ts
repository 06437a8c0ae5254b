/**
 * TEI P5 into the intermediate form, parsed with saxes (strict XML, no DTD processing).
 *
 * The file is first read into a small tree of elements and text, then walked: the teiHeader for
 * what the text says of itself, the text's body (and front, when it holds divisions of text, and
 * back, for its notes) for blocks. Names the encoder marked (persName, placeName, orgName, name,
 * rs) become mentions at their place in their block's text.
 *
 * Entities: a DOCTYPE with an internal subset is refused before any element is read, so that no
 * entity is declared (the "billion laughs" expands a few declared entities into gigabytes) and
 * none points outside the file; an external DTD named by a DOCTYPE is never fetched, and saxes
 * knows only XML's five predefined entities.
 */
import { SaxesParser } from "saxes";
import { compactMetadata, httpUrl, isoDate, languageTag, personNames, textValue } from "./metadata-values";
import {
  ImportFailure,
  SOURCE_LIMITS,
  type SourceBlock,
  type SourceMention,
  type SourceMentionKind,
  type SourceMetadata,
  type SourceReader,
} from "./source-document";

/** An element of the file: its local name (no prefix), attributes and children. */
interface Element {
  name: string;
  attributes: Record<string, string>;
  children: Node[];
}
type Node = Element | string;

const isElement = (node: Node): node is Element => typeof node !== "string";
const children = (element: Element, name: string) =>
  element.children.filter((child): child is Element => isElement(child) && child.name === name);
const child = (element: Element | undefined, name: string) => (element ? children(element, name)[0] : undefined);
const localName = (name: string) => name.slice(name.indexOf(":") + 1);

/** Reads a TEI P5 file. `unreadable` for malformed XML, a DOCTYPE declaring entities, or a root that is not TEI. */
export const readTei: SourceReader = async (file) => {
  const root = parseXml(decode(file.bytes), file.name);
  const tei = root.name === "teiCorpus" ? (child(root, "TEI") ?? root) : root;
  if (tei.name !== "TEI") {
    throw new ImportFailure("unreadable", `${called(file.name)} is XML but not TEI: its root element is <${root.name}>.`);
  }
  const metadata = readHeader(tei);
  const blocks = new BlockWriter().read(child(tei, "text"));
  if (blocks.length === 0) throw new ImportFailure("empty", `${called(file.name)} has no text in its body.`);
  return { format: "tei", metadata, blocks };
};

const called = (name: string | undefined) => (name ? `“${name}”` : "This file");

/** The file's text: UTF-16 by its byte-order mark, else the encoding its XML declaration names, else UTF-8. */
function decode(bytes: Uint8Array): string {
  let label = "utf-8";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) label = "utf-16be";
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) label = "utf-16le";
  else {
    const head = new TextDecoder("latin1").decode(bytes.subarray(0, 200));
    const declared = /^(?:\uFEFF|ï»¿)?<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head);
    if (declared) label = declared[1].toLowerCase();
  }
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    throw new ImportFailure("unreadable", `This TEI file's text is not valid ${label.toUpperCase()}.`);
  }
}

/** The deepest nesting of elements read: a real edition is a few dozen deep; the walk is recursive. */
const MAX_DEPTH = 500;

function parseXml(text: string, name: string | undefined): Element {
  const parser = new SaxesParser({ xmlns: false });
  const stack: Element[] = [{ name: "#document", attributes: {}, children: [] }];
  parser.on("doctype", (doctype) => {
    if (/\[|<!ENTITY/i.test(doctype)) {
      throw new ImportFailure(
        "unreadable",
        `${called(name)} declares entities in its DOCTYPE, which Gloss does not expand (they can make a small file enormous or read other files). Remove the DOCTYPE's declarations, then import it again.`,
      );
    }
  });
  parser.on("opentag", (tag) => {
    const attributes: Record<string, string> = {};
    for (const [key, value] of Object.entries(tag.attributes)) attributes[key] = String(value);
    const element: Element = { name: localName(tag.name), attributes, children: [] };
    stack[stack.length - 1].children.push(element);
    if (!tag.isSelfClosing) stack.push(element);
    if (stack.length > MAX_DEPTH) {
      throw new ImportFailure("unreadable", `${called(name)} nests its elements more than ${MAX_DEPTH} deep.`);
    }
  });
  parser.on("closetag", (tag) => {
    if (!tag.isSelfClosing) stack.pop();
  });
  const addText = (value: string) => stack[stack.length - 1].children.push(value);
  parser.on("text", addText);
  parser.on("cdata", addText);
  try {
    parser.write(text).close();
  } catch (error) {
    if (error instanceof ImportFailure) throw error;
    const reason = error instanceof Error ? error.message.replace(/^undefined:/, "").trim() : String(error);
    throw new ImportFailure("unreadable", `${called(name)} is not well-formed XML (${reason}).`);
  }
  const root = stack[0].children.find(isElement);
  if (!root) throw new ImportFailure("unreadable", `${called(name)} has no XML element in it.`);
  return root;
}

// ---------------------------------------------------------------------------------------------
// The header

/** An element's text, whitespace made single spaces. */
function textOf(node: Node | undefined): string {
  if (node === undefined) return "";
  const collect = (n: Node): string => (isElement(n) ? n.children.map(collect).join("") : n);
  return collect(node).replace(/\s+/g, " ").trim();
}

/** A person's name as a person writes it: forenames, then surnames, else the element's text. */
function writtenName(element: Element): string {
  const name = child(element, "persName") ?? element;
  const forenames = children(name, "forename").map(textOf);
  const surnames = children(name, "surname").map(textOf);
  if (forenames.length + surnames.length > 0) return [...forenames, ...surnames].join(" ");
  return textOf(name);
}

function readHeader(tei: Element): SourceMetadata {
  const header = child(tei, "teiHeader");
  const fileDesc = child(header, "fileDesc");
  const titleStmt = child(fileDesc, "titleStmt");
  const publication = child(fileDesc, "publicationStmt");
  const titles = titleStmt ? children(titleStmt, "title") : [];
  const title = titles.find((t) => t.attributes.type === "main") ?? titles.find((t) => !t.attributes.type) ?? titles[0];
  const date = child(publication, "date");
  const idno = publication ? children(publication, "idno").find((id) => /^(uri|url)$/i.test(id.attributes.type ?? "")) : undefined;
  const language =
    tei.attributes["xml:lang"] ??
    child(tei, "text")?.attributes["xml:lang"] ??
    child(child(child(header, "profileDesc"), "langUsage"), "language")?.attributes.ident;
  return compactMetadata({
    title: textValue(textOf(title)),
    authors: personNames((titleStmt ? children(titleStmt, "author") : []).map(writtenName)),
    publisher: textValue(textOf(child(publication, "publisher"))),
    date: isoDate(date?.attributes.when ?? textOf(date)),
    url: httpUrl(textOf(idno)),
    language: languageTag(language),
  });
}

// ---------------------------------------------------------------------------------------------
// The text

/** Elements whose content is not the text's: deletions, gaps, a page's printed furniture. */
const DROPPED = new Set(["del", "gap", "fw", "figure", "graphic", "media", "milestone", "cb", "anchor", "index"]);
/** Elements that stand apart from the words around them when read as one block's text. */
const SPACED = new Set(["l", "p", "ab", "item", "list", "lg", "head", "cell", "row", "bibl"]);
/** Divisions, numbered or not. */
const DIVISION = /^div[1-7]?$/;

/** TEI's name elements and the kind of thing each names. */
const NAME_KINDS: Record<string, SourceMentionKind> = {
  persName: "person",
  placeName: "place",
  orgName: "organization",
};
/** The values of `name/@type` and `rs/@type` Gloss knows. */
const TYPE_KINDS: Record<string, SourceMentionKind> = {
  person: "person",
  persName: "person",
  place: "place",
  placeName: "place",
  org: "organization",
  orgName: "organization",
  organisation: "organization",
  organization: "organization",
  group: "group",
  event: "event",
  work: "work",
  title: "work",
};

function mentionKind(element: Element): SourceMentionKind | undefined {
  if (element.name in NAME_KINDS) return NAME_KINDS[element.name];
  if (element.name === "name" || element.name === "rs") return TYPE_KINDS[element.attributes.type ?? ""];
  return undefined;
}

/** A block's words as they are gathered: text with single spaces, its mentions, its notes. */
class Inline {
  text = "";
  mentions: SourceMention[] = [];

  append(value: string): void {
    let piece = value.replace(/\s+/g, " ");
    if (this.text === "" || this.text.endsWith(" ")) piece = piece.replace(/^ /, "");
    this.text += piece;
  }

  /** The text trimmed, and the mentions moved off the spaces at their edges. */
  finish(): { text: string; mentions: SourceMention[] } {
    const text = this.text.trimEnd();
    const mentions = this.mentions
      .map((mention) => {
        let { start, end } = mention;
        end = Math.min(end, text.length);
        while (start < end && text[start] === " ") start++;
        while (end > start && text[end - 1] === " ") end--;
        return { ...mention, start, end };
      })
      .filter((mention) => mention.end > mention.start);
    return { text, mentions };
  }
}

/** Walks a TEI `text` element into blocks. */
class BlockWriter {
  private blocks: SourceBlock[] = [];
  private page: number | undefined;
  private lists = 0;
  private quotes = 0;
  private notes = 0;
  private length = 0;
  /** Notes met inside a block, written after it. */
  private pendingNotes: Element[] = [];

  read(text: Element | undefined): SourceBlock[] {
    if (!text) return [];
    const front = child(text, "front");
    if (front && front.children.some((c) => isElement(c) && DIVISION.test(c.name) && hasProse(c))) {
      this.container(front, 0);
    }
    const body = child(text, "body");
    if (body) this.container(body, 0);
    const group = child(text, "group");
    if (group) for (const inner of children(group, "text")) this.read(inner);
    const back = child(text, "back");
    if (back) for (const note of descendants(back, "note")) this.note(note);
    return this.blocks;
  }

  /** The blocks in a division (or the body) at heading depth `depth` for its own head. */
  private container(element: Element, depth: number): void {
    for (const node of element.children) {
      if (!isElement(node)) {
        // Text loose in a container (mixed content where it should not be) is still the text's.
        if (node.trim() !== "") this.paragraph("paragraph", { name: "p", attributes: {}, children: [node] });
        continue;
      }
      this.block(node, depth);
    }
  }

  private block(element: Element, depth: number): void {
    const { name } = element;
    if (DIVISION.test(name)) return this.container(element, depth + 1);
    if (name === "head") return this.paragraph("heading", element, { depth: Math.max(depth, 1) });
    if (name === "p" || name === "ab" || name === "l" || name === "sp" || name === "trailer" || name === "byline") {
      return this.paragraph("paragraph", element);
    }
    if (name === "lg") return this.paragraph("paragraph", element);
    if (name === "list" || name === "listBibl") return this.list(element);
    if (name === "quote" || name === "q" || name === "cit" || name === "epigraph" || name === "said") return this.quote(element);
    if (name === "figure") return this.figure(element);
    if (name === "table") return this.table(element);
    if (name === "note") return this.note(element);
    if (name === "pb") return this.pageBreak(element);
    if (DROPPED.has(name)) return;
    // Another wrapper (opener, closer, floatingText, argument...): its blocks, or itself as one.
    if (element.children.some((c) => isElement(c) && isBlockElement(c))) this.container(element, depth);
    else this.paragraph("paragraph", element);
  }

  private pageBreak(element: Element): void {
    const n = element.attributes.n;
    if (n && /^\d+$/.test(n)) this.page = Number(n);
  }

  private list(element: Element): void {
    this.lists++;
    const index = this.lists;
    const type = `${element.attributes.type ?? ""} ${element.attributes.rend ?? ""}`;
    const ordered = /order|number|arabic|decimal/i.test(type);
    let item = 0;
    const items = (list: Element): void => {
      for (const node of list.children) {
        if (!isElement(node)) continue;
        if (node.name === "head") this.paragraph("heading", node, { depth: 0 });
        else if (node.name === "item" || node.name === "bibl" || node.name === "biblStruct") {
          // A list inside an item is flattened: the item's own words, then the inner items.
          const inner = children(node, "list");
          const own: Element = { ...node, children: node.children.filter((c) => !(isElement(c) && c.name === "list")) };
          item++;
          this.paragraph("list_item", own, { list: { index, ordered, item } });
          for (const list of inner) items(list);
        } else if (node.name === "pb") this.pageBreak(node);
      }
    };
    items(element);
  }

  private quote(element: Element): void {
    this.quotes++;
    const quote = this.quotes;
    const hasBlocks = element.children.some((c) => isElement(c) && (isBlockElement(c) || c.name === "quote" || c.name === "bibl"));
    if (!hasBlocks) return this.paragraph("quote", element, { quote });
    for (const node of element.children) {
      if (!isElement(node)) {
        if (node.trim() !== "") this.paragraph("quote", { name: "p", attributes: {}, children: [node] }, { quote });
      } else if (node.name === "pb") this.pageBreak(node);
      else if (node.name === "note") this.note(node);
      else if (!DROPPED.has(node.name)) this.paragraph("quote", node, { quote });
    }
  }

  private figure(element: Element): void {
    for (const node of element.children) {
      if (isElement(node) && (node.name === "head" || node.name === "figDesc" || node.name === "p")) {
        this.paragraph("caption", node);
      }
    }
  }

  /** A note as one footnote block (its paragraphs run together), numbered by its `@n`. */
  private note(element: Element): void {
    this.notes++;
    this.paragraph("footnote", element, { note: element.attributes.n ?? String(this.notes) });
  }

  /** A table row by row, each row's cells one paragraph. */
  private table(element: Element): void {
    for (const row of descendants(element, "row")) this.paragraph("paragraph", row);
  }

  /** One block of `kind` from the element's inline content, then the notes it held. */
  private paragraph(kind: SourceBlock["kind"], element: Element, extra: Partial<SourceBlock> = {}): void {
    const page = this.page;
    const inline = new Inline();
    this.inline(element, inline);
    const { text, mentions } = inline.finish();
    if (text !== "") {
      const block: SourceBlock = { kind, text, ...extra };
      if (kind === "heading" && extra.depth === 0) block.kind = "paragraph";
      if (block.kind !== "heading") delete block.depth;
      if (page !== undefined) block.page = page;
      if (mentions.length > 0) block.mentions = mentions;
      this.blocks.push(block);
      this.checkLength(text.length);
    }
    const notes = this.pendingNotes;
    this.pendingNotes = [];
    for (const note of notes) this.note(note);
  }

  private checkLength(added: number): void {
    // Blocks' text is the import's measure; counting as they come stops a huge file early.
    this.length += added;
    if (this.length > SOURCE_LIMITS.maxTextLength) {
      throw new ImportFailure("too_large", "This TEI file holds more text than Gloss imports (20 MB of text).");
    }
  }

  private inline(element: Element, inline: Inline): void {
    for (const node of element.children) {
      if (!isElement(node)) {
        inline.append(node);
        continue;
      }
      const { name } = node;
      if (name === "note") {
        this.pendingNotes.push(node);
      } else if (name === "lb" || name === "pb" || name === "cb") {
        if (name === "pb") this.pageBreak(node);
        if (node.attributes.break !== "no") inline.append(" ");
      } else if (SPACED.has(name)) {
        inline.append(" ");
        this.inline(node, inline);
        inline.append(" ");
      } else if (name === "choice") {
        const preferred = ["reg", "corr", "expan"].map((n) => child(node, n)).find(Boolean);
        const chosen = preferred ?? node.children.find(isElement);
        if (chosen) this.inline(chosen, inline);
      } else if (DROPPED.has(name)) {
        continue;
      } else {
        const kind = mentionKind(node);
        const start = inline.text.length;
        this.inline(node, inline);
        if (kind) {
          const mention: SourceMention = { start, end: inline.text.length, kind };
          const ref = node.attributes.ref ?? node.attributes.key;
          if (ref) mention.ref = ref;
          inline.mentions.push(mention);
        }
      }
    }
  }
}

/** Elements that hold blocks of text rather than words. */
function isBlockElement(element: Element): boolean {
  return /^(div[1-7]?|p|ab|head|list|lg|sp|figure|table|quote|cit|note|listBibl)$/.test(element.name);
}

/** Whether a front-matter division holds prose (paragraphs), not just a title page. */
function hasProse(element: Element): boolean {
  return element.children.some((c) => isElement(c) && (c.name === "p" || hasProse(c)));
}

/** The elements named `name` under `element`, in document order, not looking inside a match. */
function descendants(element: Element, name: string): Element[] {
  const found: Element[] = [];
  for (const node of element.children) {
    if (!isElement(node)) continue;
    if (node.name === name) found.push(node);
    else found.push(...descendants(node, name));
  }
  return found;
}

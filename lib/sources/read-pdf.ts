/**
 * PDF with a text layer into the intermediate form, with pdf.js (its legacy build, which runs in
 * plain Node; no worker: pdf.js parses on the calling thread, which an import job owns).
 *
 * The text layer is glyph runs placed on a page, not paragraphs. The reader rebuilds them:
 * runs into lines by their baseline, lines into blocks by vertical gaps, indentation and type
 * size; page furniture (running heads and feet, page numbers) dropped; footnotes at a page's foot
 * kept as footnotes; words broken at line ends made whole; a paragraph that runs onto the next
 * page made one block, with the page it starts on. A page in two columns is read column by column.
 */
import { getDocument, type PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { TextItem } from "pdfjs-dist/types/src/display/api";
import { joinLines, vocabularyOf, type Vocabulary } from "./dehyphenate";
import { compactMetadata, isoDate, languageTag, personNames, splitAuthors, textValue } from "./metadata-values";
import { ImportFailure, SOURCE_LIMITS, type SourceBlock, type SourceMetadata, type SourceReader } from "./source-document";

/** A line of a page as printed: its text and where it stands (PDF units, y up from the foot). */
interface Line {
  text: string;
  /** Left and right edges. */
  x: number;
  right: number;
  /** Baseline. */
  y: number;
  /** Type size, the size most of its characters have. */
  size: number;
  /** The column the line stands in: 0, or 1 for the right column of a page in two. */
  column: number;
}

interface PageLines {
  page: number;
  lines: Line[];
}

/** A block being built: its lines until it is finished. */
interface Draft {
  kind: "heading" | "paragraph" | "list_item" | "quote";
  lines: Line[];
  page: number;
  size: number;
  ordered?: boolean;
}

const NO_TEXT_LAYER =
  "This PDF has no text layer: its pages are images. Run OCR on it first (for example with OCRmyPDF or your scanner's software), then import the result.";

/** A list item's marker at a line's start: a bullet, or a number with a full stop or bracket. */
const BULLET = /^[•◦▪‣∙·–*-]\s+/u;
const NUMBERED = /^\d{1,3}[.)]\s+/;

/** A footnote's mark at the start of its first line: a number or a printer's sign. */
const NOTE_MARK = /^(\d{1,3}|[*†‡§])(?:\s+|(?=[\p{Lu}(“"‘']))/u;

/** A line that is only a page number: "12", "xii", "- 12 -", "Page 12", "12 / 300", "12 of 300". */
const PAGE_NUMBER = /^(?:page\s+)?[-–—]?\s*(?:\d{1,5}|[ivxlcdm]{1,7})\s*[-–—]?(?:\s*(?:\/|of)\s*\d{1,5})?$/i;

/** A paragraph's last words that end a sentence, so a page break after them ends the paragraph. */
const SENTENCE_END = /[.!?:;][”"’')\]]*$/u;

/** Running heads and feet: lines among the first or last two of a page. */
const FURNITURE_DEPTH = 2;

/**
 * Reads a PDF. Text by page in reading order; a block's `page` is the page it starts on.
 * Fails with `unreadable` for a file pdf.js cannot open (not a PDF, corrupt, or locked by a
 * password) and with `no_text_layer` when no page has any text.
 */
export const readPdf: SourceReader = async (file, progress) => {
  const pdf = await openPdf(file.bytes, file.name);
  try {
    const pages: PageLines[] = [];
    let length = 0;
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      const lines = pageLines(
        content.items.filter((item): item is TextItem => "str" in item),
        page.view[2] - page.view[0],
      );
      // The page's objects go now: a book of 300 pages keeps only its lines in memory.
      page.cleanup();
      length += lines.reduce((sum, line) => sum + line.text.length + 1, 0);
      if (length > SOURCE_LIMITS.maxTextLength) {
        throw new ImportFailure("too_large", "This PDF holds more text than Gloss imports (20 MB of text).");
      }
      pages.push({ page: number, lines });
      progress?.(number / pdf.numPages);
    }
    if (pages.every((page) => page.lines.length === 0)) throw new ImportFailure("no_text_layer", NO_TEXT_LAYER);
    const metadata = await readMetadata(pdf);
    const blocks = pagesToBlocks(pages);
    if (blocks.length === 0) throw new ImportFailure("empty", "This PDF has no text to import.");
    return { format: "pdf", metadata, blocks };
  } finally {
    await pdf.destroy();
  }
};

async function openPdf(bytes: Uint8Array, name: string | undefined): Promise<PDFDocumentProxy> {
  const called = name ? `“${name}”` : "This file";
  try {
    // pdf.js may take the buffer it is given; it gets its own copy.
    return await getDocument({
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      useSystemFonts: false,
      disableFontFace: true,
      verbosity: 0,
    }).promise;
  } catch (error) {
    if (error instanceof Error && error.name === "PasswordException") {
      throw new ImportFailure("unreadable", `${called} is locked by a password. Save a copy without the password, then import that.`);
    }
    throw new ImportFailure("unreadable", `${called} cannot be read as a PDF: it is damaged or not a PDF.`);
  }
}

// ---------------------------------------------------------------------------------------------
// Runs into lines

interface Run {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

/**
 * A page's glyph runs as lines in reading order: top to bottom, each with its runs left to right;
 * on a page set in two columns, the left column's lines before the right's (with what spans both,
 * a title or a page number, above or below them).
 */
function pageLines(items: TextItem[], width: number): Line[] {
  const runs: Run[] = items
    .map((item) => ({
      str: item.str,
      x: item.transform[4],
      y: item.transform[5],
      width: item.width,
      size: Math.hypot(item.transform[2], item.transform[3]) || item.height,
    }))
    .filter((run) => run.str.trim() !== "" && run.size > 0);
  const gutter = findGutter(runs, width);
  if (gutter === undefined) return linesOf(runs);
  const left = runs.filter((run) => run.x + run.width <= gutter);
  const right = runs.filter((run) => run.x >= gutter);
  const across = linesOf(runs.filter((run) => run.x < gutter && run.x + run.width > gutter));
  const top = Math.max(...left.map((run) => run.y), ...right.map((run) => run.y));
  return [...across.filter((line) => line.y > top), ...linesOf(left), ...linesOf(right, 1), ...across.filter((line) => line.y <= top)];
}

/**
 * The x of the gutter between two columns, if the page has two: a vertical line in the middle
 * of the page that hardly any run crosses (a spanning title or a centred page number may), with
 * a good share of the runs on either side of it.
 */
function findGutter(runs: Run[], width: number): number | undefined {
  if (runs.length < 6 || !(width > 0)) return undefined;
  let gutter = 0;
  let fewest = Infinity;
  for (let x = width * 0.35; x <= width * 0.65; x += 2) {
    const crossing = runs.filter((run) => run.x < x && run.x + run.width > x).length;
    if (crossing < fewest) [gutter, fewest] = [x, crossing];
  }
  const baselines = new Set(runs.map((run) => Math.round(run.y))).size;
  const left = runs.filter((run) => run.x + run.width <= gutter).length;
  const right = runs.filter((run) => run.x >= gutter).length;
  const twoColumns = fewest <= Math.max(2, baselines * 0.1) && left >= runs.length * 0.25 && right >= runs.length * 0.25;
  return twoColumns ? gutter : undefined;
}

/** Runs grouped into lines by their baselines, top to bottom. */
function linesOf(runs: Run[], column = 0): Line[] {
  const sorted = [...runs].sort((a, b) => b.y - a.y || a.x - b.x);
  // A run belongs to the line above when its baseline is within half the type size of it; a
  // superscript (a note's mark) sits a little higher and joins its line.
  const groups: Run[][] = [];
  for (const run of sorted) {
    const group = groups.at(-1);
    const base = group ? mainRun(group) : undefined;
    if (group && base && Math.abs(base.y - run.y) < Math.max(base.size, run.size) * 0.5) group.push(run);
    else groups.push([run]);
  }
  return groups.map((group) => lineOf(group, column)).filter((line) => line.text !== "");
}

/** The run with the most characters: the line's baseline and type size are its. */
function mainRun(runs: Run[]): Run {
  return runs.reduce((best, run) => (run.str.length > best.str.length ? run : best));
}

function lineOf(runs: Run[], column: number): Line {
  runs.sort((a, b) => a.x - b.x);
  const base = mainRun(runs);
  let text = "";
  let end = -Infinity;
  let right = -Infinity;
  runs.forEach((run, index) => {
    // A note's mark raised in smaller type inside a line of text is the link to a footnote, not
    // part of the sentence; the footnote keeps the number.
    const raised = run.y > base.y + base.size * 0.2 && run.size < base.size * 0.85;
    if (index > 0 && raised && /^\s*[\d*†‡]+\s*$/.test(run.str)) return;
    const gap = run.x - end;
    if (text !== "" && gap > run.size * 0.15 && !/\s$/.test(text) && !/^\s/.test(run.str)) text += " ";
    text += run.str;
    end = run.x + run.width;
    right = Math.max(right, end);
  });
  return { text: text.replace(/\s+/g, " ").trim(), x: runs[0].x, right, y: base.y, size: base.size, column };
}

// ---------------------------------------------------------------------------------------------
// Page furniture

/** A line's text with its numbers made alike, so that "History of X 12" matches "History of X 13". */
const furnitureKey = (line: Line) => line.text.replace(/\d+/g, "#").toLowerCase();

/**
 * Drops running heads and feet (a line among the first or last two of a page, repeated so on at
 * least half the pages, numbers aside) and page numbers (a number alone at a page's top or foot).
 */
function dropFurniture(pages: PageLines[]): void {
  const counts = (pick: (lines: Line[]) => Line[]) => {
    const count = new Map<string, number>();
    for (const { lines } of pages) {
      for (const key of new Set(pick(lines).map(furnitureKey))) count.set(key, (count.get(key) ?? 0) + 1);
    }
    return count;
  };
  const heads = counts((lines) => lines.slice(0, FURNITURE_DEPTH));
  const feet = counts((lines) => lines.slice(-FURNITURE_DEPTH));
  const enough = Math.max(2, Math.ceil(pages.length / 2));
  const running = (count: Map<string, number>, line: Line) => (count.get(furnitureKey(line)) ?? 0) >= enough;
  for (const page of pages) {
    const { lines } = page;
    for (let dropped = 0; lines.length > 0 && dropped < FURNITURE_DEPTH + 1; dropped++) {
      if (running(heads, lines[0]) || PAGE_NUMBER.test(lines[0].text)) lines.shift();
      else break;
    }
    for (let dropped = 0; lines.length > 0 && dropped < FURNITURE_DEPTH + 1; dropped++) {
      const last = lines[lines.length - 1];
      if (running(feet, last) || PAGE_NUMBER.test(last.text)) lines.pop();
      else break;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Lines into blocks

/**
 * The measures of the body text: its type size, each column's left and right margins, and its
 * line spacing to its type size.
 */
interface Body {
  size: number;
  margins: Array<{ left: number; right: number }>;
  leading: number;
}

const round = (value: number) => Math.round(value * 2) / 2;

function mode(values: Array<[number, number]>): number | undefined {
  const weights = new Map<number, number>();
  for (const [value, weight] of values) weights.set(value, (weights.get(value) ?? 0) + weight);
  let best: number | undefined;
  for (const [value, weight] of weights) if (best === undefined || weight > weights.get(best)!) best = value;
  return best;
}

function measureBody(pages: PageLines[]): Body {
  const lines = pages.flatMap((page) => page.lines);
  const size = mode(lines.map((line) => [round(line.size), line.text.length])) ?? 12;
  const bodyLines = (page: PageLines) => page.lines.filter((line) => round(line.size) === size);
  const margins = [0, 1].map((column) => {
    const lines = pages.flatMap(bodyLines).filter((line) => line.column === column);
    const left = mode(lines.map((line) => [Math.round(line.x), 1])) ?? 0;
    // Most lines of text run to the right margin: those that stop short end a paragraph.
    const rights = lines.map((line) => line.right).sort((a, b) => a - b);
    return { left, right: rights[Math.floor(rights.length * 0.9)] ?? Infinity };
  });
  const gaps: number[] = [];
  for (const page of pages) {
    const lines = bodyLines(page);
    for (let i = 1; i < lines.length; i++) gaps.push(lines[i - 1].y - lines[i].y);
  }
  // Most gaps between lines of body type are the spacing inside a paragraph.
  const leading = mode(gaps.filter((gap) => gap > 0).map((gap) => [round(gap), 1])) ?? size * 1.2;
  return { size, margins, leading: leading / size };
}

const isHeadingSize = (line: Line, body: Body) => line.size >= body.size * 1.15;
const indent = (line: Line, body: Body) => line.x - body.margins[line.column].left;

/**
 * A page's footnotes: the lines at its foot in type smaller than the body's, when the first of
 * them starts with a mark. A new note starts at a line that starts with the next number (or with
 * any mark, for printers' signs), so that a note's line that happens to start with a year goes on
 * the note before. They are taken off the page's lines.
 */
function takeFootnotes(page: PageLines, body: Body, vocabulary: Vocabulary): SourceBlock[] {
  const { lines } = page;
  let start = lines.length;
  while (start > 0 && lines[start - 1].size < body.size * 0.92) start--;
  // The region starts at its first line with a mark: a small line above it is some other text.
  while (start < lines.length && !NOTE_MARK.test(lines[start].text)) start++;
  if (start === lines.length) return [];
  const notes: Array<{ note: string; lines: string[] }> = [];
  for (const line of lines.splice(start)) {
    const mark = NOTE_MARK.exec(line.text);
    const current = notes.at(-1);
    const next = current && /^\d+$/.test(current.note) ? String(Number(current.note) + 1) : undefined;
    if (mark && (!current || next === undefined || mark[1] === next)) {
      notes.push({ note: mark[1], lines: [line.text.slice(mark[0].length)] });
    } else if (current) current.lines.push(line.text);
  }
  return notes
    .map(({ note, lines }) => ({ kind: "footnote" as const, text: joinLines(lines, vocabulary), page: page.page, note }))
    .filter((block) => block.text !== "");
}

/** Whether `line` starts a new block after `draft`'s last line. */
function startsBlock(draft: Draft, line: Line, body: Body): boolean {
  const previous = draft.lines[draft.lines.length - 1];
  if (isHeadingSize(line, body) !== (draft.kind === "heading")) return true;
  if (draft.kind === "heading") return round(line.size) !== round(draft.size);
  const size = Math.max(previous.size, line.size);
  if (previous.y - line.y > size * body.leading * 1.3) return true;
  if (BULLET.test(line.text) || (NUMBERED.test(line.text) && draft.kind === "list_item")) return true;
  if (endsShort(previous, line, body)) return true;
  // First-line indentation starts a paragraph; lines back at the margin after a block indented
  // throughout (a quotation) start one too.
  const lineIndented = indent(line, body) > body.size * 0.8;
  const previousIndented = indent(previous, body) > body.size * 0.8;
  if (lineIndented && !previousIndented) return true;
  if (!lineIndented && draft.lines.length > 1 && draft.lines.every((l) => indent(l, body) > body.size * 0.8)) return true;
  return false;
}

function newDraft(line: Line, page: number, body: Body): Draft {
  if (isHeadingSize(line, body)) return { kind: "heading", lines: [line], page, size: line.size };
  if (BULLET.test(line.text)) return { kind: "list_item", lines: [line], page, size: line.size, ordered: false };
  if (NUMBERED.test(line.text)) return { kind: "list_item", lines: [line], page, size: line.size, ordered: true };
  return { kind: "paragraph", lines: [line], page, size: line.size };
}

/**
 * The document's blocks, built from its pages' lines; a block that a page leaves unfinished goes
 * on with the next page's first line (its words joined as across any line end).
 */
function pagesToBlocks(pages: PageLines[]): SourceBlock[] {
  dropFurniture(pages);
  const body = measureBody(pages);
  const vocabulary = vocabularyOf(pages.flatMap((page) => page.lines.map((line) => line.text)));
  const drafts: Draft[] = [];
  // Footnotes wait for the block they interrupt to end: a paragraph that runs on past a page's
  // notes is read whole, then its notes.
  const finished: Array<Draft | SourceBlock> = [];
  let pendingNotes: SourceBlock[] = [];
  let current: Draft | undefined;
  const finish = () => {
    if (current) finished.push(current);
    finished.push(...pendingNotes);
    pendingNotes = [];
    current = undefined;
  };
  for (const page of pages) {
    const notes = takeFootnotes(page, body, vocabulary);
    page.lines.forEach((line, index) => {
      if (current && index === 0 && continuesOnNextPage(current, line, body)) {
        current.lines.push(line);
        return;
      }
      if (current && index > 0 && !startsBlock(current, line, body)) {
        current.lines.push(line);
        return;
      }
      finish();
      current = newDraft(line, page.page, body);
      drafts.push(current);
    });
    pendingNotes.push(...notes);
  }
  finish();
  return toBlocks(finished, drafts, body, vocabulary);
}

/**
 * Whether `previous` stops short of the margin by more than `next`'s first word would take: the
 * line was ended by its writer (a paragraph's, a list item's or a caption's end), not by the
 * typesetter's wrapping. A line indented on the left (a quotation) is taken to be indented as much
 * on the right.
 */
function endsShort(previous: Line, next: Line, body: Body): boolean {
  const word = next.text.split(" ")[0];
  const charWidth = (next.right - next.x) / Math.max(1, next.text.length);
  const indented = Math.max(0, indent(previous, body));
  return previous.right + charWidth * (word.length + 1) < body.margins[previous.column].right - indented - body.size * 0.5;
}

/** Whether a page's first line goes on with the last block of the page before. */
function continuesOnNextPage(draft: Draft, line: Line, body: Body): boolean {
  if (draft.kind === "heading" || isHeadingSize(line, body)) return false;
  if (BULLET.test(line.text) || NUMBERED.test(line.text)) return false;
  const last = draft.lines[draft.lines.length - 1];
  const text = last.text;
  if (round(last.size) !== round(line.size) || endsShort(last, line, body)) return false;
  const lowerCase = /^\p{Ll}/u.test(line.text);
  if (lowerCase) return true;
  // An indented first line, where paragraphs are indented, is a new paragraph.
  const indented = indent(line, body) > body.size * 0.8;
  if (indented && draft.kind === "paragraph") return false;
  return !SENTENCE_END.test(text);
}

/** The finished drafts as blocks: headings ranked by size, lists and quotations numbered. */
function toBlocks(finished: Array<Draft | SourceBlock>, drafts: Draft[], body: Body, vocabulary: Vocabulary): SourceBlock[] {
  const headingSizes = [...new Set(drafts.filter((d) => d.kind === "heading").map((d) => round(d.size)))].sort((a, b) => b - a);
  const quoted = (draft: Draft) => draft.lines.every((line) => indent(line, body) > body.size * 1.5);
  // Where paragraphs start with an indented first line, a one-line indented block is a paragraph.
  const multiLine = drafts.filter((d) => d.kind === "paragraph" && d.lines.length > 1);
  const indentedFirstLines = multiLine.filter((d) => indent(d.lines[0], body) > body.size * 0.8 && !quoted(d)).length;
  const indentedParagraphs = indentedFirstLines > multiLine.length / 3;

  const blocks: SourceBlock[] = [];
  let lists = 0;
  let quotes = 0;
  let item = 0;
  for (const entry of finished) {
    if (!("lines" in entry)) {
      blocks.push(entry);
      continue;
    }
    const previous = blocks.at(-1);
    const lines = entry.lines.map((line) => line.text);
    if (entry.kind === "list_item") {
      const marker = entry.ordered ? NUMBERED : BULLET;
      lines[0] = lines[0].replace(marker, "");
      const text = joinLines(lines, vocabulary);
      if (text === "") continue;
      if (previous?.kind !== "list_item" || previous.list?.ordered !== entry.ordered) {
        lists++;
        item = 0;
      }
      item++;
      blocks.push({ kind: "list_item", text, page: entry.page, list: { index: lists, ordered: !!entry.ordered, item } });
      continue;
    }
    const text = joinLines(lines, vocabulary);
    if (text === "") continue;
    if (entry.kind === "heading") {
      blocks.push({ kind: "heading", text, page: entry.page, depth: headingSizes.indexOf(round(entry.size)) + 1 });
    } else if (entry.size < body.size * 0.95 && entry.lines.every((line) => line.size < body.size * 0.95)) {
      // Words in smaller type than the text's, apart from the notes at a page's foot: a caption.
      blocks.push({ kind: "caption", text, page: entry.page });
    } else if (quoted(entry) && (entry.lines.length > 1 || !indentedParagraphs)) {
      if (previous?.kind !== "quote") quotes++;
      blocks.push({ kind: "quote", text, page: entry.page, quote: quotes });
    } else {
      blocks.push({ kind: "paragraph", text, page: entry.page });
    }
  }
  return blocks;
}

// ---------------------------------------------------------------------------------------------
// Metadata

/** Titles that name the file or the program, not the work. */
const NOT_A_TITLE = [/^microsoft (word|powerpoint|excel)\s*-/i, /\.(docx?|odt|rtf|pdf|txt|html?|pages|tex)$/i, /^untitled\b/i];

/** A field's text (the first of a list), or undefined. */
const present = (value: unknown): string | undefined => {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" ? textValue(first) : undefined;
};

async function readMetadata(pdf: PDFDocumentProxy): Promise<SourceMetadata> {
  const { info, metadata: xmp } = await pdf.getMetadata().catch(() => ({ info: {}, metadata: null }));
  const dict = info as Record<string, unknown>;
  const metadata: SourceMetadata = {};
  const title = present(xmp?.get("dc:title")) ?? present(dict.Title);
  if (title && !NOT_A_TITLE.some((pattern) => pattern.test(title))) metadata.title = title;
  const creators = xmp?.get("dc:creator");
  metadata.authors = personNames(
    Array.isArray(creators)
      ? creators.flatMap((name) => (typeof name === "string" ? splitAuthors(name) : []))
      : splitAuthors(present(creators) ?? present(dict.Author) ?? ""),
  );
  metadata.date = isoDate(present(xmp?.get("xmp:createdate")) ?? present(dict.CreationDate));
  metadata.language = languageTag(present(dict.Language) ?? present(xmp?.get("dc:language")));
  return compactMetadata(metadata);
}

/**
 * Plain text into the intermediate form: paragraphs from blank lines (or, in text without blank
 * lines, from indentation), list items from their markers, headings only where the text clearly
 * sets a short line apart, and the residue of a web page's capture cleaned away (non-breaking
 * and doubled spaces, runs of blank lines, navigation labels on a line of their own).
 */
import { joinLines, vocabularyOf, type Vocabulary } from "./dehyphenate";
import { ImportFailure, SOURCE_LIMITS, type SourceBlock, type SourceMetadata, type SourceReader } from "./source-document";

/**
 * Labels of a web page's controls that a copied page leaves on lines of their own. Only a line
 * that is exactly one of them goes: the words inside a sentence are the author's.
 */
const NAVIGATION_LABELS = new Set(
  [
    "menu",
    "menu close",
    "close menu",
    "open menu",
    "main menu",
    "toggle navigation",
    "skip to content",
    "skip to main content",
    "share",
    "share this",
    "share this article",
    "tweet",
    "print",
    "email",
    "copy link",
    "back to top",
    "search",
    "subscribe",
  ].map((label) => label.toLowerCase()),
);

/** A list item's marker: "1. ", "2) ", "- ", "* ", "• ". */
const LIST_MARKER = /^(\s*)(?:(\d{1,3})[.)]|[-*•–])\s+/u;

/** Short words a title leaves in lower case ("Origins of the Second ETR"). */
const MINOR_WORDS = new Set(
  "a an and as at but by for from in into of on or nor over per the to upon via vs with de la le du von van al el".split(" "),
);

/** The longest line that may be a heading or a title. */
const HEADING_MAX = 80;

/** A line of the text, cleaned, with its indentation. */
interface Line {
  text: string;
  indent: number;
}

/** Lines that belong together (between blank lines), and how many blank lines came before. */
interface Group {
  lines: Line[];
  blanksBefore: number;
}

/** Reads plain text. `empty` when nothing is left once the residue is cleaned. */
export const readText: SourceReader = async (file) => {
  const lines = cleanLines(decodeText(file.bytes, file.name));
  const groups = splitShortLines(groupLines(lines));
  const metadata: SourceMetadata = {};
  // The first line is the title when it stands alone and looks like one.
  if (groups.length > 1 && groups[0].lines.length === 1 && looksLikeTitle(groups[0].lines[0].text)) {
    metadata.title = groups.shift()!.lines[0].text;
  }
  const blocks = groupsToBlocks(groups);
  if (blocks.length === 0) throw new ImportFailure("empty", "This text has no words to import.");
  const length = blocks.reduce((sum, block) => sum + block.text.length, 0);
  if (length > SOURCE_LIMITS.maxTextLength) {
    throw new ImportFailure("too_large", "This text is longer than Gloss imports (20 MB of text).");
  }
  return { format: "text", metadata, blocks };
};

/**
 * Bytes as text: UTF-8 (with or without its byte-order mark), UTF-16 by its byte-order mark,
 * else, when the bytes are not valid UTF-8, Latin-1 (as browsers read it: Windows-1252). Text with
 * a NUL in it is binary data, `unreadable`, unless `allowBinary`.
 */
export function decodeText(bytes: Uint8Array, name?: string, options: { allowBinary?: boolean } = {}): string {
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder("utf-16le").decode(bytes.subarray(2));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder("utf-16be").decode(bytes.subarray(2));
  else {
    try {
      text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      text = new TextDecoder("latin1").decode(bytes);
    }
  }
  if (!options.allowBinary && text.includes("\u0000")) {
    throw new ImportFailure("unreadable", `${name ? `“${name}”` : "This file"} is not text: it holds binary data.`);
  }
  return text;
}

/** The text's lines with the capture's residue gone; blank lines kept as "" (runs counted later). */
function cleanLines(text: string): Line[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((raw) => {
      const line = raw
        .replace(/[\u200b\u200c\u200d\u2060\ufeff]/g, "")
        .replace(/\t/g, "    ")
        .replace(/[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, " ")
        .trimEnd();
      const indent = line.length - line.trimStart().length;
      const words = line.trim().replace(/ {2,}/g, " ");
      return { text: NAVIGATION_LABELS.has(words.toLowerCase()) ? "" : words, indent };
    });
}

/**
 * The lines in groups. Blank lines part groups where the text has any; a text without them is
 * parted by indentation (a line indented after one that is not starts a paragraph); a text with
 * neither has its paragraphs found later, line by line (groupsToBlocks).
 */
function groupLines(lines: Line[]): Group[] {
  const groups: Group[] = [];
  let blanks = 0;
  let current: Group | undefined;
  const first = lines.findIndex((line) => line.text !== "");
  const last = lines.findLastIndex((line) => line.text !== "");
  const hasBlankLines = lines.some((line, i) => line.text === "" && i > first && i < last);
  for (const [i, line] of lines.entries()) {
    if (line.text === "") {
      blanks++;
      current = undefined;
      continue;
    }
    const previous = lines[i - 1];
    const indentStarts =
      !hasBlankLines && previous && previous.text !== "" && line.indent > previous.indent && !LIST_MARKER.test(line.text);
    if (!current || indentStarts) {
      current = { lines: [], blanksBefore: groups.length === 0 ? 0 : blanks };
      groups.push(current);
    }
    current.lines.push(line);
    blanks = 0;
  }
  return groups;
}

/**
 * Groups parted again after a line much shorter than the text's lines that the next line does not
 * continue (it starts in a capital): a line standing for a heading or a caption with no blank line
 * after it. In wrapped text only a paragraph's last line is short; in text whose lines are whole
 * paragraphs, a short line is one on its own. The parts after the first have no blank line above.
 */
function splitShortLines(groups: Group[]): Group[] {
  const lengths = groups.flatMap((group) => group.lines.map((line) => line.text.length)).sort((a, b) => a - b);
  const width = lengths[Math.floor(lengths.length * 0.9)] ?? 0;
  const short = (line: Line) => line.text.length < width * 0.6 && !/-$/.test(line.text);
  return groups.flatMap((group) => {
    const parts: Group[] = [{ lines: [], blanksBefore: group.blanksBefore }];
    group.lines.forEach((line, i) => {
      const previous = group.lines[i - 1];
      if (previous && short(previous) && /^[^\p{Ll}]/u.test(line.text)) parts.push({ lines: [], blanksBefore: 0 });
      parts[parts.length - 1].lines.push(line);
    });
    return parts;
  });
}

/** A short line with no closing punctuation, in Title Case or capitals. */
function looksLikeTitle(text: string): boolean {
  if (text.length > HEADING_MAX || /[.,;:!?]$/.test(text) || LIST_MARKER.test(text)) return false;
  const words = text.split(" ").filter((word) => /\p{L}/u.test(word));
  if (words.length === 0 || words.length > 12) return false;
  const letters = text.replace(/[^\p{L}]/gu, "");
  if (letters.length >= 3 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) return true;
  const capitalised = (word: string) => /^[^\p{L}]*\p{Lu}/u.test(word);
  if (!capitalised(words[0])) return false;
  return words.every((word) => capitalised(word) || MINOR_WORDS.has(word.toLowerCase()) || /^[^\p{L}]/u.test(word));
}

/** A line that ends a paragraph by itself: so long that no one wraps a line there, ending a sentence. */
const endsUnwrappedParagraph = (line: Line) => line.text.length > 100 && /[.!?:;"”’)]$/u.test(line.text);

/**
 * The groups as blocks. A group of one line that looks like a title and comes before a paragraph
 * may be a heading; where some such lines have more blank lines above them than the text's
 * paragraphs do, only those are headings (a caption stands alone too, closer to its text).
 */
function groupsToBlocks(groups: Group[]): SourceBlock[] {
  const candidate = (group: Group, index: number) =>
    group.lines.length === 1 &&
    looksLikeTitle(group.lines[0].text) &&
    groups[index + 1] !== undefined &&
    !LIST_MARKER.test(groups[index + 1].lines[0].text);
  const candidates = groups.map(candidate);
  const usualBlanks = mode(groups.map((group) => group.blanksBefore).filter((blanks) => blanks > 0)) ?? 1;
  const setApart = groups.filter((group, i) => candidates[i] && group.blanksBefore > usualBlanks);
  const isHeading = (group: Group, i: number) => candidates[i] && (setApart.length === 0 || group.blanksBefore > usualBlanks);

  const vocabulary = vocabularyOf(groups.flatMap((group) => group.lines.map((line) => line.text)));
  const blocks: SourceBlock[] = [];
  groups.forEach((group, i) => {
    if (isHeading(group, i)) blocks.push({ kind: "heading", text: group.lines[0].text, depth: 1 });
    else blocks.push(...groupBlocks(group.lines, vocabulary));
  });
  numberLists(blocks);
  return blocks;
}

/** A group's paragraphs and list items: each marker starts an item, whose lines go on indented. */
function groupBlocks(lines: Line[], vocabulary: Vocabulary): SourceBlock[] {
  const blocks: SourceBlock[] = [];
  let pending: string[] = [];
  let item: { number?: number; indent: number } | undefined;
  const flush = () => {
    const text = joinLines(pending, vocabulary);
    if (text !== "") {
      if (item) blocks.push({ kind: "list_item", text, list: { index: 0, ordered: item.number !== undefined, item: item.number ?? 0 } });
      else blocks.push({ kind: "paragraph", text });
    }
    pending = [];
    item = undefined;
  };
  let previous: Line | undefined;
  for (const line of lines) {
    const marker = LIST_MARKER.exec(line.text);
    if (marker) {
      flush();
      item = { number: marker[2] === undefined ? undefined : Number(marker[2]), indent: line.indent + marker[0].length };
      pending.push(line.text.slice(marker[0].length));
    } else {
      // A line back at the margin after a list's items is the text going on after the list.
      if ((item && line.indent < item.indent) || (previous && endsUnwrappedParagraph(previous))) flush();
      pending.push(line.text);
    }
    previous = line;
  }
  flush();
  return blocks;
}

/**
 * Numbers the lists in order of appearance (consecutive items of one kind form one list), and
 * the items of an unnumbered list from 1.
 */
function numberLists(blocks: SourceBlock[]): void {
  let index = 0;
  let count = 0;
  let previous: SourceBlock | undefined;
  for (const block of blocks) {
    if (block.list) {
      if (previous?.list?.ordered !== block.list.ordered) {
        index++;
        count = 0;
      }
      count++;
      block.list = { index, ordered: block.list.ordered, item: block.list.ordered ? block.list.item : count };
    }
    previous = block;
  }
}

function mode(values: number[]): number | undefined {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: number | undefined;
  for (const [value, count] of counts) if (best === undefined || count > counts.get(best)!) best = value;
  return best;
}

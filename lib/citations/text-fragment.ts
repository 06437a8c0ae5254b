/**
 * Text fragments (WICG Scroll to Text Fragment, `#:~:text=[prefix-,]textStart[,textEnd][,-suffix]`):
 * building a directive that finds exactly one range of a page's text, and finding the range a
 * directive names. Offsets are UTF-16 code units of the plain text, end exclusive.
 */

/** One `text=` directive, its terms percent-decoded. */
export interface TextDirective {
  prefix?: string;
  textStart: string;
  textEnd?: string;
  suffix?: string;
}

/** Quotes up to this length (in one passage) are written whole; longer ones as textStart,textEnd. */
export const EXACT_TEXT_LIMIT = 300;
/** Words of context or of textStart/textEnd added at most while looking for a unique directive. */
const MAX_WORDS = 12;
/** Characters either side of a range that prefix and suffix words are taken from. */
const CONTEXT_CHARS = 200;

/**
 * Percent-encodes one term of a directive: everything encodeURIComponent encodes (`&`, `,`,
 * spaces, quotes, non-ASCII as UTF-8) and also `-`, which the syntax uses for prefix and suffix.
 */
export function encodeFragmentTerm(term: string): string {
  return encodeURIComponent(term).replace(/-/g, "%2D");
}

/** The `text=...` directive (without `#:~:`) for a parsed directive. */
export function serializeTextDirective(directive: TextDirective): string {
  const parts = [
    directive.prefix ? `${encodeFragmentTerm(directive.prefix)}-` : null,
    encodeFragmentTerm(directive.textStart),
    directive.textEnd ? encodeFragmentTerm(directive.textEnd) : null,
    directive.suffix ? `-${encodeFragmentTerm(directive.suffix)}` : null,
  ];
  return `text=${parts.filter((part) => part !== null).join(",")}`;
}

/**
 * The text directives of a URL or fragment (anything holding `:~:`), decoded; malformed ones are
 * skipped. Browsers hide the directive from `location.hash`; read the URL from the navigation
 * timing entry instead.
 */
export function parseTextDirectives(urlOrFragment: string): TextDirective[] {
  const at = urlOrFragment.indexOf(":~:");
  if (at === -1) return [];
  const directives: TextDirective[] = [];
  for (const piece of urlOrFragment.slice(at + 3).split("&")) {
    if (!piece.startsWith("text=")) continue;
    const terms = piece.slice(5).split(",");
    try {
      const directive: Partial<TextDirective> = {};
      if (terms.length > 1 && terms[0].endsWith("-")) directive.prefix = decodeURIComponent(terms.shift()!.slice(0, -1));
      if (terms.length > 1 && terms[terms.length - 1].startsWith("-")) directive.suffix = decodeURIComponent(terms.pop()!.slice(1));
      if (terms.length < 1 || terms.length > 2) continue;
      directive.textStart = decodeURIComponent(terms[0]);
      if (terms.length === 2) directive.textEnd = decodeURIComponent(terms[1]);
      const all = [directive.prefix, directive.textStart, directive.textEnd, directive.suffix];
      if (all.some((term) => term !== undefined && term.trim() === "")) continue;
      directives.push(directive as TextDirective);
    } catch {
      // a malformed percent-encoding: not a directive we can follow
    }
  }
  return directives;
}

/** Lower-cases each UTF-16 unit on its own, so offsets stay those of the original text. */
function foldCase(value: string): string {
  let out = "";
  for (const unit of value) {
    const lower = unit.toLowerCase();
    out += lower.length === unit.length ? lower : unit;
  }
  return out;
}

const WORD = /[\p{L}\p{N}\p{M}_]/u;
const isWordUnit = (value: string, at: number) => at >= 0 && at < value.length && WORD.test(value[at]);
/** True when `at` is not inside a word (between two word characters). */
const isBoundary = (value: string, at: number) => !(isWordUnit(value, at - 1) && isWordUnit(value, at));

/** Options of the matcher. */
export interface FindOptions {
  /** Terms must start and end on word boundaries, as browsers require (default true). */
  wordBoundaries?: boolean;
}

/** A text prepared for matching: its case-folded form and the matcher's options. */
interface Haystack {
  text: string;
  folded: string;
  words: boolean;
}

function termAt(hay: Haystack, term: string, at: number): boolean {
  if (!hay.folded.startsWith(term, at)) return false;
  return !hay.words || (isBoundary(hay.text, at) && isBoundary(hay.text, at + term.length));
}

function findTerm(hay: Haystack, term: string, from: number): number {
  for (let at = hay.folded.indexOf(term, from); at !== -1; at = hay.folded.indexOf(term, at + 1)) {
    if (termAt(hay, term, at)) return at;
  }
  return -1;
}

const skipSpace = (value: string, at: number) => {
  while (at < value.length && /\s/.test(value[at])) at++;
  return at;
};

/**
 * The first range of `text` a directive selects, as a browser finds it: the first textStart
 * (right after the prefix and white space, when there is one), extended to the first textEnd
 * after it, followed by white space and the suffix; matching ignores case. Null when none.
 */
export function findTextDirective(
  text: string,
  directive: TextDirective,
  options: FindOptions = {},
): { start: number; end: number } | null {
  const hay: Haystack = { text, folded: foldCase(text), words: options.wordBoundaries ?? true };
  const norm = (term: string | undefined) => (term === undefined ? undefined : foldCase(term.replace(/\s+/g, " ").trim()));
  const prefix = norm(directive.prefix);
  const textStart = norm(directive.textStart)!;
  const textEnd = norm(directive.textEnd);
  const suffix = norm(directive.suffix);
  if (!textStart) return null;
  let from = 0;
  while (from <= text.length) {
    let start: number;
    if (prefix) {
      const p = findTerm(hay, prefix, from);
      if (p === -1) return null;
      start = skipSpace(text, p + prefix.length);
      from = p + 1;
      if (!termAt(hay, textStart, start)) continue;
    } else {
      start = findTerm(hay, textStart, from);
      if (start === -1) return null;
      from = start + 1;
    }
    let endSearch = start + textStart.length;
    for (;;) {
      let end = start + textStart.length;
      if (textEnd) {
        const e = findTerm(hay, textEnd, endSearch);
        if (e === -1) break;
        end = e + textEnd.length;
        endSearch = e + 1;
      }
      if (!suffix || termAt(hay, suffix, skipSpace(text, end))) return { start, end };
      if (!textEnd) break;
    }
  }
  return null;
}

/** Offsets of the ends of the words of `value`. */
function wordEnds(value: string): number[] {
  return [...value.matchAll(/\S+/g)].map((m) => m.index! + m[0].length);
}
/** Offsets of the starts of the words of `value`. */
function wordStarts(value: string): number[] {
  return [...value.matchAll(/\S+/g)].map((m) => m.index!);
}

/** A directive for a range, and whether it finds that range first on the page. */
export interface BuiltDirective {
  directive: TextDirective;
  /** The `text=...` directive, percent-encoded. */
  encoded: string;
  /** False when no directive within the limits finds the range first (it is still the best one). */
  unique: boolean;
}

/**
 * A text directive that selects exactly `[start, end)` of `text`: the quote itself when short
 * and within one passage, else its first and last words (textStart,textEnd); words of the
 * passage around it are added as prefix and suffix, and more words to textStart and textEnd,
 * until the first match on the page is this range.
 *
 * @param text the document's plain text (passages separated by blank lines)
 * @param before text the page shows before the document's text (its title, contents), which a
 *   browser searches first
 */
export function buildTextDirective(text: string, start: number, end: number, before: string[] = []): BuiltDirective {
  const quote = text.slice(start, end);
  // Context may reach into the neighbouring passages: a browser skips the white space between blocks.
  const before_ = text.slice(Math.max(0, start - CONTEXT_CHARS), start);
  const after = text.slice(end, end + CONTEXT_CHARS);
  const words = isBoundary(text, start) && isBoundary(text, end);

  const preamble = before.filter((b) => b.trim() !== "").join("\n\n");
  const offset = preamble ? preamble.length + 2 : 0;
  const page = preamble ? `${preamble}\n\n${text}` : text;

  const blocks = quote.split(/\n\n+/);
  const exactForm = blocks.length === 1 && quote.length <= EXACT_TEXT_LIMIT;
  const firstBlock = blocks[0];
  const lastBlock = blocks[blocks.length - 1];
  const startEnds = wordEnds(firstBlock);
  const endStarts = wordStarts(lastBlock);
  // The first word of the window before may be cut, as may the last one after: never use those.
  const prefixStarts = wordStarts(before_)
    .filter((at, i) => i > 0 || start - CONTEXT_CHARS <= 0)
    .reverse();
  const suffixEnds = wordEnds(after).filter((at, i, all) => i < all.length - 1 || end + CONTEXT_CHARS >= text.length);
  // Context words must be whole words separated from the quote by white space.
  const prefixUsable = /\s$/.test(before_) && isBoundary(text, start);
  const suffixUsable = /^\s/.test(after) && isBoundary(text, end);

  const make = (startWords: number, endWords: number, prefixWords: number, suffixWords: number): TextDirective => {
    const directive: TextDirective = { textStart: quote };
    if (!exactForm) {
      const sw = Math.min(startWords, startEnds.length);
      const ew = Math.min(endWords, endStarts.length);
      directive.textStart = firstBlock.slice(0, startEnds[sw - 1]);
      directive.textEnd = lastBlock.slice(endStarts[endStarts.length - ew]);
      if (blocks.length === 1 && startWords + endWords >= startEnds.length) directive.textEnd = undefined;
      if (directive.textEnd === undefined) directive.textStart = quote;
    }
    if (prefixWords > 0 && prefixUsable)
      directive.prefix = before_.slice(prefixStarts[Math.min(prefixWords, prefixStarts.length) - 1]).trim();
    if (suffixWords > 0 && suffixUsable && suffixEnds.length > 0)
      directive.suffix = after.slice(0, suffixEnds[Math.min(suffixWords, suffixEnds.length) - 1]).trim();
    return directive;
  };
  const hits = (directive: TextDirective) => {
    const found = findTextDirective(page, directive, { wordBoundaries: words });
    return found !== null && found.start === start + offset && found.end === end + offset;
  };

  let startWords = 3;
  let endWords = 3;
  let prefixWords = 0;
  let suffixWords = 0;
  let directive = make(startWords, endWords, prefixWords, suffixWords);
  for (let step = 0; step < MAX_WORDS * 2 && !hits(directive); step++) {
    if (!exactForm) {
      startWords++;
      endWords++;
    }
    if (step % 2 === 0) prefixWords++;
    else suffixWords++;
    directive = make(startWords, endWords, prefixWords, suffixWords);
  }
  return { directive, encoded: serializeTextDirective(directive), unique: hits(directive) };
}

import type { SnippetSegment } from "./types";

/** Markers ts_headline is asked to put around matches: control characters no text contains. */
export const HEADLINE_START = "\u0002";
export const HEADLINE_STOP = "\u0003";
export const HEADLINE_DELIMITER = " … ";

/**
 * Turns a `ts_headline` fragment marked with HEADLINE_START/HEADLINE_STOP into segments, adding an
 * ellipsis where the fragment starts after or ends before the whole text (`fullText`). Adjacent
 * segments of the same kind are merged, and empty ones dropped.
 *
 * Pure: no I/O.
 */
export function headlineSegments(marked: string, fullText?: string): SnippetSegment[] {
  const segments: SnippetSegment[] = [];
  const push = (text: string, match: boolean) => {
    if (!text) return;
    const last = segments[segments.length - 1];
    if (last && last.match === match) last.text += text;
    else segments.push({ text, match });
  };
  let rest = marked;
  while (rest) {
    const open = rest.indexOf(HEADLINE_START);
    if (open < 0) {
      push(rest, false);
      break;
    }
    push(rest.slice(0, open), false);
    const close = rest.indexOf(HEADLINE_STOP, open + 1);
    const end = close < 0 ? rest.length : close;
    push(rest.slice(open + 1, end), true);
    rest = close < 0 ? "" : rest.slice(close + 1);
  }
  if (fullText !== undefined && segments.length > 0) {
    const plain = segments.map((s) => s.text).join("");
    const squash = (t: string) => t.replace(/\s+/g, " ").trim();
    const text = squash(fullText);
    const firstPiece = squash(plain.split(HEADLINE_DELIMITER)[0]);
    const lastPiece = squash(plain.split(HEADLINE_DELIMITER).at(-1)!);
    if (firstPiece && !text.startsWith(firstPiece)) segments.unshift({ text: "… ", match: false });
    if (lastPiece && !text.endsWith(lastPiece)) segments.push({ text: " …", match: false });
  }
  return segments;
}

import { SOURCE_FORMATS, type SourceFormat } from "./source-document";

/** What is known of an upload before it is read: its name, its media type, its first bytes. */
export interface UploadClues {
  /** The file's name as sent ("report.pdf"). */
  name?: string;
  /** The media type as sent ("application/pdf"); browsers often send none or a generic one. */
  type?: string;
  /** The first bytes of the file (64 KB is plenty). */
  head: Uint8Array;
}

const EXTENSIONS: Record<string, SourceFormat> = {
  md: "markdown",
  markdown: "markdown",
  txt: "text",
  text: "text",
  html: "html",
  htm: "html",
  xhtml: "html",
  docx: "docx",
  pdf: "pdf",
  tei: "tei",
  epub: "epub",
};

const MEDIA_TYPES: Record<string, SourceFormat> = {
  "text/markdown": "markdown",
  "text/x-markdown": "markdown",
  "text/plain": "text",
  "text/html": "html",
  "application/xhtml+xml": "html",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "application/pdf": "pdf",
  "application/tei+xml": "tei",
  "application/epub+zip": "epub",
};

/** The formats, for messages: "Markdown, plain text, HTML, …". */
export const FORMAT_NAMES: Record<SourceFormat, string> = {
  markdown: "Markdown",
  text: "plain text",
  html: "HTML (a saved web page)",
  docx: "Word (.docx)",
  pdf: "PDF with a text layer",
  tei: "TEI P5 XML",
  epub: "EPUB",
};

export const isSourceFormat = (value: string): value is SourceFormat => (SOURCE_FORMATS as readonly string[]).includes(value);

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");

/** Whether the bytes read as text: valid UTF-8 (or UTF-16 with its mark) with no NUL. */
function looksLikeText(head: Uint8Array): boolean {
  if (head.length === 0) return true;
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return true;
  // A multi-byte character cut at the end of the head is not an error.
  const cut = head.length >= 65536 ? head.subarray(0, head.length - 4) : head;
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(cut);
    return !text.includes("\u0000");
  } catch {
    // Not UTF-8: a single-byte text (Latin-1, Windows-1252) has no control bytes but tab and line ends.
    return !cut.some((byte) => byte < 0x09 || (byte > 0x0d && byte < 0x20));
  }
}

/** The format the bytes themselves declare, for formats with a signature. */
function formatFromBytes(head: Uint8Array): SourceFormat | "zip" | "xml" | null {
  const start = latin1(head.subarray(0, 1024));
  if (start.includes("%PDF-")) return "pdf";
  if (start.startsWith("PK\u0003\u0004")) {
    // EPUB's first entry is "mimetype", stored, holding "application/epub+zip" (OCF 3.0 §4.3).
    if (start.slice(30, 58) === "mimetypeapplication/epub+zip") return "epub";
    const all = latin1(head);
    if (all.includes("word/")) return "docx";
    if (all.includes("META-INF/container.xml") || all.includes("application/epub+zip")) return "epub";
    return "zip";
  }
  const text = start
    .replace(/^\uFEFF|^\u00EF\u00BB\u00BF/, "")
    .trimStart()
    .toLowerCase();
  if (/<tei[\s>]/.test(text) || text.includes("http://www.tei-c.org/ns/1.0")) return "tei";
  if (text.startsWith("<!doctype html") || /<html[\s>]/.test(text) || /^<(head|body)[\s>]/.test(text)) return "html";
  if (text.startsWith("<?xml")) return "xml";
  return null;
}

/**
 * The format of an upload: the bytes' own signature first (a PDF named .txt is a PDF), then the
 * name's extension, then the media type, then whether it reads as text. Null when nothing says it
 * is a format Gloss reads (the import answers 415).
 */
export function detectFormat(clues: UploadClues): SourceFormat | null {
  const fromBytes = formatFromBytes(clues.head);
  const extension = clues.name?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  const fromName = extension ? EXTENSIONS[extension] : undefined;
  const fromType = clues.type ? MEDIA_TYPES[clues.type.split(";")[0].trim().toLowerCase()] : undefined;
  if (fromBytes === "pdf" || fromBytes === "epub" || fromBytes === "docx" || fromBytes === "tei") return fromBytes;
  if (fromBytes === "zip") return fromName === "docx" || fromName === "epub" ? fromName : null;
  if (fromBytes === "html") return fromName === "tei" ? "tei" : "html";
  if (fromBytes === "xml") return fromName === "tei" || fromName === "html" ? fromName : fromType === "tei" ? "tei" : null;
  const hinted = fromName ?? fromType;
  // Binary bytes that name or type call a format Gloss reads are taken as it: whether they really
  // are (a truncated PDF, say) is the import job's to find out ("unreadable").
  if (!looksLikeText(clues.head)) return hinted ?? null;
  if (hinted === "markdown" || hinted === "text") return hinted;
  // A text that claims a binary format is not that format; read it as the text it is.
  return "text";
}

/** The formats listed for a person ("Markdown, plain text, …, EPUB"). */
export const readableFormats = () => SOURCE_FORMATS.map((format) => FORMAT_NAMES[format]).join(", ");

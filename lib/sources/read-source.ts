import type { ReportProgress, SourceDocument, SourceFile, SourceFormat, SourceReader } from "./source-document";

/**
 * The reader of each format (read-<format>.ts), loaded when first needed: the import job pays for
 * pdf.js or mammoth only when a file needs them, and the web server never loads them.
 */
const READERS: Record<SourceFormat, () => Promise<SourceReader>> = {
  markdown: async () => (await import("./read-markdown")).readMarkdown,
  text: async () => (await import("./read-text")).readText,
  html: async () => (await import("./read-html")).readHtml,
  docx: async () => (await import("./read-docx")).readDocx,
  pdf: async () => (await import("./read-pdf")).readPdf,
  tei: async () => (await import("./read-tei")).readTei,
  epub: async () => (await import("./read-epub")).readEpub,
};

/** Reads a file of a known format into the intermediate form. @throws ImportFailure */
export async function readSource(format: SourceFormat, file: SourceFile, progress?: ReportProgress): Promise<SourceDocument> {
  const reader = await READERS[format]();
  return reader(file, progress);
}

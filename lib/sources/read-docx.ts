import mammoth from "mammoth";
import { blocksFromHtml } from "./html-blocks";
import { compactMetadata, isoDate, languageTag, personNames, textValue } from "./metadata-values";
import { asImportFailure } from "./as-import-failure";
import { ImportFailure, type SourceDocument, type SourceFile, type SourceMetadata, type SourceReader } from "./source-document";
import { descendants, parseXmlPart } from "./xml-parts";
import { readZip } from "./zip";

const WHAT = "Word document (DOCX)";
const CORE = "docProps/core.xml";

/**
 * Styles Word documents use for quotes and captions, added to mammoth's default map (headings,
 * lists, footnotes), which leaves them plain paragraphs.
 */
const STYLE_MAP = [
  "p[style-name='Quote'] => blockquote > p:fresh",
  "p[style-name='Intense Quote'] => blockquote > p:fresh",
  "p[style-name='Block Text'] => blockquote > p:fresh",
  "p[style-name='Caption'] => figcaption:fresh",
  "p[style-name='caption'] => figcaption:fresh",
  "p[style-name='Title'] => h1:fresh",
];

/**
 * Reads a Word document: the zip checked first (size, entities, names: see readZip), then mammoth
 * turns it into HTML, which the block path reads (headings, paragraphs, lists, quotes, captions,
 * and footnotes and endnotes with their numbers). Metadata from the core properties: title,
 * creators, created date, language. cp:lastModifiedBy is who saved it last, no author; the
 * Company of docProps/app.xml is the author's employer or licence, no publisher, and is not read.
 *
 * @throws ImportFailure "unreadable" for a damaged or hostile file, "too_large", "empty"
 */
export const readDocx: SourceReader = async (file) => {
  try {
    return await readWordDocument(file);
  } catch (error) {
    throw asImportFailure(error, WHAT);
  }
};

async function readWordDocument(file: SourceFile): Promise<SourceDocument> {
  const parts = await readZip(file.bytes, { what: WHAT, keep: (name) => name === CORE });
  if (!parts.names.includes("word/document.xml")) {
    throw new ImportFailure("unreadable", "The file is a zip archive but not a Word document: it has no word/document.xml.");
  }
  const core = parts.bytes.get(CORE);
  const metadata = core ? coreMetadata(core) : {};

  let html: string;
  try {
    const buffer = Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength);
    // Images are left out: a passage is text, and their bytes would only be base64 to throw away.
    const result = await mammoth.convertToHtml(
      { buffer },
      {
        styleMap: STYLE_MAP,
        convertImage: mammoth.images.imgElement(async () => ({ src: "" })),
        // A linked image may name any file of the server's ("file:///etc/passwd"): never read.
        externalFileAccess: false,
      },
    );
    html = result.value;
  } catch {
    throw new ImportFailure("unreadable", `The ${WHAT} is damaged: its text cannot be read.`);
  }
  const blocks = blocksFromHtml(html);
  if (blocks.length === 0) throw new ImportFailure("empty", "The Word document has no text.");
  return { format: "docx", metadata, blocks };
}

/** The core properties (Dublin Core) a Word document carries. */
function coreMetadata(bytes: Uint8Array): SourceMetadata {
  const core = parseXmlPart(bytes, `${WHAT}'s properties (${CORE})`);
  const field = (local: string) => descendants(core, local)[0]?.text;
  return compactMetadata({
    title: textValue(field("title")),
    // Word keeps several authors in one dc:creator, separated by semicolons.
    authors: personNames(descendants(core, "creator").flatMap((creator) => creator.text.split(";"))),
    date: isoDate(field("created")),
    language: languageTag(field("language")),
  });
}

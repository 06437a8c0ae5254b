import yauzl from "yauzl";
import { ImportFailure, SOURCE_LIMITS } from "./source-document";

/** What a zipped source is called in messages ("DOCX file", "EPUB file"). */
export interface ZipReadOptions {
  what: string;
  /** Which entries' bytes to keep (by name); every entry is inflated and checked all the same. */
  keep?: (name: string) => boolean;
  /** Limits, for tests; SOURCE_LIMITS otherwise. */
  maxEntries?: number;
  maxInflatedBytes?: number;
}

/** The parts of a zipped source, by name ("word/document.xml"), as the file holds them. */
export interface ZipParts {
  /** Every entry's name, in the order of the zip's central directory. */
  names: string[];
  /** The inflated bytes of the entries `keep` asked for. */
  bytes: Map<string, Uint8Array>;
}

/** Parts whose text is XML (or XHTML) and so may declare entities. */
const XML_PART = /\.(xml|rels|opf|ncx|xhtml|xht|html|htm|svg|smil)$/i;

/**
 * Reads every entry of a zipped source (DOCX, EPUB) with the checks a hostile file needs, before
 * anything else reads it: at most `maxEntries` entries, none encrypted, no name that points
 * outside the archive, at most `maxInflatedBytes` inflated in all (counted while inflating: a zip
 * bomb's header may claim any size), and no XML part that declares entities (billion laughs,
 * external entities), whichever XML parser reads it later.
 *
 * @throws ImportFailure "unreadable" for a damaged, encrypted or hostile archive, "too_large"
 *   past the inflated limit
 */
export async function readZip(bytes: Uint8Array, options: ZipReadOptions): Promise<ZipParts> {
  const maxEntries = options.maxEntries ?? SOURCE_LIMITS.maxZipEntries;
  const maxInflated = options.maxInflatedBytes ?? SOURCE_LIMITS.maxInflatedBytes;
  const keep = options.keep ?? (() => true);
  const damaged = () => new ImportFailure("unreadable", `The ${options.what} is damaged or incomplete: its zip structure cannot be read.`);

  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let zip: yauzl.ZipFile;
  try {
    zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      // Names are decoded and checked here, not by yauzl, to refuse them with a sentence of ours.
      yauzl.fromBuffer(buffer, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true }, (error, file) =>
        error || !file ? reject(error) : resolve(file),
      ),
    );
  } catch {
    throw damaged();
  }

  try {
    if (zip.entryCount > maxEntries) throw tooManyEntries(options.what, maxEntries);
    const parts: ZipParts = { names: [], bytes: new Map() };
    let inflated = 0;
    for (;;) {
      const entry = await nextEntry(zip).catch(() => {
        throw damaged();
      });
      if (!entry) break;
      if (parts.names.length >= maxEntries) throw tooManyEntries(options.what, maxEntries);
      const name = entryName(entry);
      checkName(name, options.what);
      parts.names.push(name);
      if (entry.isEncrypted()) {
        throw new ImportFailure(
          "unreadable",
          `The ${options.what} is encrypted (protected by a password); save it without a password and import it again.`,
        );
      }
      if (name.endsWith("/")) continue;
      const guard = XML_PART.test(name) ? new EntityDeclarationGuard() : null;
      const chunks: Buffer[] | null = keep(name) ? [] : null;
      const stream = await openStream(zip, entry).catch(() => {
        throw damaged();
      });
      await new Promise<void>((resolve, reject) => {
        const fail = (failure: Error) => {
          stream.destroy();
          reject(failure);
        };
        stream.on("data", (chunk: Buffer) => {
          inflated += chunk.length;
          if (inflated > maxInflated) {
            return fail(
              new ImportFailure(
                "too_large",
                `The ${options.what} unpacks to more than ${Math.round(maxInflated / (1024 * 1024))} MB, more than Gloss reads.`,
              ),
            );
          }
          if (guard && !guard.push(chunk)) {
            return fail(new ImportFailure("unreadable", "The file declares XML entities, which Gloss does not read."));
          }
          chunks?.push(chunk);
        });
        stream.on("error", () => fail(damaged()));
        stream.on("end", resolve);
      });
      if (chunks) parts.bytes.set(name, new Uint8Array(Buffer.concat(chunks)));
    }
    return parts;
  } finally {
    zip.close();
  }
}

function tooManyEntries(what: string, max: number): ImportFailure {
  return new ImportFailure(
    "unreadable",
    `The ${what} holds more than ${max.toLocaleString("en")} parts, more than Gloss reads in one source.`,
  );
}

function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | null> {
  return new Promise((resolve, reject) => {
    const onEntry = (entry: yauzl.Entry) => {
      zip.off("end", onEnd).off("error", onError);
      resolve(entry);
    };
    const onEnd = () => {
      zip.off("entry", onEntry).off("error", onError);
      resolve(null);
    };
    const onError = (error: Error) => {
      zip.off("entry", onEntry).off("end", onEnd);
      reject(error);
    };
    zip.once("entry", onEntry).once("end", onEnd).once("error", onError);
    zip.readEntry();
  });
}

function openStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<NodeJS.ReadableStream & { destroy(): void }> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (error, stream) => (error || !stream ? reject(error) : resolve(stream))),
  );
}

/** The entry's name: UTF-8 when its flag says so, else (the old zip default, CP437) read byte by byte. */
function entryName(entry: yauzl.Entry): string {
  const raw = entry.fileName as unknown as Buffer;
  const utf8 = (entry.generalPurposeBitFlag & 0x800) !== 0;
  return raw.toString(utf8 ? "utf8" : "latin1");
}

/** Refuses a name that would point outside the archive if it were ever written to disk. */
function checkName(name: string, what: string): void {
  const slashed = name.replaceAll("\\", "/");
  if (slashed.startsWith("/") || /^[a-zA-Z]:/.test(slashed) || slashed.split("/").includes("..")) {
    throw new ImportFailure(
      "unreadable",
      `The ${what} holds a part named “${name}”, a path outside the file, which no DOCX or EPUB has; Gloss does not read it.`,
    );
  }
}

/**
 * Watches an XML part's bytes, chunk by chunk, for an entity declaration (`<!ENTITY`) or a
 * DOCTYPE with an internal subset (`<!DOCTYPE x [ ... ]>`), where entities are declared. Zero
 * bytes are dropped first so that a UTF-16 part reads as ASCII too. Only the last few characters
 * of a chunk are carried to the next, so memory stays flat however large the part.
 */
class EntityDeclarationGuard {
  /** Text not yet judged: the end of the last chunk, or an unfinished DOCTYPE. */
  private pending = "";
  private static readonly MAX_DOCTYPE = 64 * 1024;

  /** Returns false as soon as the part declares entities (or a DOCTYPE never ends). */
  push(chunk: Buffer): boolean {
    let text = this.pending + chunk.toString("latin1").replaceAll("\0", "");
    if (/<!ENTITY/i.test(text)) return false;
    let from = 0;
    for (;;) {
      const start = text.slice(from).search(/<!DOCTYPE/i);
      if (start < 0) break;
      const verdict = doctypeSubset(text, from + start);
      if (verdict === "subset") return false;
      if (verdict === "unfinished") {
        text = text.slice(from + start);
        if (text.length > EntityDeclarationGuard.MAX_DOCTYPE) return false;
        this.pending = text;
        return true;
      }
      from = verdict;
    }
    // Keep enough to find "<!DOCTYPE" (9 characters) split between two chunks.
    this.pending = text.slice(-8);
    return true;
  }
}

/**
 * Reads the DOCTYPE at `start`: "subset" when it opens an internal subset, "unfinished" when the
 * text ends first, else the offset just past its closing `>`. Quoted identifiers are skipped.
 */
function doctypeSubset(text: string, start: number): "subset" | "unfinished" | number {
  let quote: string | null = null;
  for (let i = start + 9; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "[") return "subset";
    else if (c === ">") return i + 1;
  }
  return "unfinished";
}

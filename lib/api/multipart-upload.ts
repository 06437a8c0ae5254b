import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import busboy from "busboy";
import { DomainError } from "../errors";

/** A file received from a form, on disk. */
export interface ReceivedFile {
  /** Where it was written. */
  path: string;
  /** Its name as sent, without any folder part. */
  name: string;
  /** Its media type as sent. */
  type: string;
  size: number;
  /** SHA-256 of the bytes, hex. */
  hash: string;
  /** The first 64 KB, to tell its format by. */
  head: Uint8Array;
}

/** A multipart form: its text fields (repeatable) and its one file, if any. */
export interface ReceivedForm {
  fields: Map<string, string[]>;
  file: ReceivedFile | null;
}

export interface UploadLimits {
  /** Largest file (bytes): more is refused with 413 and nothing is kept. */
  fileBytes: number;
  /** Largest text field (bytes); pasted text counts. */
  fieldBytes: number;
  /** Most fields. */
  fields: number;
}

const HEAD_BYTES = 64 * 1024;

/**
 * Reads a `multipart/form-data` request as it arrives: text fields into memory (within limits),
 * the one `file` part streamed to `dir` (a new file named by a UUID) while its hash and size are
 * counted, so a 50 MB upload never sits in memory. Any refusal (not multipart, a second file, a
 * part over its limit, a broken stream) removes what was written and throws DomainError
 * (bad_request, too_large, unsupported_media_type).
 */
export async function receiveUpload(request: Request, dir: string, limits: UploadLimits): Promise<ReceivedForm> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(type)) {
    throw new DomainError("unsupported_media_type", "Send the import as multipart/form-data (a form with a file or text).");
  }
  if (!request.body) throw new DomainError("bad_request", "The form is empty.");
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > limits.fileBytes + limits.fields * limits.fieldBytes + 1024 * 1024) {
    throw new DomainError("too_large", `The file is larger than ${Math.round(limits.fileBytes / 1024 / 1024)} MB.`);
  }
  fs.mkdirSync(dir, { recursive: true });

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": type },
      limits: { files: 1, fileSize: limits.fileBytes, fields: limits.fields, fieldSize: limits.fieldBytes, parts: limits.fields + 1 },
    });
  } catch (error) {
    throw new DomainError("bad_request", `The form is malformed: ${(error as Error).message}.`);
  }
  const fields = new Map<string, string[]>();
  let file: ReceivedFile | null = null;
  let written: string | null = null;
  let refusal: DomainError | null = null;
  const writes: Promise<void>[] = [];
  const refuse = (error: DomainError) => {
    refusal ??= error;
  };

  parser.on("field", (name, value, info) => {
    if (info.valueTruncated) refuse(new DomainError("too_large", `The field "${name}" is too long.`));
    fields.set(name, [...(fields.get(name) ?? []), value]);
  });
  parser.on("file", (name, stream, info) => {
    if (name !== "file" || file) {
      stream.resume();
      refuse(
        new DomainError(
          "bad_request",
          name === "file" ? "Send one file per import." : `Unexpected file field "${name}": the file goes in "file".`,
        ),
      );
      return;
    }
    const target = path.join(dir, randomUUID());
    written = target;
    const hash = createHash("sha256");
    const head: Buffer[] = [];
    let headLength = 0;
    let size = 0;
    const out = fs.createWriteStream(target, { flags: "wx", mode: 0o600 });
    stream.on("data", (chunk: Buffer) => {
      hash.update(chunk);
      size += chunk.length;
      if (headLength < HEAD_BYTES) {
        head.push(chunk.subarray(0, HEAD_BYTES - headLength));
        headLength += Math.min(chunk.length, HEAD_BYTES - headLength);
      }
    });
    stream.on("limit", () =>
      refuse(new DomainError("too_large", `The file is larger than ${Math.round(limits.fileBytes / 1024 / 1024)} MB.`)),
    );
    const write = new Promise<void>((resolve, reject) => {
      out.on("finish", resolve);
      out.on("error", reject);
      stream.on("error", (error) => {
        out.destroy();
        reject(error);
      });
    });
    // Awaited below with the others; a failure seen first by the parser must not go unhandled here.
    write.catch(() => {});
    writes.push(write);
    stream.pipe(out);
    const fileName = path.basename((info.filename ?? "").replace(/\\/g, "/")).slice(0, 255);
    file = {
      path: target,
      name: fileName,
      type: info.mimeType ?? "",
      get size() {
        return size;
      },
      get hash() {
        return hash.copy().digest("hex");
      },
      get head() {
        return new Uint8Array(Buffer.concat(head));
      },
    } as ReceivedFile;
  });
  parser.on("partsLimit", () => refuse(new DomainError("bad_request", "The form has too many fields.")));
  parser.on("fieldsLimit", () => refuse(new DomainError("bad_request", "The form has too many fields.")));

  try {
    await new Promise<void>((resolve, reject) => {
      parser.once("close", resolve);
      parser.once("error", reject);
      const input = Readable.fromWeb(request.body as import("node:stream/web").ReadableStream<Uint8Array>);
      input.once("error", reject);
      input.pipe(parser);
    });
    await Promise.all(writes);
  } catch (error) {
    refuse(error instanceof DomainError ? error : new DomainError("bad_request", `The form is malformed: ${(error as Error).message}.`));
  }
  if (refusal) {
    if (written) fs.rmSync(written, { force: true });
    throw refusal;
  }
  const received = file as ReceivedFile | null;
  return {
    fields,
    file: received
      ? { path: received.path, name: received.name, type: received.type, size: received.size, hash: received.hash, head: received.head }
      : null,
  };
}

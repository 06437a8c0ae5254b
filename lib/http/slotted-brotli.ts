import { randomInt } from "node:crypto";
import zlib from "node:zlib";

// A page kept once and served to everyone with a fresh nonce per response (nonceSlots in
// security-headers.ts), compressed with brotli once rather than per response: the parts between
// the nonce slots are compressed by one encoder, flushed at each slot, and each response writes its
// nonce into the stream as an uncompressed meta-block (RFC 7932, section 9.2). See
// docs/decisions/018-text-out-of-the-payload.md.
//
// The encoder is given a placeholder of the nonce's length in each slot, made of bytes that never
// occur in UTF-8 text, so that nothing else in the page is ever coded as a copy of it; the two bytes
// after each slot go into the uncompressed block with the nonce, so that the literals after it are
// coded in the same context as the encoder saw. A stream is kept only if it decodes to the page.

/** The length of a nonce (newNonce: 16 random bytes in base64). */
export const NONCE_LENGTH = 24;
/** Bytes after each slot that are written raw with its nonce. */
const CONTEXT = 2;
/** Bytes that never occur in UTF-8: 0xC0, 0xC1 and 0xF5 to 0xFF. */
const NEVER_IN_UTF8 = [0xc0, 0xc1, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xff];

/** A kept page's brotli stream, cut where each response's nonce goes. */
export interface SlottedBrotli {
  /** The compressed stream before the first slot, then between slots, then after the last. */
  segments: Buffer[];
  /** For each slot, the bytes after the nonce that are written raw with it. */
  after: Buffer[];
}

const placeholder = () => Buffer.from(Array.from({ length: NONCE_LENGTH }, () => NEVER_IN_UTF8[randomInt(NEVER_IN_UTF8.length)]));

/** An uncompressed meta-block of `data` (at most 65,536 bytes), not the last: 20 header bits padded to 3 bytes, then the bytes. */
function uncompressedMetaBlock(data: Buffer): Buffer {
  // ISLAST 0, MNIBBLES 4 (coded 0), MLEN - 1 in 16 bits, ISUNCOMPRESSED 1, then zeros to the byte.
  const header = ((data.byteLength - 1) << 3) | (1 << 19);
  return Buffer.concat([Buffer.from([header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff]), data]);
}

/** `parts` (nonceSlots, as bytes) compressed once, cut at each slot; null when no slot can be cut cleanly. */
async function compress(parts: readonly Buffer[]): Promise<SlottedBrotli> {
  const total = parts.reduce((sum, part) => sum + part.byteLength, 0) + (parts.length - 1) * NONCE_LENGTH;
  const encoder = zlib.createBrotliCompress({
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: total,
    },
  });
  let output: Buffer[] = [];
  encoder.on("data", (chunk: Buffer) => output.push(chunk));
  /** Writes `data`, flushes (or finishes) and returns what the encoder wrote for it. */
  const emit = (data: Buffer, finish = false) =>
    new Promise<Buffer>((resolve, reject) => {
      encoder.once("error", reject);
      const taken = () => {
        encoder.off("error", reject);
        const written = Buffer.concat(output);
        output = [];
        resolve(written);
      };
      if (finish) {
        encoder.once("end", taken);
        encoder.end(data);
      } else {
        encoder.write(data);
        encoder.flush(zlib.constants.BROTLI_OPERATION_FLUSH, taken);
      }
    });
  const segments = [await emit(parts[0], parts.length === 1)];
  const after: Buffer[] = [];
  for (let i = 1; i < parts.length; i++) {
    const context = parts[i].subarray(0, CONTEXT);
    after.push(context);
    await emit(Buffer.concat([placeholder(), context])); // replaced by the nonce in each response
    segments.push(await emit(parts[i].subarray(CONTEXT), i === parts.length - 1));
  }
  return { segments, after };
}

/** The stream for one response: the kept segments with `nonce` (and the bytes after it) raw in each slot. */
export function brotliWithNonce(stream: SlottedBrotli, nonce: string): Buffer {
  const written = Buffer.from(nonce);
  if (written.byteLength !== NONCE_LENGTH) throw new Error(`a nonce of ${NONCE_LENGTH} bytes is needed`);
  const pieces: Buffer[] = [stream.segments[0]];
  stream.after.forEach((context, i) => {
    pieces.push(uncompressedMetaBlock(Buffer.concat([written, context])), stream.segments[i + 1]);
  });
  return Buffer.concat(pieces);
}

/**
 * `parts` (a kept page cut at its nonce slots) as a brotli stream compressed once, checked by
 * decoding it with a nonce against the page with that nonce. Null when no slot's part is long
 * enough to cut after, or the check fails three times (each try draws other placeholders).
 */
export async function slottedBrotli(parts: readonly Buffer[]): Promise<SlottedBrotli | null> {
  if (parts.slice(1).some((part) => part.byteLength < CONTEXT)) return null;
  for (let attempt = 0; attempt < 3; attempt++) {
    const stream = await compress(parts);
    const nonce = Buffer.from(Array.from({ length: NONCE_LENGTH }, () => 0x41 + randomInt(26))).toString();
    const expected = Buffer.concat(parts.flatMap((part, i) => (i === 0 ? [part] : [Buffer.from(nonce), part])));
    try {
      if (zlib.brotliDecompressSync(brotliWithNonce(stream, nonce)).equals(expected)) return stream;
    } catch {
      // not a valid stream: try other placeholders
    }
  }
  return null;
}

// The reader's kept copies in memory: the HTML of each document's reader for its current key,
// served by the proxy as bytes. Next.js's own cache of the page (app/reader-cache) renders and
// stores each copy once; serving it from there costs twice what a static file does (the body is
// re-encoded from a string on every response), so the bytes are kept here as well. See
// docs/decisions/007-reader-cache.md.

import { nonceSlots, withNonce } from "../http/security-headers";
import { brotliWithNonce, slottedBrotli, type SlottedBrotli } from "../http/slotted-brotli";

/** At most this many bytes of copies are kept; the least recently filled go first. */
const MAX_BYTES = 64 * 1024 * 1024;

/**
 * A kept copy: its bytes cut where each response's nonce goes (nonceSlots), so that every response
 * carries a fresh nonce and a policy of one nonce, however many inline scripts the page holds.
 */
export interface Copy {
  key: string;
  parts: Buffer[];
  byteLength: number;
  /** The same bytes compressed once with brotli, cut at the same places (slotted-brotli.ts), once that is done. */
  brotli?: SlottedBrotli | null;
}

/** The copy's bytes for one response, with its nonce on every inline script. */
export const copyBody = (copy: Copy, nonce: string): Uint8Array => withNonce(copy.parts, nonce);

/** The copy's brotli stream for one response (with its nonce), or null until it has been compressed. */
export const copyBrotli = (copy: Copy, nonce: string): Uint8Array | null => (copy.brotli ? brotliWithNonce(copy.brotli, nonce) : null);

const copies = new Map<string, Copy>();
const filling = new Map<string, Promise<Copy | null>>();
let bytes = 0;

function keep(slug: string, copy: Copy): void {
  const old = copies.get(slug);
  if (old) {
    bytes -= old.byteLength;
    copies.delete(slug);
  }
  copies.set(slug, copy);
  bytes += copy.byteLength;
  for (const [other, kept] of copies) {
    if (bytes <= MAX_BYTES || other === slug) break;
    copies.delete(other);
    bytes -= kept.byteLength;
  }
}

/**
 * The copy of `slug`'s reader for `key`: from memory, or fetched once from `source` (the page that
 * renders it) however many requests ask at the same time. Null when it cannot be had, for the
 * caller to fall back on rendering.
 */
export async function readerCopy(slug: string, key: string, source: () => Promise<Response>): Promise<Copy | null> {
  const held = copies.get(slug);
  if (held?.key === key) return held;
  const id = `${slug}/${key}`;
  let pending = filling.get(id);
  if (!pending) {
    pending = (async () => {
      try {
        const response = await source();
        if (!response.ok || !response.headers.get("content-type")?.startsWith("text/html")) return null;
        const parts = nonceSlots(await response.text()).map((part) => Buffer.from(part));
        const copy: Copy = { key, parts, byteLength: parts.reduce((sum, part) => sum + part.byteLength, 0) };
        keep(slug, copy);
        // Compressed after the copy is served (about a second for the seed edition at brotli's best
        // quality); until then responses go uncompressed or gzipped per response, as before.
        slottedBrotli(parts).then(
          (stream) => {
            copy.brotli = stream;
            if (!stream || copies.get(slug) !== copy) return;
            const size = stream.segments.reduce((sum, segment) => sum + segment.byteLength, 0);
            copy.byteLength += size;
            bytes += size;
          },
          () => (copy.brotli = null),
        );
        return copy;
      } catch {
        return null;
      } finally {
        filling.delete(id);
      }
    })();
    filling.set(id, pending);
  }
  return pending;
}

import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { newNonce, nonceSlots, withNonce } from "@/lib/http/security-headers";
import { brotliWithNonce, slottedBrotli } from "@/lib/http/slotted-brotli";

// A kept page is compressed with brotli once; each response writes its own nonce into the stream.

/** A page like the reader's: markup, then inline scripts whose bodies repeat what came before. */
function page(): string {
  const text = fs.readFileSync(path.join("content", "second-east-turkistan-republic.md"), "utf8");
  const scripts = Array.from(
    { length: 12 },
    (_, i) =>
      `<script>self.__next_f.push([1,${JSON.stringify(text.slice(i * 900, i * 900 + 700))}])</script><script src="/c/${i}.js" async=""></script>`,
  );
  return `<!DOCTYPE html><html><head><script src="/a.js" async=""></script></head><body><main>${text}</main>${scripts.join("")}<script>x()</script></body></html>`;
}

describe("a kept page compressed once", () => {
  it("decodes to the page with each response's nonce, and is smaller than gzip", async () => {
    const parts = nonceSlots(page()).map((part) => Buffer.from(part));
    expect(parts.length).toBe(14);
    const stream = await slottedBrotli(parts);
    expect(stream).not.toBeNull();
    const nonces = Array.from({ length: 20 }, newNonce);
    for (const nonce of nonces) {
      const body = brotliWithNonce(stream!, nonce);
      expect(zlib.brotliDecompressSync(body).equals(withNonce(parts, nonce))).toBe(true);
    }
    const html = withNonce(parts, nonces[0]);
    expect(brotliWithNonce(stream!, nonces[0]).byteLength).toBeLessThan(zlib.gzipSync(html).byteLength);
  });

  it("is a whole stream for a page without inline scripts", async () => {
    const parts = nonceSlots("<html><body><p>No script here.</p></body></html>").map((part) => Buffer.from(part));
    const stream = await slottedBrotli(parts);
    expect(zlib.brotliDecompressSync(brotliWithNonce(stream!, newNonce())).toString()).toBe(
      "<html><body><p>No script here.</p></body></html>",
    );
  });

  it("refuses a nonce of another length", async () => {
    const stream = await slottedBrotli(nonceSlots("<script>a()</script>").map((part) => Buffer.from(part)));
    expect(() => brotliWithNonce(stream!, "short")).toThrow(/24 bytes/);
  });
});

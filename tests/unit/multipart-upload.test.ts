import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { receiveUpload } from "@/lib/api/multipart-upload";
import { DomainError } from "@/lib/errors";

const BOUNDARY = "----gloss-test-boundary";
const LIMITS = { fileBytes: 4 * 1024 * 1024, fieldBytes: 1024, fields: 10 };

/** A multipart body whose file part is `chunks` 64 KB chunks, sent one at a time with `onChunk` between. */
function slowForm(chunks: number, onChunk: (sent: number) => Promise<void>): Request {
  const encoder = new TextEncoder();
  const chunk = new Uint8Array(64 * 1024).fill(0x61);
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (sent === 0) {
        controller.enqueue(
          encoder.encode(
            `--${BOUNDARY}\r\nContent-Disposition: form-data; name="title"\r\n\r\nA title\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="../../etc/report.txt"\r\nContent-Type: text/plain\r\n\r\n`,
          ),
        );
      }
      if (sent < chunks) {
        controller.enqueue(chunk);
        sent += 1;
        await onChunk(sent);
        return;
      }
      controller.enqueue(encoder.encode(`\r\n--${BOUNDARY}--\r\n`));
      controller.close();
    },
  });
  return new Request("http://gloss.test/api/documents", {
    method: "POST",
    headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
    body,
    duplex: "half",
  } as RequestInit);
}

describe("receiveUpload", () => {
  it("writes the file to disk as it arrives, with its size, hash and name without folders", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gloss-upload-"));
    const sizesSeen: number[] = [];
    const form = await receiveUpload(
      slowForm(32, async (sent) => {
        if (sent % 8 === 0) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          const [file] = fs.readdirSync(dir);
          sizesSeen.push(file ? fs.statSync(path.join(dir, file)).size : 0);
        }
      }),
      dir,
      LIMITS,
    );
    expect(form.fields.get("title")).toEqual(["A title"]);
    expect(form.file).toMatchObject({ name: "report.txt", type: "text/plain", size: 32 * 64 * 1024 });
    expect(form.file!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.statSync(form.file!.path).size).toBe(32 * 64 * 1024);
    // The bytes were on disk before the request ended: the upload was never held whole in memory.
    expect(sizesSeen.some((size) => size > 0 && size < 32 * 64 * 1024)).toBe(true);
  });

  it("cuts off a file over the limit and keeps nothing", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gloss-upload-"));
    const error = await receiveUpload(
      slowForm(80, async () => {}),
      dir,
      LIMITS,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("too_large");
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("refuses a body that is not multipart, and a malformed one", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gloss-upload-"));
    const json = new Request("http://gloss.test/", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    await expect(receiveUpload(json, dir, LIMITS)).rejects.toMatchObject({ code: "unsupported_media_type" });
    const broken = new Request("http://gloss.test/", {
      method: "POST",
      headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
      body: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nunterminated`,
    });
    await expect(receiveUpload(broken, dir, LIMITS)).rejects.toMatchObject({ code: "bad_request" });
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { ImportFailure, SOURCE_LIMITS } from "@/lib/sources/source-document";
import { readZip } from "@/lib/sources/zip";
import {
  BILLION_LAUGHS,
  encryptedZip,
  EXTERNAL_ENTITY,
  randomBytes,
  withClaimedSize,
  zipBomb,
} from "@/tests/fixtures/sources/hostile-zips";

const what = "test file";

/** The ImportFailure a promise rejects with (and fails the test if it resolves or throws another error). */
async function failure(promise: Promise<unknown>): Promise<ImportFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportFailure);
  return error as ImportFailure;
}

describe("readZip", () => {
  it("returns every entry's name and the bytes of the entries asked for", async () => {
    const zip = zipSync({ "a.xml": strToU8("<a/>"), "dir/b.txt": strToU8("bee"), "c.png": new Uint8Array([1, 2, 3]) });
    const parts = await readZip(zip, { what, keep: (name) => name !== "c.png" });
    expect(parts.names).toEqual(["a.xml", "dir/b.txt", "c.png"]);
    expect(new TextDecoder().decode(parts.bytes.get("dir/b.txt"))).toBe("bee");
    expect(parts.bytes.has("c.png")).toBe(false);
  });

  it("refuses more entries than SOURCE_LIMITS.maxZipEntries", async () => {
    const files = Object.fromEntries(Array.from({ length: SOURCE_LIMITS.maxZipEntries + 1 }, (_, i) => [`p/${i}.txt`, new Uint8Array(0)]));
    const error = await failure(readZip(zipSync(files, { level: 0 }), { what }));
    expect(error.code).toBe("unreadable");
    expect(error.message).toContain("more than 10,000 parts");
  });

  it("refuses an encrypted entry with a sentence saying to save it without a password", async () => {
    const error = await failure(readZip(encryptedZip(), { what }));
    expect(error.code).toBe("unreadable");
    expect(error.message).toMatch(/encrypted.*without a password/);
  });

  it.each(["../evil.xml", "word/../../evil.xml", "/etc/passwd", "C:/evil.xml", "..\\evil.xml"])(
    "refuses an entry named %s, outside the archive",
    async (name) => {
      const zip = zipSync({ "ok.xml": strToU8("<a/>"), [name]: strToU8("x") });
      const error = await failure(readZip(zip, { what }));
      expect(error.code).toBe("unreadable");
      expect(error.message).toContain("a path outside the file");
    },
  );

  it("stops a zip bomb once 200 MB are inflated: too_large", { timeout: 120_000 }, async () => {
    // 300 MB of zeros, deflated to a few hundred KB; only the kept bytes are buffered, so the
    // 200 MB inflated before the refusal pass through without staying in memory.
    const bomb = zipBomb("word/media/image1.bin", 300, { "word/document.xml": strToU8("<w:document/>") });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const error = await failure(readZip(bomb, { what, keep: (name) => name.endsWith(".xml") }));
    expect(error.code).toBe("too_large");
    expect(error.message).toContain("more than 200 MB");
  });

  it("counts the bytes it inflates, whatever the header claims", async () => {
    const bomb = zipBomb("big.bin", 3);
    // Honest header, lower limit: the count stops it.
    const counted = await failure(readZip(bomb, { what, maxInflatedBytes: 2 * 1024 * 1024 }));
    expect(counted.code).toBe("too_large");
    // A header claiming 1 KB for 3 MB: refused as soon as more comes out than it said.
    const lying = await failure(readZip(withClaimedSize(bomb, "big.bin", 1024), { what }));
    expect(lying.code).toBe("unreadable");
  });

  it("refuses an XML part declaring entities (a billion laughs) with the sentence for it", async () => {
    const zip = zipSync({ "word/document.xml": strToU8(`${BILLION_LAUGHS}<w:document>&lol9;</w:document>`) });
    const error = await failure(readZip(zip, { what }));
    expect(error.code).toBe("unreadable");
    expect(error.message).toBe("The file declares XML entities, which Gloss does not read.");
  });

  it("refuses an external entity, and a DOCTYPE with an internal subset even without <!ENTITY", async () => {
    const external = zipSync({ "content.opf": strToU8(`${EXTERNAL_ENTITY}<package>&xxe;</package>`) });
    expect((await failure(readZip(external, { what }))).message).toContain("declares XML entities");
    const subset = zipSync({ "a.xhtml": strToU8(`<!DOCTYPE html [ <!ATTLIST p id ID #IMPLIED> ]><html/>`) });
    expect((await failure(readZip(subset, { what }))).message).toContain("declares XML entities");
  });

  it("finds a declaration split across inflated chunks, and in a UTF-16 part", async () => {
    const padded = `${" ".repeat(65_530)}<!DOCTYPE x [ <!ENTITY a "b"> ]><x/>`;
    const split = zipSync({ "a.xml": strToU8(padded) });
    expect((await failure(readZip(split, { what }))).code).toBe("unreadable");
    const utf16 = Buffer.from(`\ufeff${EXTERNAL_ENTITY}<x/>`, "utf16le");
    const wide = zipSync({ "a.xml": new Uint8Array(utf16) });
    expect((await failure(readZip(wide, { what }))).code).toBe("unreadable");
  });

  it("reads a DOCTYPE without an internal subset (XHTML's) and the word ENTITY in text", async () => {
    const zip = zipSync({
      "a.xhtml": strToU8(
        `<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" "http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd"><html><p>ENTITY &lt;!ENTITY</p></html>`,
      ),
    });
    const parts = await readZip(zip, { what });
    expect(parts.names).toEqual(["a.xhtml"]);
  });

  it("refuses a truncated zip and random bytes as damaged", async () => {
    const zip = zipSync({ "a.xml": strToU8("<a/>".repeat(1000)) });
    for (const bytes of [zip.subarray(0, zip.length - 30), zip.subarray(0, zip.length / 2), randomBytes(4096), new Uint8Array(0)]) {
      const error = await failure(readZip(bytes, { what }));
      expect(error.code).toBe("unreadable");
      expect(error.message).toBe("The test file is damaged or incomplete: its zip structure cannot be read.");
    }
  });
});

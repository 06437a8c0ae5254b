import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { disconnectDb, getDb } from "@/lib/db";
import { contentHash, importDocument } from "@/lib/documents/import-document";
import { getDocument } from "@/lib/documents/queries";
import { DocumentParseError } from "@/lib/text-model/document-parse-error";
import { parseDocument } from "@/lib/text-model/parse-document";
import { editionPath, makeContentFolder, smallDocument } from "./helpers";
import { SECTION_TITLES } from "../support/edition";

afterAll(async () => {
  await disconnectDb();
});

describe("importing the edition", () => {
  it("stores the document, its version, passages and plain text", async () => {
    const result = await importDocument(getDb(), editionPath, "content/second-east-turkistan-republic.md");
    expect(["created", "unchanged"]).toContain(result.status);
    const source = fs.readFileSync(editionPath, "utf8");
    const parsed = parseDocument(source);
    expect(result.version).toBe(contentHash(source));

    const stored = await getDocument("second-east-turkistan-republic", null);
    expect(stored).not.toBeNull();
    expect(stored!.version).toBe(contentHash(source));
    expect(stored!.text).toBe(parsed.text);
    expect(stored!.passages).toHaveLength(parsed.passages.length);
    for (const passage of stored!.passages) expect(stored!.text.slice(passage.start, passage.end)).toBe(passage.text);
    expect(stored!.passages.map((p) => p.id)).toEqual(parsed.passages.map((p) => p.id));
    expect(stored!.passages.filter((p) => p.kind === "heading").map((p) => p.text)).toEqual(SECTION_TITLES);
  });

  it("is idempotent: a second import of the same file changes nothing", async () => {
    const db = getDb();
    await importDocument(db, editionPath);
    const before = await db.documentVersion.count();
    const passagesBefore = await db.passage.count();
    const again = await importDocument(db, editionPath);
    expect(again.status).toBe("unchanged");
    expect(await db.documentVersion.count()).toBe(before);
    expect(await db.passage.count()).toBe(passagesBefore);
  });
});

describe("importing changed content", () => {
  it("creates a new version for changed content and returns to an earlier one by hash", async () => {
    const db = getDb();
    const dir = makeContentFolder({ "versioned-doc.md": smallDocument("The first wording.") });
    const file = path.join(dir, "versioned-doc.md");
    try {
      const first = await importDocument(db, file);
      expect(first).toMatchObject({ status: "created", number: 1, passages: 2 });

      fs.writeFileSync(file, smallDocument("The second wording, longer."));
      const second = await importDocument(db, file);
      expect(second).toMatchObject({ status: "updated", number: 2 });
      expect((await getDocument("versioned-doc", null))!.text).toContain("The second wording, longer.");

      fs.writeFileSync(file, smallDocument("The first wording."));
      const back = await importDocument(db, file);
      expect(back).toMatchObject({ status: "restored", number: 1, version: first.version });
      const document = await db.document.findUniqueOrThrow({ where: { slug: "versioned-doc" }, include: { versions: true } });
      expect(document.versions).toHaveLength(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("fails on a malformed file with its name and line, and leaves the stored version as it was", async () => {
    const db = getDb();
    const dir = makeContentFolder({ "fragile-doc.md": smallDocument("Stable text.") });
    const file = path.join(dir, "fragile-doc.md");
    try {
      const good = await importDocument(db, file, "content/fragile-doc.md");
      const versionsBefore = await db.documentVersion.count();

      fs.writeFileSync(file, smallDocument("Broken text.\n\n<div>raw html</div>"));
      const error = await importDocument(db, file, "content/fragile-doc.md").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DocumentParseError);
      expect((error as DocumentParseError).message).toBe("content/fragile-doc.md:14: raw HTML is not allowed in an edition");

      expect(await db.documentVersion.count()).toBe(versionsBefore);
      const stored = await getDocument("fragile-doc", null);
      expect(stored!.version).toBe(good.version);
      expect(stored!.text).toContain("Stable text.");
      expect(stored!.text).not.toContain("Broken text.");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("rejects a content file whose name is not a slug, storing nothing", async () => {
    const db = getDb();
    const dir = makeContentFolder({ "Bad Name.md": smallDocument("Text.") });
    try {
      const before = await db.document.count();
      await expect(importDocument(db, path.join(dir, "Bad Name.md"))).rejects.toThrow(/must be a slug/);
      expect(await db.document.count()).toBe(before);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("stores right-to-left Uyghur, emoji and combining marks unchanged, with UTF-16 offsets", async () => {
    const body = "شەرقىي تۈركىستان جۇمھۇرىيىتى — 👩🏽‍🏫 e\u0301";
    const dir = makeContentFolder({ "unicode-doc.md": smallDocument(body) });
    try {
      await importDocument(getDb(), path.join(dir, "unicode-doc.md"));
      const stored = await getDocument("unicode-doc", null);
      const paragraph = stored!.passages.find((p) => p.kind === "paragraph")!;
      expect(paragraph.text).toBe(body);
      expect(stored!.text.slice(paragraph.start, paragraph.end)).toBe(body);
      expect(paragraph.end - paragraph.start).toBe(body.length);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

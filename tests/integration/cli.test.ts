import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { disconnectDb, getDb } from "@/lib/db";
import { findFreePort } from "@/lib/database/port";
import { makeContentFolder, runScript, smallDocument } from "./helpers";

afterAll(async () => {
  await disconnectDb();
});

describe("npm run import -- <file>", () => {
  it("imports a source file through the upload's pipeline, then finds the same bytes already there, and refuses an unreadable one", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gloss-cli-source-"));
    try {
      const page = path.join(dir, "letter.html");
      fs.writeFileSync(
        page,
        `<!doctype html><html lang="en"><head><title>A letter | Some site</title><meta name="citation_title" content="A Letter from Kulja ${Date.now()}"></head><body><nav>Menu Close</nav><article><h1>A Letter</h1><p>The consul at Kulja wrote on 12 May 1946 that the roads were open again after the thaw.</p><p>He asked for the mail to go by Chuguchak until the autumn.</p></article></body></html>`,
      );
      const env = { DATABASE_URL: process.env.DATABASE_URL };
      const first = await runScript("scripts/import.ts", env, [page, "--author", "A. Consul"]);
      expect(first.code).toBe(0);
      const slug = /letter\.html: imported as \/documents\/([a-z0-9-]+) \(2 passages, html, \d+ ms\)/.exec(first.stdout)?.[1];
      expect(slug).toBeDefined();
      const stored = await getDb().document.findUniqueOrThrow({ where: { slug } });
      expect(stored).toMatchObject({ format: "html", visibility: "public", ownerId: null });
      expect(stored.metadata).toMatchObject({ author: "A. Consul" });
      const again = await runScript("scripts/import.ts", env, [page]);
      expect(again.stdout).toContain(`letter.html: already imported as /documents/${slug}`);
      const broken = path.join(dir, "broken.pdf");
      fs.writeFileSync(broken, "%PDF-1.7 this is not really a PDF");
      const refused = await runScript("scripts/import.ts", env, [broken]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/broken\.pdf: .+ \(unreadable\)/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("npm run import", () => {
  it("imports a content folder and says so, then finds it unchanged", async () => {
    const dir = makeContentFolder({ "cli-import-doc.md": smallDocument("Imported from the command line.") });
    try {
      const env = { DATABASE_URL: process.env.DATABASE_URL, GLOSS_CONTENT_DIR: dir };
      const first = await runScript("scripts/import.ts", env);
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/cli-import-doc: imported \(version 1, [0-9a-f]{12}, 2 passages\)/);
      const second = await runScript("scripts/import.ts", env);
      expect(second.code).toBe(0);
      expect(second.stdout).toMatch(/cli-import-doc: unchanged \(version 1/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("fails on a malformed file with one line naming file and line, and stores nothing", async () => {
    const malformed = smallDocument("Fine.").replace("language: en", "language: English!");
    const dir = makeContentFolder({ "cli-broken-doc.md": malformed });
    try {
      const run = await runScript("scripts/import.ts", { DATABASE_URL: process.env.DATABASE_URL, GLOSS_CONTENT_DIR: dir });
      expect(run.code).toBe(1);
      const lines = run.stderr
        .trim()
        .split("\n")
        .filter((line) => !line.startsWith("npm warn"));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^gloss: .*cli-broken-doc\.md:3: frontmatter field "language" is invalid/);
      expect(await getDb().document.findUnique({ where: { slug: "cli-broken-doc" } })).toBeNull();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("npm start", () => {
  it("refuses a port that is already taken with one clear line", async () => {
    const blocker = net.createServer();
    const port = await findFreePort();
    await new Promise<void>((resolve) => blocker.listen(port, "0.0.0.0", resolve));
    try {
      const run = await runScript("scripts/start.ts", { DATABASE_URL: process.env.DATABASE_URL, PORT: String(port) });
      expect(run.code).toBe(1);
      expect(run.stderr.trim()).toBe(
        `gloss: Port ${port} is already in use. Stop what is using it, or start on another port: PORT=${port + 1} npm start`,
      );
    } finally {
      blocker.close();
    }
  });

  it("refuses an unwritable data folder with one clear line", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gloss-unwritable-"));
    const file = path.join(dir, "a-file");
    fs.writeFileSync(file, "");
    try {
      const run = await runScript("scripts/start.ts", {
        DATABASE_URL: "",
        GLOSS_DATA_DIR: path.join(file, "data"),
        PORT: String(await findFreePort()),
        GLOSS_PG_PORT: String(await findFreePort()),
      });
      expect(run.code).toBe(1);
      const lines = run.stderr.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^gloss: Cannot write the database folder .*a-file\/data \(ENOTDIR\)/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a PORT that is not a port number", async () => {
    const run = await runScript("scripts/start.ts", { DATABASE_URL: process.env.DATABASE_URL, PORT: "eighty" });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe('gloss: PORT must be a port number from 1 to 65535, not "eighty".');
  });
});

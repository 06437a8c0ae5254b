import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import { GET as getDocumentRoute, PATCH as patchDocumentRoute } from "@/app/api/documents/[slug]/route";
import { POST as postVersion } from "@/app/api/documents/[slug]/versions/route";
import { disconnectDb, getDb } from "@/lib/db";
import { stopImportQueue } from "@/lib/imports/queue";
import { uploadDir } from "@/lib/imports/uploads";
import { startImportWorker, type ImportWorker } from "@/lib/imports/worker";
import { signUp, type Account } from "./accounts";
import { importStatus, postImport, waitForImport } from "./imports";

process.env.BETTER_AUTH_SECRET ??= "test-secret-for-the-import-tests-0123456789abcdef";
process.env.GLOSS_UPLOAD_DIR = fs.mkdtempSync("/tmp/gloss-uploads-");

const run = Date.now().toString(36);
let owner: Account;
let other: Account;
let worker: ImportWorker;

const LETTER = `A letter from Ghulja, ${run}

The consul wrote on 12 November 1944 that the town had fallen.

He added that the roads to Tihwa were closed for the winter.`;

const documentRequest = (slug: string, cookie?: string, init: RequestInit = {}) =>
  new Request(`http://gloss.test/api/documents/${slug}`, { ...init, headers: { ...(cookie ? { cookie } : {}), ...(init.headers ?? {}) } });

beforeAll(async () => {
  owner = await signUp(`owner-${run}@example.test`);
  other = await signUp(`other-${run}@example.test`);
  worker = await startImportWorker(getDb(), 2);
});

afterAll(async () => {
  await worker.stop();
  await stopImportQueue();
  await disconnectDb();
});

describe("POST /api/documents", () => {
  it("queues pasted text as a private import and the worker makes it a document", async () => {
    const response = await postImport(
      { fields: { text: LETTER, title: `The consul's letter ${run}`, authors: ["A. Consul", "B. Clerk"], date: "1944-11-12" } },
      owner.cookie,
    );
    expect(response.status).toBe(202);
    const { import: started } = await response.json();
    expect(started).toMatchObject({ status: "queued", progress: 0 });
    expect(response.headers.get("location")).toBe(`http://gloss.test/api/imports/${started.id}`);
    const done = await waitForImport(started.id, owner.cookie);
    expect(done).toMatchObject({ status: "done", progress: 1, stage: "done" });
    expect(done.document.url).toBe(`http://gloss.test/documents/${done.document.slug}`);

    const stored = await getDb().document.findUniqueOrThrow({
      where: { slug: done.document.slug },
      include: { currentVersion: { include: { passages: { orderBy: { ordinal: "asc" } } } } },
    });
    expect(stored).toMatchObject({ ownerId: owner.id, visibility: "private", format: "text" });
    expect(stored.title).toBe(`The consul's letter ${run}`);
    expect(stored.metadata).toMatchObject({ author: "A. Consul; B. Clerk", authors: ["A. Consul", "B. Clerk"], published: "1944-11-12" });
    expect(stored.currentVersion!.passages.map((p) => p.text).slice(-2)).toEqual([
      "The consul wrote on 12 November 1944 that the town had fallen.",
      "He added that the roads to Tihwa were closed for the winter.",
    ]);
    // The upload waited on disk for the job, and is gone once it is over.
    expect(fs.readdirSync(uploadDir())).toEqual([]);
  });

  it("gives the same document for the same bytes from the same owner, at once", async () => {
    const first = await (await postImport({ file: { bytes: `${LETTER}\n\nOnce.`, name: "letter.txt" } }, owner.cookie)).json();
    const done = await waitForImport(first.import.id, owner.cookie);
    const again = await postImport({ file: { bytes: `${LETTER}\n\nOnce.`, name: "copy.txt" } }, owner.cookie);
    expect(again.status).toBe(202);
    const body = await again.json();
    expect(body.import).toMatchObject({ status: "done", document: { slug: done.document.slug } });
    expect(await getDb().document.count({ where: { slug: done.document.slug } })).toBe(1);
  });

  it("shows an import to its owner only: anyone else gets the 404 of an unknown id", async () => {
    const { import: started } = await (await postImport({ fields: { text: `${LETTER} private` } }, owner.cookie)).json();
    const unknown = await importStatus("00000000-0000-4000-8000-000000000000", other.cookie);
    for (const cookie of [other.cookie, undefined]) {
      const response = await importStatus(started.id, cookie);
      expect(response.status).toBe(404);
      const body = await response.json();
      expect(body.error.code).toBe("not_found");
      expect(body.error.message.replace(started.id, "ID")).toBe(
        (await unknown.clone().json()).error.message.replace("00000000-0000-4000-8000-000000000000", "ID"),
      );
    }
    await waitForImport(started.id, owner.cookie);
  });

  it("refuses before any work: no account, no file, both, a format it does not read, public by a non-editor", async () => {
    const before = await getDb().import.count();
    expect((await postImport({ fields: { text: LETTER } })).status).toBe(401);
    const cases: Array<[Parameters<typeof postImport>[0], number, string]> = [
      [{ fields: { title: "nothing" } }, 400, "bad_request"],
      [{ fields: { text: "   \n  " } }, 400, "bad_request"],
      [{ fields: { text: LETTER }, file: { bytes: LETTER, name: "a.txt" } }, 400, "bad_request"],
      [{ fields: { text: LETTER, format: "rtf" } }, 400, "bad_request"],
      [{ fields: { text: LETTER, date: "yesterday" } }, 400, "bad_request"],
      [{ fields: { text: LETTER, url: "javascript:alert(1)" } }, 400, "bad_request"],
      [
        {
          file: {
            bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
            name: "scan.png",
            type: "image/png",
          },
        },
        415,
        "unsupported_media_type",
      ],
      [{ fields: { text: LETTER, visibility: "public" } }, 403, "forbidden"],
    ];
    for (const [input, status, code] of cases) {
      const response = await postImport(input, owner.cookie);
      const body = await response.json();
      expect([response.status, body.error?.code]).toEqual([status, code]);
      expect(body.error.message).toMatch(/\w/);
    }
    const refusedFormat = await postImport(cases[6][0], owner.cookie);
    expect((await refusedFormat.json()).error.message).toMatch(/Markdown.*PDF.*EPUB/);
    expect(await getDb().import.count()).toBe(before);
    expect(fs.readdirSync(uploadDir())).toEqual([]);
  });

  it("refuses a body that is not a form with 415, and a file over 50 MB with 413, keeping nothing", async () => {
    const json = await postImport({}, owner.cookie).then(() =>
      import("@/app/api/documents/route").then(({ POST }) =>
        POST(
          new Request("http://gloss.test/api/documents", {
            method: "POST",
            headers: { cookie: owner.cookie, "content-type": "application/json" },
            body: "{}",
          }),
          {
            params: Promise.resolve({}),
          } as never,
        ),
      ),
    );
    expect(json.status).toBe(415);
    const big = new Uint8Array(50 * 1024 * 1024 + 10);
    const response = await postImport({ file: { bytes: big, name: "big.txt" } }, owner.cookie);
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe("too_large");
    expect(fs.readdirSync(uploadDir())).toEqual([]);
  });

  it("ends a file with no text `failed` with `empty`, and stores nothing", async () => {
    const documents = await getDb().document.count();
    const { import: started } = await (await postImport({ file: { bytes: "\n\n   \n\t\n", name: "blank.txt" } }, owner.cookie)).json();
    const over = await waitForImport(started.id, owner.cookie);
    expect(over).toMatchObject({ status: "failed", error: { code: "empty" } });
    expect(over.error.message).toMatch(/no (text|words)/);
    expect(await getDb().document.count()).toBe(documents);
  });
});

describe("the import worker", () => {
  it("runs only as many imports at once as it is set to (two here)", async () => {
    const paragraphs = (n: number) => Array.from({ length: 4000 }, (_, i) => `Report ${n}, paragraph ${i}: ${run}.`).join("\n\n");
    const ids: string[] = [];
    for (let n = 0; n < 5; n++) ids.push((await (await postImport({ fields: { text: paragraphs(n) } }, owner.cookie)).json()).import.id);
    let most = 0;
    for (;;) {
      const rows = await getDb().import.findMany({ where: { id: { in: ids } }, select: { status: true } });
      most = Math.max(most, rows.filter((row) => row.status === "running").length);
      if (rows.every((row) => row.status === "done" || row.status === "failed")) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(most).toBeGreaterThanOrEqual(1);
    expect(most).toBeLessThanOrEqual(2);
    const over = await getDb().import.findMany({ where: { id: { in: ids } }, select: { status: true } });
    expect(over.map((row) => row.status)).toEqual(["done", "done", "done", "done", "done"]);
  }, 120_000);
});

describe("PATCH /api/documents/:slug and versions", () => {
  it("lets the owner correct the metadata, not publish; a new version re-anchors", async () => {
    const { import: started } = await (await postImport({ fields: { text: `${LETTER}\n\nThird paragraph ${run}.` } }, owner.cookie)).json();
    const { document } = await waitForImport(started.id, owner.cookie);
    const slug = document.slug;
    const params = { params: Promise.resolve({ slug }) };
    const patch = (cookie: string, body: unknown) =>
      patchDocumentRoute(
        documentRequest(slug, cookie, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
        params,
      );

    const corrected = await patch(owner.cookie, { title: "Letter of the consul", authors: ["C. Consul"], publisher: "Archive" });
    expect(corrected.status).toBe(200);
    expect((await corrected.json()).title).toBe("Letter of the consul");
    const refused = await patch(owner.cookie, { visibility: "public" });
    expect(refused.status).toBe(403);
    // Someone else: the document does not exist for them.
    const hidden = await patch(other.cookie, { title: "Mine now" });
    expect(hidden.status).toBe(404);

    const version = await postImport(
      { fields: { text: `${LETTER}\n\nThird paragraph ${run}, revised.` } },
      owner.cookie,
      `/api/documents/${slug}/versions`,
      ((request: Request) => postVersion(request, params)) as never,
    );
    expect(version.status).toBe(202);
    const over = await waitForImport((await version.json()).import.id, owner.cookie);
    expect(over).toMatchObject({ status: "done", document: { slug } });
    const stored = await getDb().document.findUniqueOrThrow({ where: { slug }, include: { currentVersion: true } });
    expect(stored.currentVersion!.number).toBe(2);
    expect(stored.currentVersion!.text).toContain("revised");

    const otherVersion = await postImport({ fields: { text: "Not yours." } }, other.cookie, `/api/documents/${slug}/versions`, ((
      request: Request,
    ) => postVersion(request, params)) as never);
    expect(otherVersion.status).toBe(404);

    const owned = await getDocumentRoute(documentRequest(slug, owner.cookie), params);
    expect(owned.status).toBe(200);
  });
});

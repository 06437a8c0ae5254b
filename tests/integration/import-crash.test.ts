import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb, getDb } from "@/lib/db";
import { stopImportQueue } from "@/lib/imports/queue";
import { signUp, type Account } from "./accounts";
import { root } from "./helpers";
import { postImport, waitForImport } from "./imports";

process.env.BETTER_AUTH_SECRET ??= "test-secret-for-the-import-crash-tests-0123456789";
process.env.GLOSS_UPLOAD_DIR = fs.mkdtempSync("/tmp/gloss-uploads-");

const run = Date.now().toString(36);
let owner: Account;
const workers: ChildProcess[] = [];

/** The import worker as `npm start` runs it, in its own process. */
function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts", "import-worker.ts")], {
    cwd: root,
    env: { ...process.env, GLOSS_IMPORT_STALE_MS: "3000", GLOSS_IMPORT_CONCURRENCY: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  workers.push(child);
  return child;
}

/** A text long enough that its import is still running when the worker is killed. */
function longText(): string {
  const paragraphs: string[] = [];
  for (let i = 0; i < 20_000; i++)
    paragraphs.push(`Paragraph ${i} of a long report ${run}: the garrison at Kulja counted ${i * 7} rifles.`);
  return paragraphs.join("\n\n");
}

beforeAll(async () => {
  owner = await signUp(`crash-${run}@example.test`);
});

afterAll(async () => {
  for (const child of workers) if (child.exitCode === null) child.kill("SIGKILL");
  await stopImportQueue();
  await disconnectDb();
});

describe("an import whose worker is killed", () => {
  it("is taken again by the next worker and stored once, never half", async () => {
    const documentsBefore = await getDb().document.count();
    const response = await postImport({ file: { bytes: longText(), name: `report-${run}.txt` } }, owner.cookie);
    expect(response.status).toBe(202);
    const { import: started } = await response.json();

    const first = startWorker();
    // Wait until the first worker has taken the job, then kill it without warning.
    const until = Date.now() + 60_000;
    for (;;) {
      const row = await getDb().import.findUniqueOrThrow({ where: { id: started.id } });
      if (row.status === "running") break;
      if (row.status === "done" || Date.now() > until) throw new Error(`the import was ${row.status} before the worker could be killed`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));
    const interrupted = await getDb().import.findUniqueOrThrow({ where: { id: started.id } });
    expect(interrupted.status).toBe("running");
    expect(await getDb().document.count()).toBe(documentsBefore);

    startWorker();
    const over = await waitForImport(started.id, owner.cookie, 90_000);
    expect(over.status).toBe("done");
    const row = await getDb().import.findUniqueOrThrow({ where: { id: started.id } });
    expect(row.attempts).toBe(2);
    expect(await getDb().document.count()).toBe(documentsBefore + 1);
    const stored = await getDb().document.findUniqueOrThrow({
      where: { slug: over.document.slug },
      include: { currentVersion: { include: { _count: { select: { passages: true } } } } },
    });
    expect(stored.currentVersion!._count.passages).toBeGreaterThanOrEqual(20_000);
  }, 180_000);
});

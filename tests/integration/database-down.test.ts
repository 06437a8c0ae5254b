import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GET as documentsGet } from "@/app/api/documents/route";
import { GET as collectionGet } from "@/app/api/documents/[slug]/annotations/route";
import { isDatabaseUnavailable } from "@/lib/api/errors";
import { startEmbeddedDatabase, type DatabaseHandle } from "@/lib/database/local-database";
import { migrateDatabase } from "@/lib/database/migrate";
import { findFreePort } from "@/lib/database/port";
import { disconnectDb, getDb } from "@/lib/db";
import { importDocument } from "@/lib/documents/import-document";
import { smallDocument } from "./helpers";
import { request, slugParams } from "./layer";

// The API while PostgreSQL is stopped: 503 JSON at once (no hang), and everything back
// without manual steps once it returns. Runs on a cluster of its own, stopped and started here.

const testDatabaseUrl = process.env.DATABASE_URL;
const folder = fs.mkdtempSync(path.join(os.tmpdir(), "gloss-down-"));
fs.chmodSync(folder, 0o755);
let cluster: DatabaseHandle | undefined;

afterAll(async () => {
  await disconnectDb();
  await cluster?.stop();
  process.env.DATABASE_URL = testDatabaseUrl;
  fs.rmSync(folder, { recursive: true, force: true });
});

const start = (port: number) => startEmbeddedDatabase({ dataDir: path.join(folder, "postgres"), port, database: "gloss_down" });

async function timed(call: () => Promise<Response>) {
  const began = performance.now();
  const response = await call();
  return { response, ms: performance.now() - began };
}

describe("when the database stops", () => {
  it("answers 503 JSON without hanging, and recovers by itself when it is back", async () => {
    const port = await findFreePort();
    cluster = await start(port);
    await disconnectDb();
    process.env.DATABASE_URL = cluster.url;
    await migrateDatabase(cluster.url);
    const file = path.join(folder, "down-doc.md");
    fs.writeFileSync(file, smallDocument("A text to read while the database comes and goes."));
    await importDocument(getDb(), file);

    const list = () => documentsGet(new Request("http://gloss.test/api/documents"));
    const annotations = () => collectionGet(request("/api/documents/down-doc/annotations"), slugParams("down-doc"));
    expect((await list()).status).toBe(200);
    expect((await annotations()).status).toBe(200);

    await cluster.stop();
    cluster = undefined;
    for (const call of [list, annotations, list]) {
      const { response, ms } = await timed(call);
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("5");
      expect(await response.json()).toEqual({
        error: { code: "unavailable", message: "The database cannot be reached right now: try again in a moment." },
      });
      // A guard against hanging, not a speed target: the connection timeout is one second.
      expect(ms).toBeLessThan(5000);
    }

    cluster = await start(port);
    const back = await list();
    expect(back.status).toBe(200);
    expect(((await back.json()) as { documents: Array<{ slug: string }> }).documents.map((d) => d.slug)).toContain("down-doc");
    expect((await annotations()).status).toBe(200);
  });

  it("tells an unreachable database from other failures", () => {
    expect(isDatabaseUnavailable(new Error("connect ECONNREFUSED 127.0.0.1:5432"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("wrapped", { cause: { code: "ECONNREFUSED" } }))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined"))).toBe(false);
    expect(isDatabaseUnavailable("ECONNREFUSED")).toBe(false);
  });
});

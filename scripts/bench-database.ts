// The database a benchmark runs on: DATABASE_URL when set, otherwise a temporary embedded
// PostgreSQL on a free port, removed afterwards.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedDatabase, type DatabaseHandle } from "../lib/database/local-database";
import { findFreePort } from "../lib/database/port";

export async function openBenchDatabase(): Promise<{ handle: DatabaseHandle; cleanup: () => void }> {
  if (process.env.DATABASE_URL) {
    return { handle: { url: process.env.DATABASE_URL, source: "external", stop: async () => {} }, cleanup: () => {} };
  }
  // The cluster runs as the postgres user when we are root, so its folder must be reachable by it.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gloss-bench-db-"));
  fs.chmodSync(dir, 0o755);
  const handle = await startEmbeddedDatabase({
    dataDir: path.join(dir, "postgres"),
    port: await findFreePort(),
    database: "gloss_bench",
    persistent: false,
  });
  return { handle, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

// The database a benchmark runs on: DATABASE_URL when set, otherwise a temporary embedded
// PostgreSQL on a free port, removed afterwards.
import fs from "node:fs";
import { makeScratchFolder, startScratchDatabase, type DatabaseHandle } from "../lib/database/local-database";

export async function openBenchDatabase(): Promise<{ handle: DatabaseHandle; cleanup: () => void }> {
  if (process.env.DATABASE_URL) {
    return { handle: { url: process.env.DATABASE_URL, source: "external", stop: async () => {} }, cleanup: () => {} };
  }
  const dir = makeScratchFolder("gloss-bench-db-");
  const handle = await startScratchDatabase(dir, "gloss_bench");
  return { handle, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findFreePort, isPortFree } from "../../lib/database/port";

const root = path.resolve(__dirname, "../..");

describe("npm start on the embedded database", () => {
  it("creates the database, serves the reader, and stops PostgreSQL cleanly on SIGTERM", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gloss-start-"));
    fs.chmodSync(dataDir, 0o755);
    const port = await findFreePort();
    const pgPort = await findFreePort();
    const child = spawn(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: "",
        PORT: String(port),
        GLOSS_PG_PORT: String(pgPort),
        GLOSS_DATA_DIR: dataDir,
        GLOSS_DIST_DIR: ".next-test",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    try {
      await expect
        .poll(
          async () => (await fetch(`http://127.0.0.1:${port}/documents/second-east-turkistan-republic`).catch(() => null))?.status ?? 0,
          {
            timeout: 240_000,
            interval: 250,
          },
        )
        .toBe(200);
      expect(output).toContain("second-east-turkistan-republic: imported (version 1");
      expect(output).toContain("on the embedded PostgreSQL");
      expect(fs.existsSync(path.join(dataDir, "postgres", "postmaster.pid"))).toBe(true);
      expect(await isPortFree(pgPort)).toBe(false);

      const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(output).toContain("gloss: stopped.");
      expect(fs.existsSync(path.join(dataDir, "postgres", "postmaster.pid"))).toBe(false);
      expect(await isPortFree(pgPort)).toBe(true);
      expect(await isPortFree(port, "0.0.0.0")).toBe(true);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findFreePort, isPortFree } from "../../lib/database/port";
import { startArguments } from "../../scripts/app-process";

const root = path.resolve(__dirname, "../..");

interface Started {
  child: ChildProcess;
  port: number;
  pgPort: number;
  dataDir: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** `npm start` as npm runs it (package.json's command), on an embedded database of its own. */
async function start(args = startArguments()): Promise<Started> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gloss-start-"));
  fs.chmodSync(dataDir, 0o755);
  const port = await findFreePort();
  const pgPort = await findFreePort();
  const child = spawn(process.execPath, args, {
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
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, port, pgPort, dataDir, output: () => output, exited };
}

/** SIGTERM, then: exit 0, "gloss: stopped.", and no PostgreSQL or web server left. */
async function expectCleanStop(app: Started, when: string) {
  app.child.kill("SIGTERM");
  expect(await app.exited, `${when}:\n${app.output()}`).toBe(0);
  expect(app.output(), when).toContain("gloss: stopped.");
  expect(fs.existsSync(path.join(app.dataDir, "postgres", "postmaster.pid")), when).toBe(false);
  expect(await isPortFree(app.pgPort), when).toBe(true);
  expect(await isPortFree(app.port, "0.0.0.0"), when).toBe(true);
}

function cleanUp(app: Started) {
  if (app.child.exitCode === null) app.child.kill("SIGKILL");
  fs.rmSync(app.dataDir, { recursive: true, force: true });
}

describe("npm start on the embedded database", () => {
  it("creates the database, serves the reader, and stops PostgreSQL cleanly on SIGTERM", async () => {
    const app = await start();
    try {
      await expect
        .poll(
          async () => (await fetch(`http://127.0.0.1:${app.port}/documents/second-east-turkistan-republic`).catch(() => null))?.status ?? 0,
          { timeout: 240_000, interval: 250 },
        )
        .toBe(200);
      expect(app.output()).toContain("second-east-turkistan-republic: imported (version 1");
      expect(app.output()).toContain("on the embedded PostgreSQL");
      expect(fs.existsSync(path.join(app.dataDir, "postgres", "postmaster.pid"))).toBe(true);
      expect(await isPortFree(app.pgPort)).toBe(false);
      await expectCleanStop(app, "serving");
    } finally {
      cleanUp(app);
    }
  });

  // Each moment is reached by watching what the start has done so far, not by timing. The first
  // is the earliest JavaScript can act: right after package.json's first module, before the
  // compiler and the start script load (a module of the test's own, next in line, says so).
  const LOADING = "gloss-test: loading";
  const moments: Array<[string, (app: Started) => boolean]> = [
    ["while its modules load", (app) => app.output().includes(LOADING)],
    ["while PostgreSQL starts", (app) => fs.existsSync(path.join(app.dataDir, "postgres"))],
    ["while it migrates and imports", (app) => fs.existsSync(path.join(app.dataDir, "postgres", "postmaster.pid"))],
    ["while the web server starts", (app) => app.output().includes("gloss: serving")],
  ];
  it("stops cleanly, exit 0 with nothing left running, at any moment of starting", { timeout: 240_000 }, async () => {
    for (const [when, reached] of moments) {
      const [first, ...rest] = startArguments();
      const app = await start(
        when === "while its modules load"
          ? [first, rest[0], "--import", `data:text/javascript,process.stdout.write(${JSON.stringify(`${LOADING}\n`)})`, ...rest.slice(1)]
          : undefined,
      );
      try {
        await expect.poll(() => reached(app) || app.child.exitCode !== null, { timeout: 120_000, interval: 5 }).toBe(true);
        await expectCleanStop(app, when);
      } finally {
        cleanUp(app);
      }
    }
  });
});

// `npm start`: builds if needed, starts the database (DATABASE_URL or embedded), migrates,
// imports changed content, and serves Gloss on PORT (default 3000) until Ctrl-C or SIGTERM.
//
// A stop may come at any moment, starting included (a supervisor giving up, a test tearing down):
// the signal handlers are the first thing this file does, the modules that take time to load are
// loaded after them, and each step of starting ends the run cleanly (exit 0, nothing left running)
// when a stop came meanwhile.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { buildStamp } from "../lib/build-stamp";
import { isPortFree } from "../lib/database/port";
import type { DatabaseHandle } from "../lib/database/local-database";
import type { PrismaClient } from "../lib/generated/prisma/client";
import { UserFacingError } from "../lib/errors";
import { runCli } from "./cli";

/** What a stop must end: the database once it is opening, the build or web server once spawned. */
const running: { database?: Promise<DatabaseHandle>; child?: ChildProcess; disconnect?: () => Promise<void> } = {};
let stopping = false;

/** Stops whatever has started, in reverse order, then exits with `code`. Idempotent. */
async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    const child = running.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
    await running.disconnect?.().catch(() => {});
    const database = await running.database?.catch(() => undefined);
    await database?.stop().catch((error) => console.error(`gloss: stopping PostgreSQL failed: ${String(error)}`));
    console.log("gloss: stopped.");
    process.exit(code);
  }
  return new Promise<never>(() => {}); // the first call exits
}

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
const onSignal = () => void shutdown(0);
for (const signal of SIGNALS) process.on(signal, onSignal);
// A stop that came while this file loaded, kept by scripts/stop-early.mjs (see package.json).
const early = (globalThis as { glossEarlyStop?: { handOver(): boolean } }).glossEarlyStop;
if (early?.handOver()) void shutdown(0);

/**
 * Leaves this process's stop signals to `shutdown` alone. The embedded database's package hooks
 * them when it loads (async-exit-hook): it stops its clusters and exits 128 + the signal's number,
 * racing `shutdown`, which under load lost and the start ended 143 instead of 0.
 */
function keepSignalsToOurselves(): void {
  for (const signal of SIGNALS) for (const listener of process.listeners(signal)) if (listener !== onSignal) process.off(signal, listener);
}
// `npm start` does not pass SIGTERM on to us: when npm is stopped, our parent goes away and we
// are re-parented. Take that as the signal to stop too, so PostgreSQL never outlives npm.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) void shutdown(0);
}, 500).unref();

/** Ends the run here when a stop came during the step just finished (the handler is already stopping everything). */
async function unlessStopping(): Promise<void> {
  if (stopping) await new Promise<never>(() => {});
}

const root = process.cwd();
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

/**
 * Session cookies are signed with BETTER_AUTH_SECRET, which `next start` (a production server)
 * requires. When it is unset, the secret kept in the database is used (made by the first server to
 * start: lib/accounts/session-secret.ts), so sessions survive restarts and are valid on every
 * server of the database. A secret an older Gloss kept in the data folder (`auth-secret`) becomes
 * that secret.
 */
async function ensureAuthSecret(db: PrismaClient): Promise<void> {
  if (process.env.BETTER_AUTH_SECRET) return;
  const { sharedSessionSecret } = await import("../lib/accounts/session-secret");
  const legacy = path.resolve(root, process.env.GLOSS_DATA_DIR ?? ".data", "auth-secret");
  process.env.BETTER_AUTH_SECRET = await sharedSessionSecret(db, legacy);
  console.log(
    "gloss: BETTER_AUTH_SECRET is not set; sessions are signed with the secret kept in the database (set your own in production).",
  );
}
const distDir = process.env.GLOSS_DIST_DIR ?? ".next";
const contentDir = path.resolve(root, process.env.GLOSS_CONTENT_DIR ?? "content");

function run(args: string[], env: NodeJS.ProcessEnv): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin, ...args], { cwd: root, env, stdio: "inherit" });
    running.child = child;
    child.once("error", reject);
    child.once("exit", (code) => resolve(code));
  });
}

async function buildIfNeeded(): Promise<void> {
  const stampFile = path.join(root, distDir, "gloss-build-stamp");
  const stamp = buildStamp(root);
  const built =
    fs.existsSync(path.join(root, distDir, "BUILD_ID")) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === stamp;
  if (built) return;
  console.log("gloss: building the app (first start, or the code changed)...");
  const code = await run(["build"], { ...process.env, NEXT_TELEMETRY_DISABLED: "1" });
  if (code !== 0) throw new UserFacingError("the build failed (see above)", "build_failed");
  fs.writeFileSync(stampFile, stamp);
}

function parseAppPort(): number {
  const text = process.env.PORT ?? "3000";
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new UserFacingError(`PORT must be a port number from 1 to 65535, not "${text}".`, "bad_port");
  }
  return port;
}

runCli(async () => {
  const port = parseAppPort();
  // Loaded after the signal handlers: these take most of the time before anything starts. The
  // database's module first, alone, so that no signal can come between its loading and the call
  // that takes its signal hook away.
  const { openDatabase } = await import("../lib/database/local-database");
  keepSignalsToOurselves();
  const [{ signInLimits }, { configuredOrigin }, { trustedProxyHops }, { migrateDatabase }, db, documents] = await Promise.all([
    import("../lib/accounts/sign-in-limit"),
    import("../lib/api/request"),
    import("../lib/api/trusted-proxy"),
    import("../lib/database/migrate"),
    import("../lib/db"),
    import("../lib/documents/import-document"),
  ]);
  // The settings the server reads on each request, checked once before anything starts.
  try {
    trustedProxyHops();
    configuredOrigin();
    signInLimits();
  } catch (error) {
    throw new UserFacingError((error as Error).message, "bad_setting");
  }
  if (!(await isPortFree(port, "0.0.0.0"))) {
    throw new UserFacingError(
      `Port ${port} is already in use. Stop what is using it, or start on another port: PORT=${port + 1} npm start`,
      "port_in_use",
    );
  }
  await unlessStopping();

  running.database = openDatabase();
  running.disconnect = db.disconnectDb;
  let database: DatabaseHandle;
  try {
    database = await running.database;
    await unlessStopping();
    process.env.DATABASE_URL = database.url;
    await buildIfNeeded();
    await unlessStopping();
    await migrateDatabase(database.url);
    await unlessStopping();
    for (const result of await documents.importContentFolder(db.getDb(), contentDir, root)) {
      console.log(`gloss: ${documents.describeImport(result)}`);
    }
    await ensureAuthSecret(db.getDb());
    await db.disconnectDb();
    await unlessStopping();
  } catch (error) {
    await unlessStopping(); // a step cut short by a stop is no failure
    await db.disconnectDb().catch(() => {});
    await (await running.database.catch(() => undefined))?.stop().catch(() => {});
    throw error;
  }

  const where = database.source === "external" ? "the database at DATABASE_URL" : "the embedded PostgreSQL";
  const server = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts", "serve.ts")], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: database.url, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", PORT: String(port) },
    stdio: ["ignore", "inherit", "inherit"],
  });
  running.child = server;
  console.log(`gloss: serving http://localhost:${port} on ${where}. Ctrl-C stops.`);
  server.once("exit", (code) => {
    if (!stopping) {
      console.error(`gloss: the web server exited (code ${code}).`);
      void shutdown(code ?? 1);
    }
  });
});

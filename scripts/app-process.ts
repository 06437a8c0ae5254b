// Gloss started and stopped as a separate process group, for the reliability run and the benchmarks.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const root = process.cwd();

export interface App {
  child: ChildProcess;
  base: string;
  output: string[];
}

/**
 * Starts Gloss as `npm start` does (building into `distDir` if its code changed) against
 * `databaseUrl`, with its data folder in `dataDir`, and waits until it answers.
 */
export async function startApp(options: {
  port: number;
  databaseUrl: string;
  dataDir: string;
  distDir: string;
  env?: Record<string, string>;
}): Promise<App> {
  const { port, databaseUrl, dataDir, distDir } = options;
  const output: string[] = [];
  const child = spawn(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      GLOSS_DIST_DIR: distDir,
      GLOSS_DATA_DIR: dataDir,
      GLOSS_WRITES_PER_MINUTE: "1000000",
      BETTER_AUTH_URL: `http://127.0.0.1:${port}`,
      NODE_ENV: "production",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout?.on("data", (c: Buffer) => output.push(c.toString()));
  child.stderr?.on("data", (c: Buffer) => output.push(c.toString()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 600_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Gloss did not start:\n${output.join("")}`);
    if (Date.now() > deadline) throw new Error(`Gloss did not answer in time:\n${output.join("")}`);
    try {
      if ((await fetch(`${base}/api/documents`)).ok) return { child, base, output };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** Stops the app's whole process group (the start script and its Next.js server). */
export async function stopApp(app: App, signal: NodeJS.Signals): Promise<void> {
  const exited = new Promise((r) => app.child.once("exit", r));
  try {
    process.kill(-app.child.pid!, signal);
  } catch {
    return;
  }
  await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  // Next.js's server is a child of the start script: make sure nothing of the group is left.
  await new Promise((r) => setTimeout(r, 500));
  try {
    process.kill(-app.child.pid!, "SIGKILL");
  } catch {
    // already gone
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

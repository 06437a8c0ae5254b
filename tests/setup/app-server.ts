import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { findFreePort } from "../../lib/database/port";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const root = path.resolve(__dirname, "../..");

/**
 * Starts Gloss the way a user does (`scripts/start.ts`: build if needed, migrate, import, `next
 * start`) against the test database, building into .next-test so a running `npm start` is left
 * alone. Provides the base URL; stops the server with SIGTERM afterwards.
 */
export default async function setup(project: TestProject) {
  const port = await findFreePort();
  const output: string[] = [];
  const child: ChildProcess = spawn(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: process.env.GLOSS_TEST_DATABASE_URL,
      PORT: String(port),
      GLOSS_DIST_DIR: ".next-test",
      NODE_ENV: "production",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Gloss did not start:\n${output.join("")}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`Gloss did not answer within 240 s:\n${output.join("")}`);
    }
    try {
      const response = await fetch(`${baseUrl}/api/documents`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  project.provide("baseUrl", baseUrl);

  return async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    if (child.exitCode === null) child.kill("SIGKILL");
  };
}

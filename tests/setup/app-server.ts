import type { TestProject } from "vitest/node";
import { findFreePort } from "../../lib/database/port";
import { startApp, stopApp } from "../../scripts/app-process";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/**
 * Starts Gloss the way a user does (`scripts/start.ts`: build if needed, migrate, import, `next
 * start`) against the test database, building into .next-test so a running `npm start` is left
 * alone. Provides the base URL; stops the server with SIGTERM afterwards.
 */
export default async function setup(project: TestProject) {
  const app = await startApp({
    port: await findFreePort(),
    databaseUrl: process.env.GLOSS_TEST_DATABASE_URL,
    distDir: ".next-test",
    // A limit for a start that hangs: building the app takes minutes on two busy cores.
    timeoutMs: 600_000,
  });
  project.provide("baseUrl", app.base);
  return () => stopApp(app, "SIGTERM");
}

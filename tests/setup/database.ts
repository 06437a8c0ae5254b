import fs from "node:fs";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { makeScratchFolder, startScratchDatabase } from "../../lib/database/local-database";
import { migrateDatabase } from "../../lib/database/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/**
 * Gives the tests a real, migrated PostgreSQL: TEST_DATABASE_URL when set (a fresh database is
 * created on that server and dropped afterwards), otherwise an embedded PostgreSQL 17 in a
 * temporary folder on a random port.
 */
export default async function setup(project: TestProject) {
  const server = process.env.TEST_DATABASE_URL;
  if (server) {
    const name = `gloss_test_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(server);
    url.pathname = `/${name}`;
    await migrateDatabase(url.toString());
    project.provide("databaseUrl", url.toString());
    process.env.GLOSS_TEST_DATABASE_URL = url.toString();
    return async () => {
      const client = new pg.Client({ connectionString: server });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    };
  }

  const dir = makeScratchFolder("gloss-test-db-");
  const database = await startScratchDatabase(dir, "gloss_test");
  await migrateDatabase(database.url);
  project.provide("databaseUrl", database.url);
  // Later global setups of the same project (the app server) read it from here.
  process.env.GLOSS_TEST_DATABASE_URL = database.url;
  return async () => {
    await database.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

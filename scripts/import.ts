// `npm run import`: imports content/*.md (or GLOSS_CONTENT_DIR) into the database (DATABASE_URL,
// or the embedded one, joining it when `npm start` already runs it).
import path from "node:path";
import { openDatabase } from "../lib/database/local-database";
import { migrateDatabase } from "../lib/database/migrate";
import { disconnectDb, getDb } from "../lib/db";
import { describeImport, importContentFolder } from "../lib/documents/import-document";
import { runCli } from "./cli";

runCli(async () => {
  const database = await openDatabase();
  try {
    process.env.DATABASE_URL = database.url;
    await migrateDatabase(database.url);
    const results = await importContentFolder(getDb(), path.resolve(process.env.GLOSS_CONTENT_DIR ?? "content"));
    for (const result of results) console.log(describeImport(result));
  } finally {
    await disconnectDb();
    await database.stop();
  }
});

// `npm run db:migrate`: applies the committed migrations (DATABASE_URL, or the embedded database).
import { openDatabase } from "../lib/database/local-database";
import { migrateDatabase } from "../lib/database/migrate";
import { runCli } from "./cli";

runCli(async () => {
  const database = await openDatabase();
  try {
    await migrateDatabase(database.url);
    console.log("Database is up to date.");
  } finally {
    await database.stop();
  }
});

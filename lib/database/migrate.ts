import { spawn } from "node:child_process";
import path from "node:path";
import { UserFacingError } from "../errors";

/**
 * Applies the committed migrations in prisma/migrations to the database at `url` with the
 * Prisma CLI (`migrate deploy`), run as a child process so its engine never loads into ours.
 */
export async function migrateDatabase(url: string, root = process.cwd()): Promise<void> {
  const cli = path.join(root, "node_modules", "prisma", "build", "index.js");
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [cli, "migrate", "deploy"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.once("error", reject);
    child.once("close", resolve);
  });
  if (code !== 0) {
    const text = output.join("").trim().split("\n").slice(-8).join("\n");
    throw new UserFacingError(`Database migration failed:\n${text}`, "migration_failed");
  }
}

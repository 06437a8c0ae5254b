import { randomBytes } from "node:crypto";
import fs from "node:fs";
import type { PrismaClient } from "../generated/prisma/client";

/**
 * The secret that signs session cookies when BETTER_AUTH_SECRET is not set: kept in the database,
 * so that every server on it signs and checks sessions alike (a session made on one is valid on
 * all) and sessions survive restarts. The first server to start makes it (from `legacyFile`, the
 * data folder's `auth-secret` that `npm start` kept before, when there is one, so that its sessions
 * stay valid); the others read it. One statement makes it, so two servers starting at once agree.
 */
export async function sharedSessionSecret(db: PrismaClient, legacyFile?: string): Promise<string> {
  let candidate = "";
  try {
    if (legacyFile && fs.existsSync(legacyFile)) candidate = fs.readFileSync(legacyFile, "utf8").trim();
  } catch {
    // unreadable: a new one
  }
  if (candidate.length < 32) candidate = randomBytes(32).toString("hex");
  for (;;) {
    // The SELECT sees the table as the statement began: a row another server made meanwhile is
    // seen by the next round (its insert then does nothing).
    const rows = await db.$queryRaw<Array<{ secret: string }>>`
      WITH made AS (
        INSERT INTO "SessionSecret" ("id", "secret") VALUES (1, ${candidate}) ON CONFLICT ("id") DO NOTHING RETURNING "secret"
      )
      SELECT "secret" FROM made UNION ALL SELECT "secret" FROM "SessionSecret" WHERE "id" = 1`;
    if (rows.length > 0) return rows[0].secret;
  }
}

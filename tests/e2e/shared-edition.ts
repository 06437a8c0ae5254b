import { inject } from "vitest";

/**
 * Removes accounts a test file signed up, with every note and claim they made. The files share one
 * seed edition, and what one reader makes public there is shown to every other: a file that counts
 * or finds "the" note or claim it made itself must not meet another file's.
 */
export async function removeAccounts(...emails: string[]): Promise<void> {
  process.env.DATABASE_URL ??= inject("databaseUrl");
  const { getDb } = await import("@/lib/db");
  const db = getDb();
  const accounts = await db.user.findMany({ where: { email: { in: emails } }, select: { id: true } });
  const ids = accounts.map((account) => account.id);
  // A claim outlives its author (its creator is set to null); a note goes with its account.
  await db.claim.deleteMany({ where: { createdById: { in: ids } } });
  await db.user.deleteMany({ where: { id: { in: ids } } });
}

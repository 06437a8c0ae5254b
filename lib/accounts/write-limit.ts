import { getDb } from "../db";
import { DomainError } from "../errors";
import type { Prisma } from "../generated/prisma/client";

/**
 * Writes one account may make per minute: annotation creates, replaces and deletes, imports, anchor
 * reviews, and the creation and changes of entities and claims all count against it.
 */
export const WRITES_PER_MINUTE = Number(process.env.GLOSS_WRITES_PER_MINUTE) || 60;

/**
 * Refuses (rate_limited) when `userId` has made WRITES_PER_MINUTE writes in the last minute. The
 * count lives in the database (WriteEvent rows), so every app instance shares it. Check and record
 * are not one atomic step: a burst of concurrent requests can overshoot the limit by a few writes.
 */
export async function checkWriteLimit(userId: string): Promise<void> {
  const since = new Date(Date.now() - 60_000);
  const db = getDb();
  await db.writeEvent.deleteMany({ where: { userId, at: { lt: since } } });
  const recent = await db.writeEvent.count({ where: { userId, at: { gte: since } } });
  if (recent >= WRITES_PER_MINUTE)
    throw new DomainError("rate_limited", `At most ${WRITES_PER_MINUTE} writes a minute: try again shortly.`);
}

/** The query that counts one write of `userId`: run it in the write's own transaction (`db`, inside an interactive one). */
export const recordWrite = (userId: string, db: Prisma.TransactionClient = getDb()) => db.writeEvent.create({ data: { userId } });

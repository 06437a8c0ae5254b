import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";

/** How long a new database connection may take before the request fails (ms). */
export const CONNECT_TIMEOUT_MS = 1000;

const globalForPrisma = globalThis as unknown as { glossPrisma?: PrismaClient };

/**
 * The one Prisma client of the process, created on first use from DATABASE_URL (so scripts can
 * start the database before they touch it). Reused across hot reloads in development.
 */
export function getDb(): PrismaClient {
  if (!globalForPrisma.glossPrisma) {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set: start Gloss with `npm start`.");
    // A connection that cannot be made within a second fails, so that requests answer 503 at once
    // instead of waiting while the database is down or restarting.
    globalForPrisma.glossPrisma = new PrismaClient({
      adapter: new PrismaPg({ connectionString, connectionTimeoutMillis: CONNECT_TIMEOUT_MS }),
    });
  }
  return globalForPrisma.glossPrisma;
}

/** Closes the client, if one was created. */
export async function disconnectDb(): Promise<void> {
  await globalForPrisma.glossPrisma?.$disconnect();
  globalForPrisma.glossPrisma = undefined;
}

export type { PrismaClient };

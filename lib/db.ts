import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";

const globalForPrisma = globalThis as unknown as { glossPrisma?: PrismaClient };

/**
 * The one Prisma client of the process, created on first use from DATABASE_URL (so scripts can
 * start the database before they touch it). Reused across hot reloads in development.
 */
export function getDb(): PrismaClient {
  if (!globalForPrisma.glossPrisma) {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set: start Gloss with `npm start`.");
    globalForPrisma.glossPrisma = new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
  }
  return globalForPrisma.glossPrisma;
}

/** Closes the client, if one was created. */
export async function disconnectDb(): Promise<void> {
  await globalForPrisma.glossPrisma?.$disconnect();
  globalForPrisma.glossPrisma = undefined;
}

export type { PrismaClient };

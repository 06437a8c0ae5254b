-- What several servers on one database must share, kept in it.

-- The secret that signs session cookies when BETTER_AUTH_SECRET is not set: made by the first
-- server to start and read by every other, so that a session made by one is valid on all (one
-- row, id 1).
-- CreateTable
CREATE TABLE "SessionSecret" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "secret" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SessionSecret_pkey" PRIMARY KEY ("id")
);

-- Which import worker took an import last ("host/pid"), and when: how many run at once on each.
-- AlterTable
ALTER TABLE "Import" ADD COLUMN "worker" TEXT,
ADD COLUMN "startedAt" TIMESTAMPTZ(3);

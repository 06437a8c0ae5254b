-- Documents that readers import (sources.md): an owner, a visibility (private by default for an
-- import, the editions stay public), the format read, the hash of the bytes, passages that know
-- their page, footnotes, and the imports themselves (the queue that runs them is pg-boss's own).
-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('queued', 'running', 'done', 'failed');

-- AlterEnum
ALTER TYPE "PassageKind" ADD VALUE 'footnote';

-- AlterTable
ALTER TABLE "Document" ADD COLUMN     "format" TEXT NOT NULL DEFAULT 'markdown',
ADD COLUMN     "ownerId" TEXT,
ADD COLUMN     "sourceHash" TEXT,
ADD COLUMN     "visibility" "Visibility" NOT NULL DEFAULT 'public';

-- AlterTable
ALTER TABLE "Passage" ADD COLUMN     "page" INTEGER;

-- CreateTable
CREATE TABLE "Import" (
    "id" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "status" "ImportStatus" NOT NULL DEFAULT 'queued',
    "stage" TEXT NOT NULL DEFAULT 'waiting',
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "format" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "overrides" JSONB NOT NULL DEFAULT '{}',
    "visibility" "Visibility" NOT NULL DEFAULT 'private',
    "targetId" TEXT,
    "documentId" TEXT,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "heartbeatAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Import_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Import_ownerId_hash_idx" ON "Import"("ownerId", "hash");

-- CreateIndex
CREATE INDEX "Import_status_heartbeatAt_idx" ON "Import"("status", "heartbeatAt");

-- AddForeignKey
ALTER TABLE "Document" ADD CONSTRAINT "Document_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Import" ADD CONSTRAINT "Import_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Import" ADD CONSTRAINT "Import_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- CreateIndex
CREATE INDEX "Document_ownerId_sourceHash_idx" ON "Document"("ownerId", "sourceHash");

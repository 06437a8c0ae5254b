-- CreateExtension (diacritic-insensitive entity look-up: GET /api/entities?q=)
CREATE EXTENSION IF NOT EXISTS unaccent;

-- AlterTable
ALTER TABLE "Annotation" ADD COLUMN     "replyToId" TEXT;

-- AlterTable
ALTER TABLE "Claim" ADD COLUMN     "created" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "createdById" TEXT;

-- AlterTable
ALTER TABLE "Entity" ADD COLUMN     "createdById" TEXT,
ADD COLUMN     "origin" TEXT NOT NULL DEFAULT 'curated';

-- CreateIndex
CREATE INDEX "Annotation_replyToId_idx" ON "Annotation"("replyToId");

-- CreateIndex
CREATE INDEX "Claim_createdById_idx" ON "Claim"("createdById");

-- CreateIndex
CREATE INDEX "Entity_createdById_idx" ON "Entity"("createdById");

-- AddForeignKey
ALTER TABLE "Entity" ADD CONSTRAINT "Entity_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Annotation" ADD CONSTRAINT "Annotation_replyToId_fkey" FOREIGN KEY ("replyToId") REFERENCES "Annotation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- CreateEnum
CREATE TYPE "ClaimKind" AS ENUM ('date', 'quantity', 'event', 'attribution', 'identity');

-- CreateEnum
CREATE TYPE "Stance" AS ENUM ('supports', 'contradicts', 'qualifies');

-- CreateEnum
CREATE TYPE "DatePrecision" AS ENUM ('year', 'month', 'day');

-- AlterTable
ALTER TABLE "Annotation" ADD COLUMN     "claimId" TEXT,
ADD COLUMN     "conflictId" TEXT,
ADD COLUMN     "stance" "Stance";

-- AlterTable
ALTER TABLE "Document" ADD COLUMN     "claimsHash" TEXT;

-- CreateTable
CREATE TABLE "Claim" (
    "id" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "statement" TEXT NOT NULL,
    "kind" "ClaimKind" NOT NULL,
    "dateValue" TEXT,
    "dateEnd" TEXT,
    "datePrecision" "DatePrecision",
    "dateApproximate" BOOLEAN NOT NULL DEFAULT false,
    "entityIds" TEXT[],
    "ordinal" INTEGER NOT NULL DEFAULT 0,
    "origin" TEXT NOT NULL DEFAULT 'curated',

    CONSTRAINT "Claim_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Conflict" (
    "id" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Conflict_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Claim_documentId_idx" ON "Claim"("documentId");

-- CreateIndex
CREATE INDEX "Conflict_documentId_idx" ON "Conflict"("documentId");

-- CreateIndex
CREATE INDEX "Annotation_claimId_idx" ON "Annotation"("claimId");

-- CreateIndex
CREATE INDEX "Annotation_conflictId_idx" ON "Annotation"("conflictId");

-- AddForeignKey
ALTER TABLE "Annotation" ADD CONSTRAINT "Annotation_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Annotation" ADD CONSTRAINT "Annotation_conflictId_fkey" FOREIGN KEY ("conflictId") REFERENCES "Conflict"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Conflict" ADD CONSTRAINT "Conflict_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The review actions on proposals, kept for undo.
-- CreateTable
CREATE TABLE "ProposalReview" (
    "id" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "changes" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "undoneAt" TIMESTAMPTZ(3),

    CONSTRAINT "ProposalReview_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ProposalReview_documentId_userId_createdAt_idx" ON "ProposalReview"("documentId", "userId", "createdAt");

-- AddForeignKey
ALTER TABLE "ProposalReview" ADD CONSTRAINT "ProposalReview_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

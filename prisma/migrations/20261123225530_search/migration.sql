-- CreateExtension
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- AlterTable
ALTER TABLE "Passage" ADD COLUMN     "search" tsvector GENERATED ALWAYS AS (to_tsvector('english', "text")) STORED;

-- CreateIndex
CREATE INDEX "Passage_search_idx" ON "Passage" USING GIN ("search");

-- CreateIndex
CREATE INDEX "Passage_text_trgm_idx" ON "Passage" USING GIN ("text" gin_trgm_ops);

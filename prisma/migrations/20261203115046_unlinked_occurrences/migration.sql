-- The occurrences of known names that a document's curated entities file says are not mentions
-- (its `unlinked` list: snippets with their reasons), kept so that a reader marking a name's other
-- occurrences is not offered them as mentions.
-- AlterTable
ALTER TABLE "Document" ADD COLUMN     "unlinked" JSONB NOT NULL DEFAULT '[]';

-- The next import derives every curated layer again (as after a change to its files), which reads
-- the lists of documents imported before this column existed.
UPDATE "Document" SET "entitiesHash" = NULL WHERE "entitiesHash" IS NOT NULL;

-- CreateTable
CREATE TABLE "ReaderRevision" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "n" BIGINT NOT NULL DEFAULT 0,
    "epoch" TEXT NOT NULL DEFAULT md5(random()::text || clock_timestamp()::text),

    CONSTRAINT "ReaderRevision_pkey" PRIMARY KEY ("id")
);

-- The one row. Its epoch is random, so that a new database never reuses an old one's keys. Its count goes up with every statement that changes what the reader renders on the
-- server, whichever process makes it, and in the same transaction (so a reader that sees the new
-- count sees the change). Function bodies are escaped strings (\073 is a semicolon): the migration
-- runner splits SQL on every semicolon.
INSERT INTO "ReaderRevision" ("id", "n") VALUES (1, 0);

CREATE FUNCTION "reader_revision_bump"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN UPDATE "ReaderRevision" SET "n" = "n" + 1 WHERE "id" = 1\073 RETURN NULL\073 END';

-- Annotations: only mentions and evidence are rendered on the server (readers' notes load in the browser).
CREATE FUNCTION "reader_revision_bump_annotations"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN IF EXISTS (SELECT 1 FROM "changed_rows" WHERE "motivation" IN (\'identifying\', \'linking\')) THEN UPDATE "ReaderRevision" SET "n" = "n" + 1 WHERE "id" = 1\073 END IF\073 RETURN NULL\073 END';

CREATE TRIGGER "Annotation_reader_revision_insert" AFTER INSERT ON "Annotation"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "reader_revision_bump_annotations"();
CREATE TRIGGER "Annotation_reader_revision_update" AFTER UPDATE ON "Annotation"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "reader_revision_bump_annotations"();
CREATE TRIGGER "Annotation_reader_revision_update_from" AFTER UPDATE ON "Annotation"
  REFERENCING OLD TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "reader_revision_bump_annotations"();
CREATE TRIGGER "Annotation_reader_revision_delete" AFTER DELETE ON "Annotation"
  REFERENCING OLD TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "reader_revision_bump_annotations"();

CREATE TRIGGER "Annotation_reader_revision_truncate" AFTER TRUNCATE ON "Annotation"
  FOR EACH STATEMENT EXECUTE FUNCTION "reader_revision_bump"();

CREATE TRIGGER "Entity_reader_revision" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Entity"
  FOR EACH STATEMENT EXECUTE FUNCTION "reader_revision_bump"();
CREATE TRIGGER "Claim_reader_revision" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Claim"
  FOR EACH STATEMENT EXECUTE FUNCTION "reader_revision_bump"();

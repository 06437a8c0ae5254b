-- The reader's kept copy renders public mentions and evidence only, and its key (the reader's
-- ETag) is seen by everyone: a private identification's creation, edit or deletion must not
-- raise the revision, or the ETag would tell anyone that someone made or removed one. Only rows
-- that are public count, in either state of an update: the new rows catch a note turning
-- public, the old rows one turning private. (\073 is a semicolon: the migration runner splits SQL
-- on every semicolon.)
CREATE OR REPLACE FUNCTION "reader_revision_bump_annotations"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN IF EXISTS (SELECT 1 FROM "changed_rows" WHERE "motivation" IN (\'identifying\', \'linking\') AND "visibility" = \'public\') THEN UPDATE "ReaderRevision" SET "n" = "n" + 1 WHERE "id" = 1\073 END IF\073 RETURN NULL\073 END';

-- The reader revision keys the kept copy of every public document's reader, and that key (the
-- reader's ETag) is seen by everyone. A private document is never kept (its reader renders per
-- request, for its owner alone), so nothing done on one may raise the revision: its mentions and
-- evidence, its claims, an entity named only there. Otherwise the ETag of every public reader
-- would tell anyone that someone is working on a document they cannot see. (\073 is a semicolon:
-- the migration runner splits SQL on every semicolon.)

-- Annotations: public mentions and evidence on a public document, in either state of an update.
CREATE OR REPLACE FUNCTION "reader_revision_bump_annotations"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN IF EXISTS (SELECT 1 FROM "changed_rows" c JOIN "Document" d ON d."id" = c."documentId" WHERE c."motivation" IN (\'identifying\', \'linking\') AND c."visibility" = \'public\' AND d."visibility" = \'public\') THEN UPDATE "ReaderRevision" SET "n" = "n" + 1 WHERE "id" = 1\073 END IF\073 RETURN NULL\073 END';

-- Claims: those about a public document (the claims panel renders them).
CREATE FUNCTION "reader_revision_bump_claims"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN IF EXISTS (SELECT 1 FROM "changed_rows" c JOIN "Document" d ON d."id" = c."documentId" WHERE d."visibility" = \'public\') THEN UPDATE "ReaderRevision" SET "n" = "n" + 1 WHERE "id" = 1\073 END IF\073 RETURN NULL\073 END';

DROP TRIGGER "Claim_reader_revision" ON "Claim";
CREATE TRIGGER "Claim_reader_revision_insert" AFTER INSERT ON "Claim"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "reader_revision_bump_claims"();
CREATE TRIGGER "Claim_reader_revision_update" AFTER UPDATE ON "Claim"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "reader_revision_bump_claims"();
CREATE TRIGGER "Claim_reader_revision_update_from" AFTER UPDATE ON "Claim"
  REFERENCING OLD TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "reader_revision_bump_claims"();
CREATE TRIGGER "Claim_reader_revision_delete" AFTER DELETE ON "Claim"
  REFERENCING OLD TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "reader_revision_bump_claims"();
CREATE TRIGGER "Claim_reader_revision_truncate" AFTER TRUNCATE ON "Claim"
  FOR EACH STATEMENT EXECUTE FUNCTION "reader_revision_bump"();

-- Entities: a change to one that a public document's reader shows (a public mention there, or
-- named by one of its claims). A new entity is shown nowhere until it is mentioned (the mention
-- counts then), and a deleted one always counts (its mentions went with it).
CREATE FUNCTION "reader_revision_bump_entities"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN IF EXISTS (SELECT 1 FROM "changed_rows" e WHERE EXISTS (SELECT 1 FROM "Annotation" a JOIN "Document" d ON d."id" = a."documentId" WHERE a."entityId" = e."id" AND a."visibility" = \'public\' AND d."visibility" = \'public\') OR EXISTS (SELECT 1 FROM "Claim" c JOIN "Document" d ON d."id" = c."documentId" WHERE e."id" = ANY(c."entityIds") AND d."visibility" = \'public\')) THEN UPDATE "ReaderRevision" SET "n" = "n" + 1 WHERE "id" = 1\073 END IF\073 RETURN NULL\073 END';

DROP TRIGGER "Entity_reader_revision" ON "Entity";
CREATE TRIGGER "Entity_reader_revision_update" AFTER UPDATE ON "Entity"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "reader_revision_bump_entities"();
CREATE TRIGGER "Entity_reader_revision_delete" AFTER DELETE OR TRUNCATE ON "Entity"
  FOR EACH STATEMENT EXECUTE FUNCTION "reader_revision_bump"();

-- A document made public or private: a copy kept before it went private must not come back
-- with what changed on it meanwhile.
CREATE TRIGGER "Document_reader_revision_visibility" AFTER UPDATE OF "visibility" ON "Document"
  FOR EACH STATEMENT EXECUTE FUNCTION "reader_revision_bump"();

-- AlterTable
ALTER TABLE "Annotation" ADD COLUMN     "madeOnVersionId" TEXT,
ADD COLUMN     "priorExact" TEXT,
ADD COLUMN     "reviewedAt" TIMESTAMPTZ(3),
ADD COLUMN     "reviewedById" TEXT;

-- CreateTable
CREATE TABLE "AnnotationAnchor" (
    "annotationId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "exact" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "suffix" TEXT NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "passageId" TEXT NOT NULL,
    "state" "AnchorState" NOT NULL,

    CONSTRAINT "AnnotationAnchor_pkey" PRIMARY KEY ("annotationId","versionId")
);

-- CreateTable
CREATE TABLE "Reanchoring" (
    "id" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "fromVersionId" TEXT NOT NULL,
    "toVersionId" TEXT NOT NULL,
    "unchanged" INTEGER NOT NULL,
    "moved" INTEGER NOT NULL,
    "fuzzy" INTEGER NOT NULL,
    "orphaned" INTEGER NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "details" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Reanchoring_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AnnotationAnchor_versionId_start_idx" ON "AnnotationAnchor"("versionId", "start");

-- CreateIndex
CREATE INDEX "Reanchoring_documentId_createdAt_idx" ON "Reanchoring"("documentId", "createdAt");

-- CreateIndex
CREATE INDEX "Annotation_documentId_state_idx" ON "Annotation"("documentId", "state");

-- AddForeignKey
ALTER TABLE "Annotation" ADD CONSTRAINT "Annotation_madeOnVersionId_fkey" FOREIGN KEY ("madeOnVersionId") REFERENCES "DocumentVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Annotation" ADD CONSTRAINT "Annotation_reviewedById_fkey" FOREIGN KEY ("reviewedById") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnotationAnchor" ADD CONSTRAINT "AnnotationAnchor_annotationId_fkey" FOREIGN KEY ("annotationId") REFERENCES "Annotation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnotationAnchor" ADD CONSTRAINT "AnnotationAnchor_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "DocumentVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reanchoring" ADD CONSTRAINT "Reanchoring_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reanchoring" ADD CONSTRAINT "Reanchoring_fromVersionId_fkey" FOREIGN KEY ("fromVersionId") REFERENCES "DocumentVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reanchoring" ADD CONSTRAINT "Reanchoring_toVersionId_fkey" FOREIGN KEY ("toVersionId") REFERENCES "DocumentVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Annotations made before versions were tracked were made on the version their selectors name.
UPDATE "Annotation" SET "madeOnVersionId" = "versionId" WHERE "madeOnVersionId" IS NULL;

-- A new annotation is made on the version its selectors name, unless the writer says otherwise.
-- (The body is an escaped string: \073 stands for the semicolon, which the migration runner splits on.)
CREATE FUNCTION "annotation_made_on_version"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN NEW."madeOnVersionId" := COALESCE(NEW."madeOnVersionId", NEW."versionId")\073 RETURN NEW\073 END';

CREATE TRIGGER "Annotation_made_on_version"
  BEFORE INSERT ON "Annotation"
  FOR EACH ROW EXECUTE FUNCTION "annotation_made_on_version"();

-- AlterTable: what the W3C Web Annotation Protocol (5.1) asks a server to keep of a new annotation:
-- its canonical IRI unchanged, and the id its client gave it as via.
ALTER TABLE "Annotation" ADD COLUMN     "canonical" TEXT,
ADD COLUMN     "via" TEXT;

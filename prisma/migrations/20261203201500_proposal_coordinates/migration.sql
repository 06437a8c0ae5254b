-- Where the gazetteer puts a proposed new place, given to the entity its acceptance makes.
-- AlterTable
ALTER TABLE "Proposal" ADD COLUMN     "latitude" DOUBLE PRECISION,
ADD COLUMN     "longitude" DOUBLE PRECISION;

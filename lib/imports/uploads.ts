import path from "node:path";

/**
 * Where uploads wait for their import job: GLOSS_UPLOAD_DIR, else `uploads` in the data folder
 * (GLOSS_DATA_DIR, default .data). One file per import, named by its id; deleted when the job ends.
 */
export function uploadDir(): string {
  return path.resolve(process.env.GLOSS_UPLOAD_DIR ?? path.join(process.env.GLOSS_DATA_DIR ?? ".data", "uploads"));
}

/** The file of one import (its id is a UUID, so never a path of its own). */
export const uploadPath = (importId: string) => path.join(uploadDir(), importId);

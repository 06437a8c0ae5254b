import { recordWrite } from "../accounts/write-limit";
import type { SessionUser } from "../auth";
import { getDb } from "../db";
import type { Precondition } from "../etag";
import type { AnnotationRef } from "./types";
import { staleAnnotation, writableAnnotation } from "./writable-annotation";

/** Deletes the annotation (and, through the database's cascade, the replies of its thread). */
export async function deleteAnnotation(ref: AnnotationRef, user: SessionUser, precondition: Precondition): Promise<void> {
  const row = await writableAnnotation(ref, user, precondition);
  const [deleted] = await getDb().$transaction([
    getDb().annotation.deleteMany({ where: { id: row.id, modified: row.modified } }),
    recordWrite(user.id),
  ]);
  if (deleted.count === 0) throw staleAnnotation();
}

import { createHash } from "node:crypto";

/** The strong ETag of an annotation's current state: a hash of its id and modification time. */
export const annotationEtag = (annotation: { id: string; modified: Date }) =>
  `"${createHash("sha256").update(`${annotation.id}\n${annotation.modified.toISOString()}`).digest("hex").slice(0, 32)}"`;

/** A modification time later than `previous` even within the same millisecond, so the ETag always changes. */
export const nextModified = (previous: Date) => new Date(Math.max(Date.now(), previous.getTime() + 1));

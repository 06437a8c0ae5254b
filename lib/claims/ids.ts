/**
 * Conflicts are stored as "<document slug>--<id>" (their curated ids are only unique within a
 * document); outside the database they go by the curated id.
 */
export const storedConflictId = (documentSlug: string, id: string) => `${documentSlug}--${id}`;

/** The public id of a stored conflict id. */
export const publicConflictId = (documentSlug: string, storedId: string) =>
  storedId.startsWith(`${documentSlug}--`) ? storedId.slice(documentSlug.length + 2) : storedId;

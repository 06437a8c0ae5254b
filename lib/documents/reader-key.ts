import { getDb } from "../db";

/**
 * The key of the reader's kept copy of the document `slug`: the database's epoch, the current
 * version's hash and the reader revision (counted up by database triggers whenever entities,
 * claims, mentions or evidence change, whichever process changes them). Null when there is no
 * such public document: a private one is never kept, since a copy is the same page for everyone
 * (its reader renders per request, for its owner alone). One indexed query.
 */
export async function readerCacheKey(slug: string): Promise<string | null> {
  const rows = await getDb().$queryRaw<Array<{ hash: string; n: bigint; epoch: string }>>`
    SELECT v."hash", r."n", r."epoch"
    FROM "Document" d
    JOIN "DocumentVersion" v ON v."id" = d."currentVersionId"
    CROSS JOIN "ReaderRevision" r
    WHERE d."slug" = ${slug} AND d."visibility" = 'public' AND r."id" = 1`;
  if (rows.length === 0) return null;
  const { hash, n, epoch } = rows[0];
  return `${epoch.slice(0, 8)}-${hash.slice(0, 16)}-${n}`;
}

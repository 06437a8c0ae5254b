import { ID_CHARACTERS } from "../validation/ids";

/** Where a reader's kept copy is rendered: /reader-cache/<slug>/<key> (see proxy.ts). */
export const READER_CACHE_PREFIX = "/reader-cache";

/** The path the kept copy of `slug`'s reader for `key` is rendered at. */
export const keptCopyPath = (slug: string, key: string) => `${READER_CACHE_PREFIX}/${slug}/${key}`;

/** The slug in a path under /reader-cache, or null for any other path. */
export function keptCopySlug(pathname: string): string | null {
  return KEPT_COPY.exec(pathname)?.[1] ?? null;
}

const KEPT_COPY = new RegExp(`^${READER_CACHE_PREFIX}/(${ID_CHARACTERS})(?:/|$)`);

/**
 * The address a reader sees for a page: the kept copy of a reader is rendered at
 * /reader-cache/<slug>/<key> but served at /documents/<slug>, so links made from the path (such as
 * "sign in and come back") use the latter, on the server and in the browser alike.
 */
export function publicPath(pathname: string): string {
  const slug = keptCopySlug(pathname);
  return slug ? `/documents/${slug}` : pathname;
}

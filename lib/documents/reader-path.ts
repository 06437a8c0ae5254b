/** Where the proxy sends a plain request for a reader page: the copy kept for its key. */
export const READER_CACHE_PREFIX = "/reader-cache";

/**
 * The address a reader sees for a page: the kept copy of a reader is rendered at
 * /reader-cache/<slug>/<key> but served at /documents/<slug>, so links made from the path (such as
 * "sign in and come back") use the latter, on the server and in the browser alike.
 */
export function publicPath(pathname: string): string {
  const kept = /^\/reader-cache\/([^/]+)\/[^/]+$/.exec(pathname);
  return kept ? `/documents/${kept[1]}` : pathname;
}

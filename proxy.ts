import fs from "node:fs";
import nodePath from "node:path";
import { randomBytes } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { API_METHODS } from "./lib/api/api-methods";
import { isDatabaseUnavailable } from "./lib/api/errors";
import { readerCopy } from "./lib/documents/reader-copies";
import { readerCacheKey } from "./lib/documents/reader-key";
import { keptCopyPath, keptCopySlug, READER_CACHE_PREFIX } from "./lib/documents/reader-path";

const MESSAGE = "The address is not valid: its percent-encoding is malformed or names a NUL character.";

/**
 * Two jobs before any page or route runs.
 *
 * Addresses that cannot be decoded (a stray "%", "%FF", a cut-off UTF-8 sequence) or that decode
 * to a NUL character never reach a page or route: they get a 400, JSON for the API, instead of
 * failing inside the framework's parameter decoding or the database.
 *
 * A plain request for a reader page is answered with the copy kept for the document's current key
 * (see toKeptCopy).
 */
export async function proxy(request: NextRequest) {
  const path = request.nextUrl.pathname;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return refuse(path);
  }
  if (decoded.includes("\u0000")) return refuse(path);
  // A method no route handler can export (PROPFIND, say): Next.js would answer an empty 400.
  if (path.startsWith("/api/") && !(API_METHODS as readonly string[]).includes(request.method))
    return NextResponse.json(
      { error: { code: "bad_request", message: `${request.method} is not a method this API answers: use ${API_METHODS.join(", ")}.` } },
      { status: 400 },
    );
  if (path === READER_CACHE_PREFIX || path.startsWith(`${READER_CACHE_PREFIX}/`)) {
    if (request.headers.get(FILL_HEADER) === FILL_SECRET) return NextResponse.next();
    // A kept copy's own address (seen, say, in a link made while it rendered) leads to the reader.
    const slug = keptCopySlug(path);
    if (slug) return NextResponse.redirect(new URL(`/documents/${slug}`, request.url), 308);
    return new NextResponse("Not found.\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  const reader = READER.exec(path);
  if (reader && isPlainPageRequest(request)) return toKeptCopy(request, reader[1]);
  return NextResponse.next();
}

const READER = /^\/documents\/([a-z0-9-]{1,200})$/;

/**
 * A browser's request for the page itself, the same for everyone: no query, no framework payload
 * or prefetch, and no session (the header names a signed-in reader's account, so their pages
 * render per request).
 */
function isPlainPageRequest(request: NextRequest): boolean {
  return (
    (request.method === "GET" || request.method === "HEAD") &&
    request.nextUrl.search === "" &&
    !request.cookies.getAll().some((cookie) => cookie.name.endsWith("session_token")) &&
    !request.headers.has("rsc") &&
    !request.headers.has("next-router-prefetch") &&
    !request.headers.has("next-action")
  );
}

/**
 * The reader without a query is the same for everyone until the document's version or what it
 * renders on the server changes: it is served from the copy kept under that key. When the key
 * cannot be read (the database is down), the page renders per request and says so.
 */
async function toKeptCopy(request: NextRequest, slug: string) {
  let key: string | null;
  try {
    key = await readerCacheKey(slug);
  } catch (error) {
    if (isDatabaseUnavailable(error)) return NextResponse.next();
    throw error;
  }
  if (!key) return NextResponse.next();
  // Kept until the key changes, which no shared cache can know: browsers and proxies revalidate,
  // and a copy they hold for the same key and build is answered 304 without reading it.
  const etag = `"${buildId()}-${key}"`;
  const headers = { "cache-control": "no-cache", etag };
  const held = request.headers.get("if-none-match");
  if (held && held.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) {
    return new NextResponse(null, { status: 304, headers });
  }
  const kept = keptCopyPath(slug, key);
  const body = await readerCopy(slug, key, () =>
    fetch(`http://127.0.0.1:${request.nextUrl.port || process.env.PORT || "3000"}${kept}`, { headers: { [FILL_HEADER]: FILL_SECRET } }),
  );
  if (!body) {
    // The copy could not be fetched: Next.js renders (or reads) it where it is kept.
    const url = request.nextUrl.clone();
    url.pathname = kept;
    return NextResponse.rewrite(url, { headers });
  }
  return new NextResponse(request.method === "HEAD" ? null : (body as BodyInit), {
    headers: { ...headers, "content-type": "text/html; charset=utf-8" },
  });
}

/** The proxy's own requests for a copy carry this secret; anyone else asking for /reader-cache is sent to the reader. */
const FILL_HEADER = "x-gloss-fill";
const FILL_SECRET = randomBytes(16).toString("hex");

let build: string | undefined;

/** This build's id: a new build has new script chunks, so a page kept by a browser is then stale. */
function buildId(): string {
  if (build === undefined) {
    try {
      build = fs.readFileSync(nodePath.join(process.cwd(), process.env.GLOSS_DIST_DIR || ".next", "BUILD_ID"), "utf8").trim();
    } catch {
      build = "dev";
    }
  }
  return build;
}

function refuse(path: string) {
  if (path.startsWith("/api/")) return NextResponse.json({ error: { code: "bad_request", message: MESSAGE } }, { status: 400 });
  return new NextResponse(`Bad request. ${MESSAGE}\n`, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
}

export const config = { matcher: "/((?!_next/static|_next/image|favicon.ico).*)" };

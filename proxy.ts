import fs from "node:fs";
import nodePath from "node:path";
import { randomBytes } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { API_METHODS } from "./lib/api/api-methods";
import { isDatabaseUnavailable } from "./lib/api/errors";
import {
  newNonce,
  pageContentSecurityPolicy,
  RESOURCE_CONTENT_SECURITY_POLICY,
  STATIC_SECURITY_HEADERS,
} from "./lib/http/security-headers";
import { copyBody, copyBrotli, readerCopy } from "./lib/documents/reader-copies";
import { ENCODED_BODIES_ENV, ENCODED_BODY_HEADER } from "./lib/http/encoded-body";
import { readerCacheKey } from "./lib/documents/reader-key";
import { keptCopyPath, keptCopySlug, READER_CACHE_PREFIX } from "./lib/documents/reader-path";

const MESSAGE = "The address is not valid: its percent-encoding is malformed or names a NUL character.";

/**
 * Three jobs before any page or route runs.
 *
 * Addresses that cannot be decoded (a stray "%", "%FF", a cut-off UTF-8 sequence) or that decode
 * to a NUL character never reach a page or route: they get a 400, JSON for the API, instead of
 * failing inside the framework's parameter decoding or the database.
 *
 * A plain request for a reader page is answered with the copy kept for the document's current key
 * (see toKeptCopy).
 *
 * Every response gets the security headers (lib/http/security-headers.ts). A page rendered for
 * this request gets a Content-Security-Policy with a fresh nonce, which Next.js reads from the
 * request's own CSP header and puts on the scripts it writes; a kept copy, the same page for
 * every reader, is served with a fresh nonce written into its inline scripts' tags.
 */
export async function proxy(request: NextRequest) {
  const path = request.nextUrl.pathname;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return secured(refuse(path), path);
  }
  if (decoded.includes("\u0000")) return secured(refuse(path), path);
  // A method no route handler can export (PROPFIND, say): Next.js would answer an empty 400.
  if (path.startsWith("/api/") && !(API_METHODS as readonly string[]).includes(request.method))
    return secured(
      NextResponse.json(
        { error: { code: "bad_request", message: `${request.method} is not a method this API answers: use ${API_METHODS.join(", ")}.` } },
        { status: 400 },
      ),
      path,
    );
  if (path === READER_CACHE_PREFIX || path.startsWith(`${READER_CACHE_PREFIX}/`)) {
    // The proxy's own fill renders the copy without a nonce: one would be kept for every reader.
    if (request.headers.get(FILL_HEADER) === FILL_SECRET) return NextResponse.next();
    // A kept copy's own address (seen, say, in a link made while it rendered) leads to the reader.
    const slug = keptCopySlug(path);
    if (slug) return secured(NextResponse.redirect(new URL(`/documents/${slug}`, request.url), 308), path);
    return secured(new NextResponse("Not found.\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } }), path);
  }
  const reader = READER.exec(path);
  if (reader && isPlainPageRequest(request)) {
    const kept = await toKeptCopy(request, reader[1]);
    if (kept) return kept;
  }
  return renderSecured(request);
}

/** `response` with the security headers that are the same for every response. */
function withStaticHeaders<R extends Response>(response: R): R {
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
}

/** Lets the route render, with the security headers and, for a page, a nonce for its scripts. */
function renderSecured(request: NextRequest): NextResponse {
  const path = request.nextUrl.pathname;
  if (!isPage(path)) return secured(NextResponse.next(), path);
  // Next.js reads the nonce from the request's own policy and writes it on the page's scripts.
  const policy = pagePolicy(newNonce());
  const forwarded = new Headers(request.headers);
  forwarded.set("content-security-policy", policy);
  return secured(NextResponse.next({ request: { headers: forwarded } }), path, policy);
}

const DEVELOPMENT = process.env.NODE_ENV === "development";

/** Whether `path` is answered with HTML a browser runs (the API and files are not). */
const isPage = (path: string) => !path.startsWith("/api/") && path !== "/api";

/** A page's policy, its inline scripts allowed by `nonce`. */
const pagePolicy = (nonce: string) => pageContentSecurityPolicy(nonce, { development: DEVELOPMENT });

/** `response` with the security headers: a page's policy (`pagePolicy`), or the policy of a resource that runs nothing. */
function secured<R extends Response>(response: R, path: string, policy?: string): R {
  withStaticHeaders(response).headers.set("Content-Security-Policy", policy && isPage(path) ? policy : RESOURCE_CONTENT_SECURITY_POLICY);
  return response;
}

const READER = /^\/documents\/([a-z0-9-]{1,200})$/;

/**
 * A browser's request for the page itself, the same for everyone: no query, no framework payload
 * or prefetch. Signed in or not: what is a reader's own (the account corner, their notes, their
 * private identifications) loads in their browser, so the page is the same for all; a private
 * document has no kept copy (readerCacheKey) and renders per request, for its owner.
 */
function isPlainPageRequest(request: NextRequest): boolean {
  return (
    (request.method === "GET" || request.method === "HEAD") &&
    request.nextUrl.search === "" &&
    !request.headers.has("rsc") &&
    !request.headers.has("next-router-prefetch") &&
    !request.headers.has("next-action")
  );
}

/**
 * The reader without a query is the same for everyone until the document's version or what it
 * renders on the server changes: it is served from the copy kept under that key. Null when the
 * page must render per request instead: the key cannot be read (the database is down, and the
 * page says so), the document is unknown, or the copy could not be had.
 */
async function toKeptCopy(request: NextRequest, slug: string): Promise<NextResponse | null> {
  let key: string | null;
  try {
    key = await readerCacheKey(slug);
  } catch (error) {
    if (isDatabaseUnavailable(error)) return null;
    throw error;
  }
  if (!key) return null;
  // Kept until the key changes, which no shared cache can know: browsers and proxies revalidate,
  // and a copy they hold for the same key and build is answered 304 without reading it.
  // Weak: the bytes differ by their nonce from one response to the next; the page does not.
  const tag = `"${buildId()}-${key}"`;
  const headers = { "cache-control": "no-cache", etag: `W/${tag}` };
  const held = request.headers.get("if-none-match");
  if (held && held.split(",").some((candidate) => candidate.trim().replace(/^W\//, "") === tag)) {
    // The copy the browser holds keeps its own policy (the nonce written in those bytes): a 304's
    // headers replace the held ones, so it must not carry another.
    return withStaticHeaders(new NextResponse(null, { status: 304, headers }));
  }
  const copy = await readerCopy(slug, key, () =>
    fetch(`http://127.0.0.1:${request.nextUrl.port || process.env.PORT || "3000"}${keptCopyPath(slug, key)}`, {
      headers: { [FILL_HEADER]: FILL_SECRET },
    }),
  );
  if (!copy) return null;
  const nonce = newNonce();
  // Brotli when the browser takes it, from the copy compressed once (named in a header of our own,
  // lib/http/encoded-body.ts); otherwise Next.js gzips the bytes per response, as it does every page.
  const brotli =
    request.method === "GET" && process.env[ENCODED_BODIES_ENV] === "1" && acceptsBrotli(request) ? copyBrotli(copy, nonce) : null;
  const body = request.method === "HEAD" ? null : (brotli ?? copyBody(copy, nonce));
  const response = new NextResponse(body as BodyInit | null, {
    headers: {
      ...headers,
      "content-type": "text/html; charset=utf-8",
      vary: "Accept-Encoding",
      ...(brotli ? { [ENCODED_BODY_HEADER]: "br" } : {}),
    },
  });
  return secured(response, request.nextUrl.pathname, pagePolicy(nonce));
}

/** Whether the request's Accept-Encoding takes brotli (`br`, with no q=0). */
function acceptsBrotli(request: NextRequest): boolean {
  return (request.headers.get("accept-encoding") ?? "").split(",").some((coding) => {
    const [name, ...parameters] = coding.trim().split(";");
    return name.trim().toLowerCase() === "br" && !parameters.some((p) => /^\s*q\s*=\s*0(\.0*)?\s*$/i.test(p));
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

import { nearestValue, trustedProxyHops, type Settings } from "./trusted-proxy";

/** A host as a Host or X-Forwarded-Host header may name it: a name or an address, and a port. */
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The site's public origin when one is configured: BETTER_AUTH_URL's (the address a proxy serves
 * the site at), or null. Read on each call, so that it follows the environment.
 */
export function configuredOrigin(env: Settings = process.env): string | null {
  const url = env.BETTER_AUTH_URL?.trim();
  if (!url) return null;
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    throw new Error(`BETTER_AUTH_URL must be the site's address, such as https://gloss.example.org, not "${url}".`);
  }
  if (!/^https?:\/\//.test(origin)) throw new Error(`BETTER_AUTH_URL must be an http or https address, not "${url}".`);
  return origin;
}

/**
 * The origin a request was addressed to: its Host header with the scheme of its connection (the
 * request URL's), or, behind a trusted proxy (GLOSS_TRUSTED_PROXY_HOPS), the X-Forwarded-Host and
 * X-Forwarded-Proto the nearest proxy wrote. A browser's Origin header equal to it is this site.
 * (`next start` hands route handlers a URL on its own host name, localhost, whatever the client
 * used: only the Host header says which address that was.)
 */
export function requestOrigin(request: Request): string {
  const url = new URL(request.url);
  const proxied = trustedProxyHops() > 0;
  const host = (proxied ? nearestValue(request.headers.get("x-forwarded-host")) : undefined) ?? request.headers.get("host") ?? url.host;
  const scheme = (proxied ? nearestValue(request.headers.get("x-forwarded-proto")) : undefined) ?? url.protocol.slice(0, -1);
  if (!HOST.test(host) || (scheme !== "http" && scheme !== "https")) return url.origin;
  try {
    return new URL(`${scheme}://${host}`).origin;
  } catch {
    return url.origin;
  }
}

/**
 * The site's origin, for every absolute URL it serves (annotation ids, permalinks, Location
 * headers) and for its accounts: BETTER_AUTH_URL's origin when it is set, else the origin the
 * request was addressed to (requestOrigin).
 */
export const originOf = (request: Request): string => configuredOrigin() ?? requestOrigin(request);

/** `request` as if it had been addressed to `origin`: same method, headers and body, its path and query under that origin. */
export function readdressed(request: Request, origin: string): Request {
  const url = new URL(request.url);
  const body = request.method === "GET" || request.method === "HEAD" ? undefined : request.body;
  return new Request(new URL(`${url.pathname}${url.search}`, origin), {
    method: request.method,
    headers: request.headers,
    body,
    signal: request.signal,
    // A streamed body must say so (Node's fetch); it is read once, by the one handler.
    ...(body ? { duplex: "half" } : {}),
  } as RequestInit);
}

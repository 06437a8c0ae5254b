import type { IncomingMessage } from "node:http";
import ipaddr from "ipaddr.js";
import proxyaddr from "proxy-addr";

/** Environment variables, as process.env holds them (or a test gives them). */
export type Settings = Record<string, string | undefined>;

/** Most proxies GLOSS_TRUSTED_PROXY_HOPS may name. */
const MAX_HOPS = 10;

/**
 * GLOSS_TRUSTED_PROXY_HOPS: how many proxies stand between the clients and the app, each adding
 * the address it was reached from to X-Forwarded-For. 0 (the default): none; the connection's
 * address is the client's, and X-Forwarded-* headers are the client's own words, never believed.
 */
export function trustedProxyHops(env: Settings = process.env): number {
  const text = env.GLOSS_TRUSTED_PROXY_HOPS?.trim();
  if (!text) return 0;
  const hops = Number(text);
  if (!/^\d+$/.test(text) || hops > MAX_HOPS) {
    throw new Error(`GLOSS_TRUSTED_PROXY_HOPS must be a number of proxies from 0 to ${MAX_HOPS}, not "${text}".`);
  }
  return hops;
}

/** The value the nearest proxy wrote in a header that proxies may append to ("a, b" or repeated). */
export function nearestValue(value: string | string[] | null | undefined): string | undefined {
  const text = Array.isArray(value) ? value.join(",") : value;
  const last = text?.split(",").at(-1)?.trim();
  return last || undefined;
}

/**
 * Settles the forwarding headers of a request as it reaches the server, before Next.js or anything
 * else reads them, so that from then on they are facts rather than claims:
 * - X-Forwarded-For becomes one address, the client's: the connection's, or, behind `hops`
 *   trusted proxies, the one the farthest of them was reached from (whatever a client wrote to the
 *   left of it is dropped).
 * - X-Forwarded-Host, -Proto and -Port are kept, as the nearest proxy wrote them, only behind a
 *   trusted proxy; otherwise they are removed, and Next.js sets them from the Host header and the
 *   connection.
 */
export function settleForwardedHeaders(request: IncomingMessage, hops: number): void {
  request.headers["x-forwarded-for"] = proxyaddr(request, (_address, hop) => hop < hops);
  for (const name of ["x-forwarded-host", "x-forwarded-proto", "x-forwarded-port"]) {
    const value = hops > 0 ? nearestValue(request.headers[name]) : undefined;
    if (value) request.headers[name] = value;
    else delete request.headers[name];
  }
}

/**
 * The client a request came from, as settleForwardedHeaders left it in X-Forwarded-For, in the
 * form a limit counts it by: an IPv4 address (also when written IPv4-mapped, `::ffff:a.b.c.d`), or
 * an IPv6 address's /64 network, which is what one subscriber holds. null when the header holds no
 * address (a request that did not come through the server).
 */
export function clientAddress(headers: Headers): string | null {
  const value = nearestValue(headers.get("x-forwarded-for"));
  if (!value || !ipaddr.isValid(value)) return null;
  const address = ipaddr.process(value);
  if (address.kind() === "ipv4") return address.toString();
  const network = (address as ipaddr.IPv6).parts.slice(0, 4);
  return `${ipaddr.IPv6.parse(`${network.map((part) => part.toString(16)).join(":")}::`).toString()}/64`;
}

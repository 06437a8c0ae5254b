import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { clientAddress, nearestValue, settleForwardedHeaders, trustedProxyHops } from "@/lib/api/trusted-proxy";

/** A request as Node's server hands it over: the connection's address and the headers as sent. */
const arriving = (remoteAddress: string, headers: Record<string, string>) =>
  ({ socket: { remoteAddress }, connection: { remoteAddress }, headers: { ...headers } }) as unknown as IncomingMessage;

describe("settleForwardedHeaders", () => {
  it("puts the connection's address in X-Forwarded-For and drops whatever a client wrote there when no proxy is trusted", () => {
    const request = arriving("198.51.100.7", {
      "x-forwarded-for": "203.0.113.1, 203.0.113.2",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "https",
      "x-forwarded-port": "443",
    });
    settleForwardedHeaders(request, 0);
    expect(request.headers["x-forwarded-for"]).toBe("198.51.100.7");
    expect(request.headers["x-forwarded-host"]).toBeUndefined();
    expect(request.headers["x-forwarded-proto"]).toBeUndefined();
    expect(request.headers["x-forwarded-port"]).toBeUndefined();
  });

  it("takes the address the farthest trusted proxy saw, whatever the client wrote to its left", () => {
    const oneProxy = arriving("10.0.0.2", { "x-forwarded-for": "6.6.6.6, 198.51.100.7", "x-forwarded-host": "gloss.example.org" });
    settleForwardedHeaders(oneProxy, 1);
    expect(oneProxy.headers["x-forwarded-for"]).toBe("198.51.100.7");
    expect(oneProxy.headers["x-forwarded-host"]).toBe("gloss.example.org");

    const twoProxies = arriving("10.0.0.3", { "x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.0.0.2", "x-forwarded-proto": "http, https" });
    settleForwardedHeaders(twoProxies, 2);
    expect(twoProxies.headers["x-forwarded-for"]).toBe("198.51.100.7");
    expect(twoProxies.headers["x-forwarded-proto"]).toBe("https");
  });

  it("falls back to the farthest address there is when fewer proxies wrote than are trusted", () => {
    const request = arriving("10.0.0.2", {});
    settleForwardedHeaders(request, 1);
    expect(request.headers["x-forwarded-for"]).toBe("10.0.0.2");
  });
});

describe("clientAddress", () => {
  it("counts IPv4 as is, IPv4-mapped IPv6 as IPv4, and IPv6 by its /64", () => {
    const of = (value: string) => clientAddress(new Headers({ "x-forwarded-for": value }));
    expect(of("198.51.100.7")).toBe("198.51.100.7");
    expect(of("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(of("2001:db8:1:2:3:4:5:6")).toBe("2001:db8:1:2::/64");
    expect(of("2001:DB8:1:2::9")).toBe("2001:db8:1:2::/64");
    expect(of("not an address")).toBeNull();
    expect(clientAddress(new Headers())).toBeNull();
  });
});

describe("settings", () => {
  it("reads GLOSS_TRUSTED_PROXY_HOPS as a small whole number and refuses anything else", () => {
    expect(trustedProxyHops({})).toBe(0);
    expect(trustedProxyHops({ GLOSS_TRUSTED_PROXY_HOPS: "2" })).toBe(2);
    for (const bad of ["-1", "one", "1.5", "11"])
      expect(() => trustedProxyHops({ GLOSS_TRUSTED_PROXY_HOPS: bad })).toThrow(/GLOSS_TRUSTED_PROXY_HOPS/);
  });

  it("reads the nearest proxy's value of a header proxies append to", () => {
    expect(nearestValue("a, b ,c ")).toBe("c");
    expect(nearestValue(["a", "b"])).toBe("b");
    expect(nearestValue(undefined)).toBeUndefined();
  });
});

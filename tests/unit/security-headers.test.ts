import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import {
  inlineScriptHashes,
  newNonce,
  pageContentSecurityPolicy,
  RESOURCE_CONTENT_SECURITY_POLICY,
  STATIC_SECURITY_HEADERS,
} from "@/lib/http/security-headers";

const sha256 = (text: string) => `sha256-${createHash("sha256").update(text, "utf8").digest("base64")}`;

describe("inlineScriptHashes", () => {
  it("hashes each inline script's text as written, and leaves out scripts with a src", () => {
    const html = [
      '<script src="/_next/static/a.js" async=""></script>',
      '<script>self.__next_f.push([1,"&amp; «Ürümqi»"])</script>',
      '<script id="_R_">\n(a)\n</script >',
      '<SCRIPT type="module">x()</SCRIPT>',
      '<script>self.__next_f.push([1,"&amp; «Ürümqi»"])</script>',
    ].join("");
    expect(inlineScriptHashes(html)).toEqual([sha256('self.__next_f.push([1,"&amp; «Ürümqi»"])'), sha256("\n(a)\n"), sha256("x()")]);
  });

  it("finds nothing to allow in a page without inline scripts", () => {
    expect(inlineScriptHashes("<p>no scripts</p><script src=x></script>")).toEqual([]);
  });
});

describe("pageContentSecurityPolicy", () => {
  it("allows inline scripts only by nonce or hash, never 'unsafe-inline', and forbids framing", () => {
    const byNonce = pageContentSecurityPolicy({ nonce: "abc" });
    const byHash = pageContentSecurityPolicy({ hashes: ["sha256-x", "sha256-y"] });
    expect(byNonce).toMatch(/script-src 'self' 'nonce-abc';/);
    expect(byHash).toMatch(/script-src 'self' 'sha256-x' 'sha256-y';/);
    for (const policy of [byNonce, byHash]) {
      expect(/script-src[^;]*unsafe/.test(policy)).toBe(false);
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).toContain("object-src 'none'");
    }
    expect(pageContentSecurityPolicy({ nonce: "abc" }, { development: true })).toContain("'unsafe-eval'");
  });

  it("makes a new 128-bit nonce each time", () => {
    const nonces = new Set(Array.from({ length: 50 }, newNonce));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});

const nextConfig = createRequire(import.meta.url)("../../next.config.js") as {
  headers: () => Promise<Array<{ source: string; headers: Array<{ key: string; value: string }> }>>;
};

describe("next.config.js", () => {
  it("gives the static files the proxy does not see the same headers as everything else", async () => {
    const rules = await nextConfig.headers();
    expect(rules.map((r) => r.source)).toEqual(expect.arrayContaining(["/_next/static/:path*"]));
    for (const rule of rules) {
      expect(Object.fromEntries(rule.headers.map((h) => [h.key, h.value]))).toEqual({
        ...STATIC_SECURITY_HEADERS,
        "Content-Security-Policy": RESOURCE_CONTENT_SECURITY_POLICY,
      });
    }
  });

  it("leaves out of the proxy exactly the paths it gives headers to", async () => {
    const { config } = await import("@/proxy");
    const skipped = (await nextConfig.headers()).map((r) => r.source.replace("/:path*", "").replace(/^\//, ""));
    expect(config.matcher).toBe(`/((?!${skipped.join("|")}).*)`);
  });
});

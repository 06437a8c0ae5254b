import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import {
  newNonce,
  nonceSlots,
  pageContentSecurityPolicy,
  RESOURCE_CONTENT_SECURITY_POLICY,
  STATIC_SECURITY_HEADERS,
  withNonce,
} from "@/lib/http/security-headers";

describe("nonceSlots and withNonce", () => {
  const html = [
    '<script src="/_next/static/a.js" async=""></script>',
    '<script>self.__next_f.push([1,"&amp; «Ürümqi»"])</script>',
    '<script id="_R_">\n(a)\n</script >',
    '<SCRIPT type="module">x()</SCRIPT>',
  ].join("");
  const served = (nonce: string) =>
    withNonce(
      nonceSlots(html).map((part) => Buffer.from(part)),
      nonce,
    ).toString("utf8");

  it("puts the response's nonce on each inline script's tag, and leaves scripts with a src and the scripts' text as they are", () => {
    expect(served("N1")).toBe(
      [
        '<script src="/_next/static/a.js" async=""></script>',
        '<script nonce="N1">self.__next_f.push([1,"&amp; «Ürümqi»"])</script>',
        '<script id="_R_" nonce="N1">\n(a)\n</script >',
        '<SCRIPT type="module" nonce="N1">x()</SCRIPT>',
      ].join(""),
    );
    expect(served("N2")).toBe(served("N1").replaceAll("N1", "N2"));
  });

  it("leaves a page without inline scripts as it is", () => {
    const page = "<p>no scripts</p><script src=x></script>";
    expect(nonceSlots(page)).toEqual([page]);
    expect(withNonce([Buffer.from(page)], "N").toString()).toBe(page);
  });

  it("keeps the policy one nonce long however many scripts the page holds", () => {
    const book = Array.from({ length: 2000 }, (_, i) => `<script>self.__next_f.push([1,"${i}"])</script>`).join("");
    const parts = nonceSlots(book);
    expect(parts).toHaveLength(2001);
    expect(pageContentSecurityPolicy(newNonce()).length).toBeLessThan(400);
  });
});

describe("pageContentSecurityPolicy", () => {
  it("allows inline scripts only by nonce, never 'unsafe-inline', and forbids framing", () => {
    const policy = pageContentSecurityPolicy("abc");
    expect(policy).toMatch(/script-src 'self' 'nonce-abc';/);
    expect(/script-src[^;]*unsafe/.test(policy)).toBe(false);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(pageContentSecurityPolicy("abc", { development: true })).toContain("'unsafe-eval'");
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

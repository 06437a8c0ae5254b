import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { EDITION_SLUG } from "../support/edition";
import { launchBrowser } from "./browser";

// Every response carries the security headers, and a page's Content-Security-Policy lets its own
// scripts run (by a nonce per response, written into the kept copy's scripts when served) while
// stopping a script or an inline event handler injected into its markup.

const baseUrl = inject("baseUrl");
const READER = `${baseUrl}/documents/${EDITION_SLUG}`;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

function expectSecurityHeaders(response: Response, what: string) {
  expect(response.headers.get("x-content-type-options"), what).toBe("nosniff");
  expect(response.headers.get("referrer-policy"), what).toBe("strict-origin-when-cross-origin");
  const policy = response.headers.get("content-security-policy") ?? "";
  expect(policy, what).toContain("frame-ancestors 'none'");
  return policy;
}

describe("security headers", () => {
  it("are on every response: pages, the kept copy, the API, errors, redirects and static files", async () => {
    const kept = await fetch(READER);
    const html = await kept.text();
    const chunk = /\/_next\/static\/chunks\/[^"]+\.js/.exec(html)?.[0];
    expect(chunk).toBeTruthy();
    const urls = [
      READER,
      `${READER}?claim=none`,
      `${baseUrl}/`,
      `${baseUrl}/sign-in`,
      `${baseUrl}/documents/no-such-document`,
      `${baseUrl}/api/documents`,
      `${baseUrl}/api/documents/no-such-document`,
      `${baseUrl}/api/no-such-route`,
      `${baseUrl}/reader-cache/${EDITION_SLUG}/made-up`,
      `${baseUrl}/documents/%E0%A4%A`,
      `${baseUrl}/icon.svg`,
      `${baseUrl}${chunk}`,
    ];
    for (const url of urls) {
      const response = await fetch(url, { redirect: "manual" });
      await response.arrayBuffer();
      expectSecurityHeaders(response, url);
    }
  });

  it("give every page a fresh nonce, the kept copy included, in a policy as short however many scripts the page holds", async () => {
    const first = expectSecurityHeaders(await fetch(`${READER}?claim=none`), "per request");
    const second = expectSecurityHeaders(await fetch(`${READER}?claim=none`), "per request");
    const nonce = (policy: string) => /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce(first)).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(nonce(second)).not.toBe(nonce(first));
    expect(first).not.toContain("'unsafe-inline' 'self'");
    expect(/script-src [^;]*'unsafe-inline'/.test(first)).toBe(false);

    const kept = await fetch(READER);
    const policy = expectSecurityHeaders(kept, "kept copy");
    const html = await kept.text();
    // A browser revalidating its copy gets a 304 whose headers replace those it holds: no other policy.
    const notModified = await fetch(READER, { headers: { "if-none-match": kept.headers.get("etag")! } });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get("x-content-type-options")).toBe("nosniff");
    expect(notModified.headers.get("content-security-policy")).toBeNull();
    // Every inline script carries this response's nonce, and the next response has another.
    const keptNonce = nonce(policy);
    expect(keptNonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>/g)].map(([tag]) => tag);
    // The page's own data is a few scripts since its text left the payload (decision 018); the book's are hundreds.
    expect(inline.length).toBeGreaterThan(3);
    expect(inline.filter((tag) => !tag.includes(` nonce="${keptNonce}"`))).toEqual([]);
    expect(nonce(expectSecurityHeaders(await fetch(READER), "kept copy again"))).not.toBe(keptNonce);
    // One hash per script made the header grow with the page (a book's passed what clients accept).
    expect(policy.length).toBeLessThan(600);
    expect(policy).not.toContain("'sha256-");
  });

  for (const [what, url] of [
    ["the kept copy", READER],
    ["a page rendered per request", `${READER}?claim=none`],
  ] as const) {
    it(`lets ${what} run its own scripts and stops injected ones`, async () => {
      const page: Page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const refused: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error" && /Content Security Policy/i.test(message.text())) refused.push(message.text());
      });
      try {
        const response = await page.goto(url);
        expect(response?.status()).toBe(200);
        // The citation dialog is a chunk loaded after hydration: it is there only if the page's scripts ran.
        await page.waitForSelector("html[data-cite-ready]", { timeout: 15_000 });
        expect(refused).toEqual([]);

        const violations = await page.evaluate(async () => {
          const seen: string[] = [];
          document.addEventListener("securitypolicyviolation", (event) => seen.push(event.violatedDirective));
          const win = window as unknown as { injectedScript?: boolean; injectedHandler?: boolean };
          const script = document.createElement("script");
          script.textContent = "window.injectedScript = true;";
          document.body.append(script);
          const holder = document.createElement("div");
          holder.innerHTML = '<img src="/no-such-image.png" onerror="window.injectedHandler = true">';
          document.body.append(holder);
          await new Promise((resolve) => setTimeout(resolve, 500));
          return { seen, script: win.injectedScript === true, handler: win.injectedHandler === true };
        });
        expect(violations.script).toBe(false);
        expect(violations.handler).toBe(false);
        expect(violations.seen.filter((d) => d.startsWith("script-src")).length).toBeGreaterThanOrEqual(2);

        // Loaded again, the kept copy is revalidated (304) and must still run.
        refused.length = 0; // the refusals just provoked
        await page.goto(url);
        await page.waitForSelector("html[data-cite-ready]", { timeout: 15_000 });
        expect(refused).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }
});

import http from "node:http";
import zlib from "node:zlib";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { EDITION_SLUG } from "../support/edition";
import { launchBrowser } from "./browser";

// The seed reader's weight (docs/performance.md): its HTML within 250 KB, 60 KB gzipped, served
// with brotli to a browser that takes it, and readable with JavaScript off, links and all
// (docs/decisions/018-text-out-of-the-payload.md).

const baseUrl = inject("baseUrl");
const READER = `${baseUrl}/documents/${EDITION_SLUG}`;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** The reader's body as sent for `encoding` (not decoded), with its Content-Encoding. */
function served(encoding: string): Promise<{ body: Buffer; coding: string | undefined }> {
  return new Promise((resolve, reject) => {
    http
      .get(READER, { headers: { "accept-encoding": encoding } }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ body: Buffer.concat(chunks), coding: response.headers["content-encoding"] }));
      })
      .on("error", reject);
  });
}

/** A page's HTML without the nonce each response writes into it. */
const withoutNonces = (html: string) => html.replace(/ nonce="[^"]*"/g, "");

describe("the seed reader's weight", () => {
  it("is at most 250 KB of HTML, and at most 60 KB gzipped", async () => {
    const plain = await served("identity");
    expect(plain.coding).toBeUndefined();
    expect(plain.body.toString()).toContain('id="text-body"');
    expect(plain.body.byteLength).toBeLessThanOrEqual(250 * 1024);
    const gzipped = await served("gzip");
    expect(gzipped.coding).toBe("gzip");
    expect(gzipped.body.byteLength).toBeLessThanOrEqual(60 * 1024);
    expect(withoutNonces(zlib.gunzipSync(gzipped.body).toString())).toBe(withoutNonces(plain.body.toString()));
  });

  it("is served with brotli to a browser that takes it, and decodes to the same page", async () => {
    const plain = (await served("identity")).body.toString();
    // The copy is compressed once, after it is first served.
    let brotli = await served("br, gzip");
    for (let i = 0; i < 50 && brotli.coding !== "br"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      brotli = await served("br, gzip");
    }
    expect(brotli.coding).toBe("br");
    const decoded = zlib.brotliDecompressSync(brotli.body).toString();
    expect(withoutNonces(decoded)).toBe(withoutNonces(plain));
    // Each response has its own nonce, in the policy and on every inline script.
    const nonces = new Set([...decoded.matchAll(/ nonce="([^"]*)"/g)].map((m) => m[1]));
    expect(nonces.size).toBe(1);
    expect(withoutNonces(zlib.brotliDecompressSync((await served("br")).body).toString())).toBe(withoutNonces(plain));
    expect([...nonces][0]).not.toBe(/ nonce="([^"]*)"/.exec(zlib.brotliDecompressSync((await served("br")).body).toString())?.[1]);
    // A browser that does not take brotli is not sent it.
    expect((await served("br;q=0, gzip")).coding).toBe("gzip");
  });

  it("reads with JavaScript off: the text, its contents, permalinks, names linking to their entities and claims", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    expect((await page.goto(READER))?.status()).toBe(200);
    expect(await page.locator("#text .passage").count()).toBeGreaterThan(100);
    expect(await page.locator("#text .passage-text").first().textContent()).toContain("East Turkistan Republic");
    const contents = page.locator("nav.toc a[data-toc-target]");
    expect(await contents.count()).toBeGreaterThan(5);
    const target = await contents.nth(2).getAttribute("data-toc-target");
    expect(await page.locator(`#text [id="${target}"]`).count()).toBe(1);
    const permalink = page.locator("#text a.permalink").first();
    expect(await permalink.getAttribute("href")).toMatch(/^#p-[0-9a-f]+$/);
    const mention = page.locator("#text a.mention").first();
    expect(await mention.getAttribute("href")).toMatch(/^\/entities\/[a-z0-9-]+$/);
    // No control that only the script answers.
    expect(await page.locator("button[data-cite-passage]").count()).toBe(0);

    // A claim's link reloads the page with the claim chosen: its evidence listed and marked.
    const claim = page.locator(".claims-panel a[data-claim]").first();
    const id = await claim.getAttribute("data-claim");
    await claim.click();
    await page.waitForURL(`**/documents/${EDITION_SLUG}?claim=${id}*`);
    const chosen = page.locator(`.claims-panel .claim-item[data-chosen] a[data-claim="${id}"]`);
    expect(await chosen.getAttribute("aria-current")).toBe("true");
    const evidence = page.locator(".claims-panel .claim-item[data-chosen] .evidence-list a[href^='#p-']");
    expect(await evidence.count()).toBeGreaterThan(0);
    const passage = (await evidence.first().getAttribute("href"))!.slice(1);
    expect(await page.locator(`#text [id="${passage}"]`).getAttribute("data-evidence")).toMatch(/supports|contradicts|qualifies|mixed/);

    // A name goes to its entity's page.
    await page.goto(READER);
    const href = (await page.locator("#text a.mention").first().getAttribute("href"))!;
    await page.locator("#text a.mention").first().click();
    await page.waitForURL(`${baseUrl}${href}`);
    expect(await page.locator("h1").count()).toBe(1);
    await context.close();
  });
});

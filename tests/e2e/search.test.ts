import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, openPage, axeViolations } from "./browser";

const baseUrl = inject("baseUrl");
const SLUG = "second-east-turkistan-republic";
const SEARCH = `${baseUrl}/documents/${SLUG}/search`;
const artifacts = path.resolve(__dirname, "../artifacts");

let browser: Browser;
const open = (url: string, options: Parameters<Browser["newPage"]>[0] = {}) => openPage(browser, url, options);

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const focusedResult = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLAnchorElement | null;
    return el?.dataset.searchResult !== undefined ? el.getAttribute("href") : null;
  });

describe("searching a document", () => {
  it("shows results grouped by kind with the matches highlighted", async () => {
    const page = await open(`${SEARCH}?q=Ghulja`);
    expect(await page.title()).toMatch(/Ghulja/);
    const search = page.getByRole("searchbox", { name: "Search this text" });
    expect(await search.inputValue()).toBe("Ghulja");
    expect(await page.getByRole("status").textContent()).toMatch(/\d+ results for “Ghulja”/);
    const headings = await page.getByRole("heading", { level: 2 }).allTextContents();
    expect(headings.map((h) => h.replace(/\s*\(\d+\)$/, ""))).toEqual(["Names", "Claims", "Passages"]);
    const marks = page.locator("a[data-search-result] mark");
    expect(await marks.count()).toBeGreaterThan(5);
    expect(new Set((await marks.allTextContents()).map((t) => t.toLowerCase()))).toEqual(new Set(["ghulja"]));
    expect(await page.locator('a[data-search-result="entity"]').first().getAttribute("href")).toBe("/entities/ghulja");
    expect(await page.locator('a[data-search-result="claim"]').first().getAttribute("href")).toMatch(
      new RegExp(`^/documents/${SLUG}\\?claim=[a-z0-9-]+$`),
    );
    await page.screenshot({ path: path.join(artifacts, "search.png") });
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it("has no WCAG A/AA violations in dark mode either", async () => {
    const page = await open(`${SEARCH}?q=Qasimi`, { colorScheme: "dark" });
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it("moves through the results with the arrow keys and follows one to its passage with Enter", async () => {
    const page = await open(`${SEARCH}?q=Ghulja`);
    const links = await page.locator("a[data-search-result]").evaluateAll((els) => els.map((el) => el.getAttribute("href")));
    expect(links.length).toBeGreaterThan(3);
    await page.getByRole("searchbox", { name: "Search this text" }).focus();
    await page.keyboard.press("ArrowDown");
    expect(await focusedResult(page)).toBe(links[0]);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    expect(await focusedResult(page)).toBe(links[2]);
    await page.keyboard.press("ArrowUp");
    expect(await focusedResult(page)).toBe(links[1]);
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowUp");
    expect(await page.evaluate(() => document.activeElement?.hasAttribute("data-search-input"))).toBe(true);

    // Down to the first passage, then Enter.
    const firstPassage = links.findIndex((href) => href!.includes("#"));
    for (let i = 0; i <= firstPassage; i++) await page.keyboard.press("ArrowDown");
    const target = links[firstPassage]!;
    expect(await focusedResult(page)).toBe(target);
    await Promise.all([page.waitForURL(`${baseUrl}${target}`), page.keyboard.press("Enter")]);
    const passageId = target.split("#")[1];
    await expect.poll(() => page.evaluate(() => document.querySelector(":target")?.id)).toBe(passageId);
    expect(await page.locator(`[id="${passageId}"]`).textContent()).toMatch(/Ghulja/);
    const box = await page.locator(`[id="${passageId}"]`).boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeLessThan(900);
    await page.close();
  });

  it("works with JavaScript off through the GET form, and finds a misspelt name", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${SEARCH}`);
    await page.getByRole("searchbox", { name: "Search this text" }).fill("Qasimy");
    await Promise.all([page.waitForURL(/\?q=Qasimy$/), page.getByRole("button", { name: "Search" }).click()]);
    const first = page.locator('a[data-search-result="entity"]').first();
    expect(await first.getAttribute("href")).toBe("/entities/ahmetjan-qasimi");
    expect(await page.locator("a[data-search-result] mark").first().textContent()).toMatch(/^Qasim/);
    await context.close();
  });

  it("says so when nothing matches, and answers an unknown document with the 404 page", async () => {
    const page = await open(`${SEARCH}?q=zzzzqqqq`);
    expect(await page.getByRole("status").textContent()).toBe("Nothing matches “zzzzqqqq”.");
    const missing = await page.goto(`${baseUrl}/documents/no-such-document/search?q=x`);
    expect(missing?.status()).toBe(404);
    await page.close();
  });
});

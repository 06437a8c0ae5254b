import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, openPage } from "./browser";
import { SECTION_TITLES } from "../support/edition";

const baseUrl = inject("baseUrl");
const SLUG = "second-east-turkistan-republic";
const READER = `${baseUrl}/documents/${SLUG}`;
const artifacts = path.resolve(__dirname, "../artifacts");

let browser: Browser;
const open = (url: string, options: Parameters<Browser["newPage"]>[0] = {}) => openPage(browser, url, options);

beforeAll(async () => {
  browser = await launchBrowser();
  fs.mkdirSync(artifacts, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
});

describe("the library", () => {
  it("lists the edition and leads to the reader", async () => {
    const page = await open(baseUrl);
    await page.getByRole("link", { name: "Second East Turkistan Republic" }).click();
    await page.waitForURL(READER);
    expect(await page.locator("h1").textContent()).toBe("Second East Turkistan Republic");
    await page.close();
  });
});

describe("the reader", () => {
  it("shows the title, the seven section headings and the contents, and saves a screenshot", async () => {
    const page = await open(READER);
    expect(await page.locator("article h2").allTextContents()).toEqual(SECTION_TITLES.map((h) => `§${h}`)); // the ¶ is drawn by the style sheet, out of the text
    expect(await page.locator("article h2 .passage-text").allTextContents()).toEqual(SECTION_TITLES);
    const contents = page.getByRole("navigation", { name: "Contents" });
    expect(await contents.locator("details").getByRole("link").count()).toBe(8);
    expect(await contents.getByRole("link", { name: "Index of names" }).count()).toBe(1);
    expect(await contents.getByRole("link", { name: "5 The Decline of the ETR" }).isVisible()).toBe(true);
    expect(await page.locator("article ol > li").count()).toBe(14);
    expect(await page.locator("article blockquote").count()).toBe(2);
    expect(await page.locator("article figure.caption").count()).toBe(16);
    await page.screenshot({ path: path.join(artifacts, "reader.png") });
    expect(fs.statSync(path.join(artifacts, "reader.png")).size).toBeGreaterThan(10_000);
    await page.close();
  });

  it("lands on a permalink scrolled to and highlighted", async () => {
    const api = await (await fetch(`${baseUrl}/api/documents/${SLUG}`)).json();
    const target = api.passages.find((p: { label: string }) => p.label === "§6 ¶8");
    const page = await open(`${READER}#${target.id}`);
    const passage = page.locator(`[id="${target.id}"]`);
    expect(await passage.evaluate((el) => el.matches(":target"))).toBe(true);
    const box = await passage.boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeLessThan(900);
    const [targetBg, otherBg] = await page.evaluate((id) => {
      const el = document.getElementById(id)!;
      const other = document.querySelector(`p.passage:not([id="${id}"])`)!;
      return [getComputedStyle(el).backgroundColor, getComputedStyle(other).backgroundColor];
    }, target.id);
    expect(targetBg).not.toBe(otherBg);
    expect(targetBg).not.toBe("rgba(0, 0, 0, 0)");
    expect(await passage.locator(".passage-text").textContent()).toBe(api.text.slice(target.start, target.end));
    await page.screenshot({ path: path.join(artifacts, "permalink.png") });
    await page.close();
  });

  it("copies a passage's permalink from its ¶ and confirms it", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseUrl });
    const page = await context.newPage();
    await page.goto(READER);
    const passage = page.locator("p.passage").nth(4);
    const id = await passage.getAttribute("id");
    await passage.hover();
    await passage.locator("a.permalink").click();
    await expect.poll(() => page.locator(".toast").textContent()).toMatch(/^Link to §1 ¶\d+ copied$/);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${READER}#${id}`);
    expect(new URL(page.url()).hash).toBe(`#${id}`);
    expect(await passage.evaluate((el) => el.matches(":target"))).toBe(true);
    await context.close();
  });

  it("reaches the permalinks and contents by keyboard, with a visible focus", async () => {
    const page = await open(READER);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to content");
    let focusedPermalink = false;
    for (let i = 0; i < 40 && !focusedPermalink; i++) {
      await page.keyboard.press("Tab");
      focusedPermalink = await page.evaluate(() => document.activeElement?.classList.contains("permalink") ?? false);
    }
    expect(focusedPermalink).toBe(true);
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).toBe("solid");
    await page.close();
  });

  it("tracks the reading position in the contents", async () => {
    const page = await open(READER);
    const current = () => page.locator('nav[aria-label="Contents"] a[aria-current="location"]').textContent();
    await expect.poll(current).toBe("Opening");
    await page.locator("#soviet-pressure").scrollIntoViewIfNeeded();
    await page.evaluate(() => document.getElementById("soviet-pressure")!.scrollIntoView({ block: "start" }));
    await expect.poll(current).toBe("4Soviet Pressure");
    await page.close();
  });

  it("is readable with JavaScript off", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${READER}#aftermath`);
    expect(await page.locator("article h2").count()).toBe(7);
    expect(await page.locator("article").textContent()).toContain("Iminov would be detained and killed");
    expect(await page.locator("#aftermath").evaluate((el) => el.matches(":target"))).toBe(true);
    await context.close();
  });

  it("fits a phone screen without sideways scrolling, and follows a dark colour scheme", async () => {
    const page = await open(READER, { viewport: { width: 375, height: 740 }, colorScheme: "dark", isMobile: true, hasTouch: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe("rgb(24, 23, 27)");
    // The contents start folded so the text comes first; a tap opens them.
    const contents = page.getByRole("navigation", { name: "Contents" });
    await expect.poll(() => contents.getByRole("link", { name: "Aftermath" }).isVisible()).toBe(false);
    await contents.getByText("Contents").tap();
    expect(await contents.getByRole("link", { name: "Aftermath" }).isVisible()).toBe(true);
    await page.screenshot({ path: path.join(artifacts, "reader-mobile-dark.png") });
    await page.close();
  });

  it("prints the text without the navigation", async () => {
    const page = await open(READER);
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("nav.toc").isVisible()).toBe(false);
    // Each passage keeps its number (its citable label) in the margin; the ¶ and Cite controls go.
    const permalink = page.locator("a.permalink").first();
    expect(await permalink.innerText()).toBe("1");
    expect(await permalink.evaluate((link) => getComputedStyle(link, "::after").content)).toBe("none");
    expect(await page.locator("button[data-cite-passage]").first().isVisible()).toBe(false);
    expect(await page.locator("article h2").first().isVisible()).toBe(true);
    await page.close();
  });

  it("shows a 404 page for an unknown document", async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${baseUrl}/documents/no-such-document`);
    expect(response?.status()).toBe(404);
    expect(await page.locator("h1").textContent()).toBe("Not found");
    await page.close();
  });
});

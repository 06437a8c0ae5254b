import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { focusUntilCardOpens, launchBrowser, openPage } from "./browser";

const baseUrl = inject("baseUrl");
const SLUG = "second-east-turkistan-republic";
const READER = `${baseUrl}/documents/${SLUG}`;
const artifacts = path.resolve(__dirname, "../artifacts");

let browser: Browser;
const open = (url: string, options: Parameters<Browser["newPage"]>[0] = {}) => openPage(browser, url, options);

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const card = (page: Page) => page.getByRole("dialog");

describe("entity mentions in the reader", () => {
  it("underlines mentions by kind and opens the entity card on hover", async () => {
    const page = await open(READER);
    const mention = page.locator('a.mention[href="/entities/sheng-shicai"]').first();
    expect(await mention.textContent()).toBe("Sheng Shicai");
    const decoration = await mention.evaluate((el) => getComputedStyle(el).textDecorationLine);
    expect(decoration).toBe("underline");
    await mention.hover();
    // The cards load at the first interaction, and a card's entity from the API when it opens.
    await expect.poll(() => card(page).isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await card(page).getByRole("heading").textContent()).toBe("Sheng Shicai");
    expect(await card(page).textContent()).toMatch(
      /Person.*Han Chinese warlord.*Also written: Sheng.*\d+ mentions in this text · this is mention 1/,
    );
    expect(await card(page).getByRole("link", { name: "Entity page" }).getAttribute("href")).toBe("/entities/sheng-shicai");
    await page.screenshot({ path: path.join(artifacts, "entity-card.png") });
    await page.mouse.move(5, 5);
    await expect.poll(() => card(page).count()).toBe(0);
    await page.close();
  });

  it("opens the card from the keyboard, steps to the next mention and closes with Escape", async () => {
    const page = await open(READER);
    const mentions = page.locator('a.mention[href="/entities/sheng-shicai"]');
    await focusUntilCardOpens(page, mentions.first());
    expect(await mentions.first().getAttribute("aria-describedby")).toBe("entity-card-description");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("entity-card-name");
    expect(page.url()).toBe(READER);
    await page.getByRole("button", { name: "Next mention of Sheng Shicai" }).click();
    await expect.poll(() => card(page).textContent()).toMatch(/this is mention 2/);
    const second = await mentions.nth(1).boundingBox();
    expect(second!.y).toBeGreaterThan(0);
    expect(second!.y).toBeLessThan(900);
    await page.keyboard.press("Escape");
    await expect.poll(() => card(page).count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("href"))).toBe("/entities/sheng-shicai");
    await page.close();
  });

  it("opens the card with a tap on a touch screen", async () => {
    const page = await open(READER, { viewport: { width: 390, height: 800 }, hasTouch: true, isMobile: true });
    const mention = page.locator('a.mention[href="/entities/ghulja"]').first();
    await mention.scrollIntoViewIfNeeded();
    await mention.tap();
    await expect.poll(() => card(page).isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await card(page).getByRole("heading").textContent()).toBe("Ghulja");
    const box = await card(page).boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await page.close();
  });

  it("hides a kind's highlights with its legend toggle, and remembers the choice", async () => {
    const page = await open(READER);
    const place = page.locator('a.mention[data-kind="place"]').first();
    const person = page.locator('a.mention[data-kind="person"]').first();
    await page.getByRole("checkbox", { name: /Places/ }).uncheck();
    expect(await place.evaluate((el) => getComputedStyle(el).textDecorationLine)).toBe("none");
    expect(await person.evaluate((el) => getComputedStyle(el).textDecorationLine)).toBe("underline");
    await place.hover();
    await page.waitForTimeout(200);
    expect(await card(page).count()).toBe(0);
    await page.reload();
    await expect.poll(() => page.getByRole("checkbox", { name: /Places/ }).isChecked()).toBe(false);
    await page.getByRole("checkbox", { name: /Places/ }).check();
    expect(await place.evaluate((el) => getComputedStyle(el).textDecorationLine)).toBe("underline");
    await page.close();
  });

  it("works as plain links to the entity pages with JavaScript off", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(READER);
    await page.locator('a.mention[href="/entities/stalin"]').first().click();
    await page.waitForURL(`${baseUrl}/entities/stalin`);
    expect(await page.locator("h1").textContent()).toBe("Stalin");
    await context.close();
  });
});

describe("the index of names", () => {
  it("groups entities by kind, sorts by mentions, and filters as you type", async () => {
    const page = await open(`${READER}/entities`);
    const captions = await page.locator("table caption").allTextContents();
    expect(captions.map((c) => c.replace(/\s*\(\d+\)$/, ""))).toEqual([
      "People",
      "Places",
      "Organisations",
      "Groups",
      "Events",
      "Documents and works",
    ]);
    await page.getByRole("link", { name: "mentions" }).click();
    await page.waitForURL(/sort=frequency/);
    const counts = await page.locator('table[data-kind="person"] td.count').allTextContents();
    const numbers = counts.map(Number);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    await page.getByRole("searchbox", { name: "Filter names" }).fill("qasim");
    await expect.poll(() => page.locator("tr[data-entity-row]:visible").count()).toBe(1);
    expect(await page.locator("tr[data-entity-row]:visible th").textContent()).toBe("Ahmetjan Qasimi");
    expect(page.url()).toContain("q=qasim");
    await page.close();
  });

  it("filters on the server with JavaScript off", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${READER}/entities?q=munonow`);
    expect(await page.locator("tr[data-entity-row] th").allTextContents()).toEqual(["Isaqbek Munonov"]);
    await context.close();
  });
});

describe("the entity page", () => {
  it("lists every mention in context with links to the passages, first and last, and companions", async () => {
    const api = await (await fetch(`${baseUrl}/api/entities/ahmetjan-qasimi`)).json();
    const page = await open(`${baseUrl}/entities/ahmetjan-qasimi`);
    expect(await page.locator("h1").textContent()).toBe("Ahmetjan Qasimi");
    const lines = page.locator("ol.kwic li");
    expect(await lines.count()).toBe(api.mentions.length);
    expect(await lines.locator("mark").allTextContents()).toEqual(api.mentions.map((m: { exact: string }) => m.exact));
    expect(await page.getByText(/^Named \d+ times: first in §4 ¶\d+, last in §6 ¶\d+\.$/).count()).toBe(1);
    expect(await page.locator("ol.companions li").count()).toBeGreaterThan(0);
    // The document's spellings of the name, with their counts: the seed spells him three ways.
    expect(await page.locator("p.spellings").first().textContent()).toMatch(
      /^Spelled “?Ahmetjan Qasimi”? \(\d+\), .*Ahmatjan Qasimi.*Ahmetjan Qasim.*\.$/,
    );
    const firstLink = lines.first().getByRole("link");
    const href = await firstLink.getAttribute("href");
    await firstLink.click();
    await page.waitForURL(`${baseUrl}${href}`);
    const target = href!.split("#")[1];
    expect(await page.locator(`[id="${target}"]`).evaluate((el) => el.matches(":target"))).toBe(true);
    await page.close();
  });

  it("answers an unknown entity with the 404 page", async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${baseUrl}/entities/nobody-at-all`);
    expect(response?.status()).toBe(404);
    await page.close();
  });
});

import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, openPage } from "./browser";

const baseUrl = inject("baseUrl");
const SLUG = "second-east-turkistan-republic";
const READER = `${baseUrl}/documents/${SLUG}`;
const artifacts = path.resolve(__dirname, "../artifacts");

interface Evidence {
  stance: "supports" | "contradicts" | "qualifies";
  passageId: string;
  start: number;
  end: number;
  exact: string;
}
interface Claim {
  id: string;
  statement: string;
  evidence: Evidence[];
}

let browser: Browser;
const open = (url: string) => openPage(browser, url, { viewport: { width: 1440, height: 900 } });
let claims: Claim[];

beforeAll(async () => {
  browser = await launchBrowser();
  claims = (await (await fetch(`${baseUrl}/api/documents/${SLUG}/claims`)).json()).claims;
});

afterAll(async () => {
  await browser?.close();
});

/** The text of every range in a CSS highlight, as the page sees it. */
const highlighted = (page: Page, name: string) =>
  page.evaluate((key) => {
    const highlight = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get(key);
    return highlight ? [...highlight].map((range) => range.toString()) : [];
  }, name);

describe("choosing a claim in the reader", () => {
  it("highlights all of its evidence, supporting and contradicting ranges differently, and scrolls to it", async () => {
    const claim = claims.find((c) => c.evidence.some((e) => e.stance === "contradicts") && c.evidence.some((e) => e.stance === "supports"));
    expect(claim, "a claim with both supporting and contradicting evidence").toBeDefined();
    const page = await open(READER);
    await page.locator(`aside a[data-claim="${claim!.id}"]`).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("claim")).toBe(claim!.id);

    const supports = claim!.evidence.filter((e) => e.stance === "supports").map((e) => e.exact);
    const contradicts = claim!.evidence.filter((e) => e.stance === "contradicts").map((e) => e.exact);
    await expect.poll(() => highlighted(page, "gloss-supports")).toEqual(supports);
    expect(await highlighted(page, "gloss-contradicts")).toEqual(contradicts);

    const first = claim!.evidence[0];
    await expect
      .poll(async () => {
        const box = await page.locator(`[id="${first.passageId}"]`).boundingBox();
        return box !== null && box.y >= 0 && box.y < 900;
      })
      .toBe(true);
    const supportPassage = claim!.evidence.find((e) => e.stance === "supports")!.passageId;
    const contradictPassage = claim!.evidence.find((e) => e.stance === "contradicts")!.passageId;
    const shadow = (id: string) => page.locator(`[id="${id}"]`).evaluate((el) => getComputedStyle(el).boxShadow);
    if (supportPassage !== contradictPassage) expect(await shadow(supportPassage)).not.toBe(await shadow(contradictPassage));
    expect(await page.locator(`aside a[data-claim="${claim!.id}"]`).getAttribute("aria-current")).toBe("true");
    expect(await page.getByRole("list", { name: "Evidence" }).getByRole("listitem").count()).toBe(claim!.evidence.length + 1);
    await page.screenshot({ path: path.join(artifacts, "claim-evidence.png") });

    await page.getByRole("list", { name: "Evidence" }).getByRole("button", { name: "Clear" }).click();
    await expect.poll(() => highlighted(page, "gloss-supports")).toEqual([]);
    await page.close();
  });

  it("chooses a claim from a passage's margin marker", async () => {
    const page = await open(READER);
    const marker = page.locator("a.claim-marker").first();
    const id = await marker.getAttribute("data-claim");
    await marker.click();
    await expect.poll(() => new URL(page.url()).searchParams.get("claim")).toBe(id);
    await expect
      .poll(async () => (await highlighted(page, "gloss-supports")).length + (await highlighted(page, "gloss-contradicts")).length)
      .toBeGreaterThan(0);
    await page.close();
  });

  it("marks the evidence passages of ?claim= with JavaScript off", async () => {
    const claim = claims[0];
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${READER}?claim=${claim.id}#${claim.evidence[0].passageId}`);
    const marked = await page.locator(".passage[data-evidence]").evaluateAll((els) => els.map((el) => el.id));
    expect(new Set(marked)).toEqual(new Set(claim.evidence.map((e) => e.passageId)));
    expect(await page.locator(`aside a[data-claim="${claim.id}"]`).getAttribute("aria-current")).toBe("true");
    await context.close();
  });
});

describe("the conflicts view", () => {
  it("shows each conflict's sides next to each other with the words in question marked", async () => {
    const conflicts = (await (await fetch(`${baseUrl}/api/documents/${SLUG}/conflicts`)).json()).conflicts;
    const page = await open(`${READER}/conflicts`);
    expect(await page.locator("section.conflict").count()).toBe(conflicts.length);
    const first = page.locator("section.conflict").first();
    expect(await first.locator("mark").allTextContents()).toEqual(conflicts[0].sides.map((s: { exact: string }) => s.exact));
    const boxes = await first.locator("figure.conflict-side").evaluateAll((els) => els.map((el) => el.getBoundingClientRect().top));
    expect(new Set(boxes.slice(0, 2)).size).toBe(1);
    await page.screenshot({ path: path.join(artifacts, "conflicts.png"), fullPage: false });
    await page.close();
  });
});

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, axeViolations } from "./browser";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe("accessibility", () => {
  for (const colorScheme of ["light", "dark"] as const) {
    it(`has no WCAG A/AA violations in the reader (${colorScheme})`, async () => {
      const page = await browser.newPage({ colorScheme });
      await page.goto(`${baseUrl}/documents/second-east-turkistan-republic`);
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    });
  }

  it("has no WCAG A/AA violations in the library and the 404 page", async () => {
    const page = await browser.newPage();
    await page.goto(baseUrl);
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${baseUrl}/documents/missing`);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});

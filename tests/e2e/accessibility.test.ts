import axe from "axe-core";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./browser";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Runs axe-core's WCAG 2.x A and AA rules on the page and returns the violations, summarised. */
async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axe.source });
  const results = await page.evaluate(() =>
    (window as unknown as { axe: typeof axe }).axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    }),
  );
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}× e.g. ${v.nodes[0]?.target.join(" ")})`);
}

describe("accessibility", () => {
  for (const colorScheme of ["light", "dark"] as const) {
    it(`has no WCAG A/AA violations in the reader (${colorScheme})`, async () => {
      const page = await browser.newPage({ colorScheme });
      await page.goto(`${baseUrl}/documents/second-east-turkistan-republic`);
      expect(await violations(page)).toEqual([]);
      await page.close();
    });
  }

  it("has no WCAG A/AA violations in the library and the 404 page", async () => {
    const page = await browser.newPage();
    await page.goto(baseUrl);
    expect(await violations(page)).toEqual([]);
    await page.goto(`${baseUrl}/documents/missing`);
    expect(await violations(page)).toEqual([]);
    await page.close();
  });
});

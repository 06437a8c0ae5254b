import axe from "axe-core";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "../../scripts/chromium";
import { expect } from "vitest";

export { launchBrowser };

/** Opens `url` in a new page (1280×900 unless `options` say otherwise) and expects a 200. */
export async function openPage(browser: Browser, url: string, options: Parameters<Browser["newPage"]>[0] = {}): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, ...options });
  const response = await page.goto(url);
  expect(response?.status()).toBe(200);
  return page;
}

/**
 * axe-core's WCAG 2.2 A and AA violations on the page (target sizes included), and duplicate
 * landmarks (axe files landmark-unique under best practice: a screen reader's list of landmarks
 * needs them told apart), one line each (empty when there are none).
 */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the browser's debugging protocol: the page's CSP refuses an injected script tag.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axe.source);
  const results = await page.evaluate(() =>
    (window as unknown as { axe: typeof axe }).axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
      rules: { "landmark-unique": { enabled: true } },
    }),
  );
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}× e.g. ${v.nodes[0]?.target.join(" ")})`);
}

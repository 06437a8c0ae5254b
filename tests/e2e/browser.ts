import axe from "axe-core";
import type { Browser, Locator, Page } from "playwright-core";
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
 *
 * The reader lays out a section of its text only when it nears the screen (content-visibility:
 * auto, docs/performance.md); the others keep a placeholder's height, and the passages' margins
 * below one would be measured on top of the next section's. axe measures the page with every
 * section laid out, as each is once the reader reaches it, and the sections are left as they were.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the browser's debugging protocol: the page's CSP refuses an injected script tag.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axe.source);
  const results = await page.evaluate(async () => {
    const sections = [...document.querySelectorAll<HTMLElement>(".text-section")];
    for (const section of sections) section.style.contentVisibility = "visible";
    try {
      return await (window as unknown as { axe: typeof axe }).axe.run(document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
        rules: { "landmark-unique": { enabled: true } },
      });
    } finally {
      for (const section of sections) section.style.contentVisibility = "";
    }
  });
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}× e.g. ${v.nodes[0]?.target.join(" ")})`);
}

/**
 * Focuses `mention` until the reader's script has taken over and the entity card is open: a focus
 * before the page hydrates opens nothing, and on a busy machine hydration can come late.
 */
export async function focusUntilCardOpens(page: Page, mention: Locator): Promise<void> {
  await expect
    .poll(
      async () => {
        await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        await mention.focus();
        return page.getByRole("dialog").isVisible();
      },
      { timeout: 15_000, interval: 250 },
    )
    .toBe(true);
}

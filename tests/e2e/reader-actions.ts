import type { Page } from "playwright-core";
import { expect } from "vitest";

// What the browser tests do in the reader as a reader does it.

/** Selects the first sentence (or the first 60 characters) of the `index`th plain paragraph's first long text node. */
export async function selectInPassage(page: Page, index: number): Promise<string> {
  // After a client navigation (a sign-in, say) the text arrives after the page (decision 018).
  await page.locator("#text p.passage > .passage-text").first().waitFor();
  const exact = await page.evaluate((n) => {
    const texts = [...document.querySelectorAll("#text p.passage > .passage-text")];
    let seen = 0;
    for (const element of texts) {
      const node = [...element.childNodes].find((c): c is Text => c.nodeType === Node.TEXT_NODE && (c as Text).data.trim().length > 40);
      if (!node) continue;
      if (seen++ < n) continue;
      const start = node.data.search(/\S/);
      const stop = node.data.indexOf(". ", start);
      const end = stop > start && stop - start < 200 ? stop + 1 : Math.min(node.data.length, start + 60);
      const range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, end);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      document.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
      return range.toString().trim();
    }
    throw new Error("no passage to select");
  }, index);
  await page.getByRole("toolbar", { name: "Annotate the selected words" }).waitFor();
  return exact;
}

/** Signs `account` up through the form at `base`, and waits until it is signed in on `path` (a reader, say). */
export async function signUpAndOpen(page: Page, base: string, path: string, account: { name?: string; email: string; password: string }) {
  await page.goto(`${base}/sign-up?next=${encodeURIComponent(path)}`);
  if (account.name) await page.getByLabel("Name (optional)").fill(account.name);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(`${base}${path}`);
  await page.getByRole("navigation", { name: "Account" }).getByText(account.email).waitFor();
}

/**
 * Comments publicly on `exact` in document `slug` through the API, from the signed-in `page`: at
 * offset `start` when given, else at its first occurrence in the text. Asserts the 201.
 */
export async function commentThroughApi(page: Page, note: { base: string; slug: string; exact: string; start?: number; value: string }) {
  const status = await page.evaluate(async ({ base, slug, exact, start: given, value }) => {
    const start = given ?? ((await (await fetch(`/api/documents/${slug}`)).json()) as { text: string }).text.indexOf(exact);
    const response = await fetch(`/api/documents/${slug}/annotations/`, {
      method: "POST",
      headers: { "Content-Type": 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"' },
      body: JSON.stringify({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        type: "Annotation",
        motivation: "commenting",
        body: { type: "TextualBody", value, format: "text/plain" },
        target: {
          source: `${base}/documents/${slug}`,
          selector: [
            { type: "TextQuoteSelector", exact },
            { type: "TextPositionSelector", start, end: start + exact.length },
          ],
        },
      }),
    });
    return response.status;
  }, note);
  expect(status).toBe(201);
}

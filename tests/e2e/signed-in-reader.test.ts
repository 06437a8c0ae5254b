import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { EDITION_SLUG } from "../support/edition";
import { focusUntilCardOpens, launchBrowser } from "./browser";
import { selectInPassage, signUpAndOpen } from "./reader-actions";
import { removeAccounts } from "./shared-edition";

// A signed-in reader gets the reader's page kept for everyone (the same bytes but for the nonce,
// and the same ETag); what is theirs loads in their browser: the header's account corner and their
// private identifications, drawn in the text with their cards.

const baseUrl = inject("baseUrl");
const READER_PATH = `/documents/${EDITION_SLUG}`;
const READER = `${baseUrl}${READER_PATH}`;
const run = Date.now().toString(36);
const reader = { email: `signed-in-${run}@example.org`, password: "signed-in-password-1" };
const PRIVATE_NAME = `Private person ${run}`;
const PUBLIC_NAME = `Public thing ${run}`;
const OTHER_PUBLIC_NAME = `Other public thing ${run}`;

let browser: Browser;
let context: BrowserContext;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on("pageerror", (error) => errors.push(error.message));
  await signUpAndOpen(page, baseUrl, READER_PATH, reader);
});

afterAll(async () => {
  await browser?.close();
  await removeAccounts(reader.email);
  const { getDb } = await import("@/lib/db");
  await getDb().entity.deleteMany({ where: { name: { in: [PRIVATE_NAME, PUBLIC_NAME, OTHER_PUBLIC_NAME] } } });
});

const withoutNonces = (html: string) => html.replace(/ nonce="[^"]*"/g, "");

/** Words of plain text (outside any name) in the `index`th paragraph, with their offsets in the document's text. */
function plainWords(target: Page, index: number) {
  return target.evaluate((n) => {
    const texts = [...document.querySelectorAll<HTMLElement>("#text p.passage > .passage-text")];
    let seen = 0;
    for (const element of texts) {
      let offset = Number(element.dataset.start);
      for (const child of element.childNodes) {
        const text = child.textContent ?? "";
        const words = child.nodeType === Node.TEXT_NODE ? /\b[A-Za-z]{4,} [A-Za-z]{4,}\b/.exec(text) : null;
        if (words && seen++ === n) return { start: offset + words.index, end: offset + words.index + words[0].length, exact: words[0] };
        offset += text.length;
      }
    }
    throw new Error("no plain words");
  }, index);
}

describe("a signed-in reader", () => {
  it("gets the reader's kept copy: the same ETag and bytes as anyone, with no email in it", async () => {
    const anonymous = await fetch(READER);
    const signedIn = await context.request.get(READER);
    expect(signedIn.status()).toBe(200);
    expect(signedIn.headers()["etag"]).toMatch(/^W\/".+"$/);
    expect(signedIn.headers()["etag"]).toBe(anonymous.headers.get("etag"));
    const html = await signedIn.text();
    expect(html).not.toContain(reader.email);
    expect(withoutNonces(html)).toBe(withoutNonces(await anonymous.text()));
  });

  it("sees their email in the header and their private identification in the text, with its card; no one else does", async () => {
    const words = await plainWords(page, 6);
    const entityId = await page.evaluate(
      async ({ name, slug, base, words }) => {
        const made = await fetch("/api/entities", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ kind: "person", name, description: "Known to one reader." }),
        });
        const entity = (await made.json()) as { id: string };
        const identified = await fetch(`/api/documents/${slug}/annotations/`, {
          method: "POST",
          headers: { "Content-Type": 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"' },
          body: JSON.stringify({
            "@context": "http://www.w3.org/ns/anno.jsonld",
            type: "Annotation",
            motivation: "identifying",
            visibility: "private",
            body: { type: "SpecificResource", purpose: "identifying", source: `${base}/entities/${entity.id}` },
            target: {
              source: `${base}/documents/${slug}`,
              selector: [
                { type: "TextQuoteSelector", exact: words.exact },
                { type: "TextPositionSelector", start: words.start, end: words.end },
              ],
            },
          }),
        });
        if (made.status !== 201 || identified.status !== 201) throw new Error(`${made.status} ${identified.status}`);
        return entity.id;
      },
      { name: PRIVATE_NAME, slug: EDITION_SLUG, base: baseUrl, words },
    );
    const etag = (await fetch(READER)).headers.get("etag");

    const response = await page.goto(READER);
    expect(response?.headers()["etag"]).toBe(etag);
    await page.getByRole("navigation", { name: "Account" }).getByText(reader.email).waitFor();
    await page.getByRole("navigation", { name: "Account" }).getByRole("button", { name: "Sign out" }).waitFor();
    const mention = page.locator(`#text a.mention[href="/entities/${entityId}"]`);
    await mention.waitFor();
    expect(await mention.textContent()).toBe(words.exact);
    expect(await mention.getAttribute("data-private")).toBe("");
    await focusUntilCardOpens(page, mention);
    const card = page.getByRole("dialog");
    expect(await card.getByRole("heading", { name: PRIVATE_NAME }).count()).toBe(1);
    expect(await card.getByText("Known to one reader.").count()).toBe(1);

    const stranger = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await stranger.goto(READER);
    await stranger.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" }).waitFor();
    expect(await stranger.locator(`a.mention[href="/entities/${entityId}"]`).count()).toBe(0);
    expect(await stranger.content()).not.toContain(PRIVATE_NAME);
    await stranger.close();
  });

  /** Identifies the words of a sentence in the `index`th paragraph as a new entity through the reader's toolbar; expects its name drawn by the server, and the reader's private name still drawn. */
  async function identifyAndSee(index: number, name: string) {
    await page.keyboard.press("Escape");
    const exact = await selectInPassage(page, index);
    await page.getByRole("button", { name: "Identify" }).click();
    await page.getByRole("group", { name: "Identify the selected words" }).getByRole("button", { name: "New entity…" }).click();
    const form = page.getByRole("form", { name: "A new entity" });
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("Kind").selectOption("work");
    await form.getByRole("button", { name: "Create and mark" }).click();
    const others = page.getByRole("form", { name: `Other occurrences of ${name}` });
    const made = page.locator("#text a.mention:not([data-private])", { hasText: exact });
    await Promise.race([others.waitFor(), made.waitFor()]);
    if (await others.isVisible()) await others.getByRole("button", { name: "Mark the chosen ones" }).click();
    await expect.poll(() => made.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.locator("#text a.mention[data-private]").count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator("#text a.mention[data-private]").textContent()).not.toBe("");
    expect(errors).toEqual([]);
  }

  it("identifies words in the page kept for everyone: the server's new name shows, and their private one stays drawn", async () => {
    await identifyAndSee(2, PUBLIC_NAME);
  });

  it("identifies words in a page rendered for the request (a query) too, which the server renders again in place", async () => {
    await page.goto(`${READER}?claim=none`);
    await page.locator("#text a.mention[data-private]").waitFor();
    await identifyAndSee(8, OTHER_PUBLIC_NAME);
  });
});

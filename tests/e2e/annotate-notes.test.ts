import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./browser";

const baseUrl = inject("baseUrl");
const SLUG = "second-east-turkistan-republic";
const READER_PATH = `/documents/${SLUG}`;
const READER = `${baseUrl}${READER_PATH}`;
const NOTE = "A note that must come back after a failed load";
const run = Date.now().toString(36);
const user = { email: `notes-reader-${run}@example.org`, password: "notes-reader-password" };

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  expect((await page.goto(`${baseUrl}/sign-up?next=${encodeURIComponent(READER_PATH)}`))?.status()).toBe(200);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(READER);
  await page.getByRole("navigation", { name: "Account" }).getByText(user.email).waitFor();
});

afterAll(async () => {
  await browser?.close();
});

describe("a failed load of the notes", () => {
  it("tells the reader, and Try again loads them", async () => {
    const failing = await context.newPage();
    // The collection's address ends in a slash (/api/documents/:slug/annotations/).
    const notesRequest = (url: URL) =>
      url.pathname.replace(/\/$/, "") === `/api/documents/${SLUG}/annotations` && url.searchParams.has("motivation");
    await failing.route(notesRequest, (route) =>
      route.fulfill({
        status: 500,
        contentType: "application/json",
        body: JSON.stringify({ error: { code: "internal", message: "Something went wrong." } }),
      }),
    );
    expect((await failing.goto(READER))?.status()).toBe(200);
    const alert = failing.getByRole("alert").filter({ hasText: "notes could not be loaded" });
    await alert.waitFor();
    expect(await failing.locator("[data-note-text]", { hasText: NOTE }).count()).toBe(0);

    await failing.unroute(notesRequest);
    await alert.getByRole("button", { name: "Try again" }).click();
    await failing.locator("[data-note-text]", { hasText: NOTE }).waitFor();
    expect(await alert.count()).toBe(0);
    await failing.close();
  });
});

import type { Browser, BrowserContext, Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./browser";
import { selectInPassage } from "./reader-actions";

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

/** Opens the comment form on the selected words and fills it in, leaving Save to the caller. */
async function fillComment(target: Page, text: string) {
  await target.getByRole("toolbar", { name: "Annotate the selected words" }).getByRole("button", { name: "Comment" }).click();
  const form = target.getByRole("form", { name: "Comment on the selected words" });
  await form.getByLabel("Comment").fill(text);
  await form.getByLabel("Public").check();
  return form.getByRole("button", { name: "Save" });
}

/** A request for a React Server Component payload: what re-rendering the page on the server costs. */
const isRsc = (request: Request) => request.headers()["rsc"] === "1" || new URL(request.url()).searchParams.has("_rsc");

describe("saving a comment", () => {
  it("shows the comment at once, without asking the server to render the reader again", async () => {
    await selectInPassage(page, 3);
    const save = await fillComment(page, NOTE);
    const rsc: string[] = [];
    const listen = (request: Request) => {
      if (isRsc(request)) rsc.push(request.url());
    };
    page.on("request", listen);
    await save.click();
    await page.locator("[data-note-text]", { hasText: NOTE }).waitFor();
    // A refresh starts as the save's answer arrives; give one the time to show.
    await page.waitForTimeout(1500);
    page.off("request", listen);
    expect(rsc).toEqual([]);
  });
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
    // Focus went on from the button that went with the message, to where the reader is.
    await expect
      .poll(() =>
        failing.evaluate(() =>
          document.activeElement?.closest("[data-note], a.permalink") ? "in the text" : document.activeElement?.tagName,
        ),
      )
      .toBe("in the text");
    await failing.close();
  });
});

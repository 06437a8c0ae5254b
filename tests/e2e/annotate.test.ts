import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { axeViolations, launchBrowser } from "./browser";
import { selectInPassage } from "./reader-actions";

const baseUrl = inject("baseUrl");
const SLUG = "second-east-turkistan-republic";
const READER_PATH = `/documents/${SLUG}`;
const READER = `${baseUrl}${READER_PATH}`;
const PUBLIC_NOTE = "A note from the first reader";
const PRIVATE_NOTE = "A private thought of the first reader";
const run = Date.now().toString(36);
const userA = { email: `reader-a-${run}@example.org`, password: "first-reader-password" };
const userB = { email: `reader-b-${run}@example.org`, password: "second-reader-password" };

let browser: Browser;
let contextA: BrowserContext;
let contextB: BrowserContext;
let pageA: Page;
let pageB: Page;
let publicQuote = "";
let publicNoteId = "";

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const newPage = async (context: BrowserContext, url: string) => {
  const page = await context.newPage();
  const response = await page.goto(url);
  expect(response?.status()).toBe(200);
  return page;
};

async function signUp(page: Page, user: { email: string; password: string }) {
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(READER);
  await page.getByRole("navigation", { name: "Account" }).getByText(user.email).waitFor();
}

async function comment(page: Page, text: string, visibility: "Public" | "Private") {
  await page.keyboard.press("Alt+A");
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Comment");
  await page.keyboard.press("Enter");
  const form = page.getByRole("form", { name: "Comment on the selected words" });
  await form.getByLabel("Comment").fill(text);
  await form.getByLabel(visibility).check();
  await form.getByRole("button", { name: "Save" }).click();
  await page.locator("[data-note-text]", { hasText: text }).waitFor();
}

describe("adding comments", () => {
  it("signs up through /sign-up and shows the account in the header", async () => {
    contextA = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    pageA = await newPage(contextA, `${baseUrl}/sign-up?next=${encodeURIComponent(READER_PATH)}`);
    await signUp(pageA, userA);
    expect(await pageA.getByRole("button", { name: "Sign out" }).count()).toBe(1);
  });

  it("refuses a next address on another site", async () => {
    const page = await newPage(contextA, `${baseUrl}/sign-in?next=${encodeURIComponent("//evil.example/x")}`);
    expect(await page.getByRole("link", { name: "Create one" }).getAttribute("href")).toBe(`/sign-up?next=${encodeURIComponent("/")}`);
    await page.close();
  });

  it("comments publicly on a selected sentence, and the note and its highlight survive a reload", async () => {
    publicQuote = await selectInPassage(pageA, 2);
    await comment(pageA, PUBLIC_NOTE, "Public");
    await pageA.reload();
    const note = pageA.locator("[data-note]", { hasText: PUBLIC_NOTE });
    await note.waitFor();
    publicNoteId = (await note.getAttribute("data-note"))!;
    expect(await note.getByRole("button", { name: "Edit" }).count()).toBe(1);
    expect(await note.getByRole("button", { name: "Delete" }).count()).toBe(1);
    const highlighted = await pageA.evaluate(() => {
      const highlight = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get("gloss-comment");
      return [...(highlight ?? [])].map((r) => r.toString());
    });
    expect(highlighted).toContain(publicQuote);
  });

  it("edits and deletes its own note (If-Match from the annotation's ETag)", async () => {
    await selectInPassage(pageA, 5);
    await comment(pageA, "A note to be changed", "Public");
    const note = pageA.locator("[data-note]", { hasText: "A note to be changed" });
    await note.getByRole("button", { name: "Edit" }).click();
    await note.getByRole("textbox", { name: "Comment", exact: true }).fill("A note changed once");
    await note.getByRole("button", { name: "Save" }).click();
    const changed = pageA.locator("[data-note]", { hasText: "A note changed once" });
    await changed.waitFor();
    await pageA.reload();
    await changed.waitFor();
    pageA.once("dialog", (dialog) => void dialog.accept());
    await changed.getByRole("button", { name: "Delete" }).click();
    await changed.waitFor({ state: "detached" });
    await pageA.reload();
    await pageA.locator("[data-note]", { hasText: PUBLIC_NOTE }).waitFor();
    expect(await pageA.locator("[data-note]", { hasText: "A note changed once" }).count()).toBe(0);
  });

  it("makes a private note too, then signs out", async () => {
    await selectInPassage(pageA, 4);
    await comment(pageA, PRIVATE_NOTE, "Private");
    await pageA.reload();
    await pageA.locator("[data-note]", { hasText: PRIVATE_NOTE }).waitFor();
    await pageA.getByRole("button", { name: "Sign out" }).click();
    const signIn = pageA.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" });
    await signIn.waitFor();
    expect(await signIn.getAttribute("href")).toBe(`/sign-in?next=${encodeURIComponent(READER_PATH)}`);
    await pageA.locator("[data-note]", { hasText: PUBLIC_NOTE }).waitFor();
    expect(await pageA.locator("[data-note]", { hasText: PRIVATE_NOTE }).count()).toBe(0);
  });

  it("offers signing in to a signed-out reader who selects words", async () => {
    await selectInPassage(pageA, 3);
    const link = pageA.getByRole("toolbar").getByRole("link", { name: "Sign in to annotate" });
    expect(await link.getAttribute("href")).toBe(`/sign-in?next=${encodeURIComponent(READER_PATH)}`);
    await contextA.close();
  });

  it("shows another reader the public note without Edit or Delete, and the API refuses their PUT", async () => {
    contextB = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    pageB = await newPage(contextB, `${baseUrl}/sign-up?next=${encodeURIComponent(READER_PATH)}`);
    await signUp(pageB, userB);
    const note = pageB.locator("[data-note]", { hasText: PUBLIC_NOTE });
    await note.waitFor();
    expect(await note.getByRole("button").count()).toBe(0);
    const status = await pageB.evaluate(async (id) => {
      const path = new URL(id).pathname;
      const got = await fetch(path);
      const annotation = await got.json();
      const put = await fetch(path, {
        method: "PUT",
        headers: { "Content-Type": "application/ld+json", "If-Match": got.headers.get("etag") ?? "" },
        body: JSON.stringify({ ...annotation, body: { type: "TextualBody", value: "Taken over", format: "text/plain" } }),
      });
      return put.status;
    }, publicNoteId);
    expect(status).toBe(403);
  });

  it("keeps the first reader's private note from the other reader's page and collection", async () => {
    expect(await pageB.content()).not.toContain(PRIVATE_NOTE);
    const collection = await pageB.evaluate(async (slug) => {
      const json = await (await fetch(`/api/documents/${slug}/annotations/`)).json();
      const items: Array<{ body?: { value?: string } | Array<{ value?: string }> }> = [];
      let page = json.first;
      while (page) {
        items.push(...page.items);
        page = page.next ? await (await fetch(new URL(page.next).pathname + new URL(page.next).search)).json() : null;
      }
      return { total: json.total as number, count: items.length, text: JSON.stringify(items) };
    }, SLUG);
    expect(collection.text).toContain(PUBLIC_NOTE);
    expect(collection.text).not.toContain(PRIVATE_NOTE);
    expect(collection.total).toBe(collection.count);
  });

  it("has no axe violations on /sign-in nor on the reader with the toolbar open", async () => {
    const signIn = await newPage(contextB, `${baseUrl}/sign-in`);
    expect(await axeViolations(signIn)).toEqual([]);
    await signIn.close();
    await selectInPassage(pageB, 1);
    expect(await axeViolations(pageB)).toEqual([]);
  });

  it("shows the API's refusal in the comment form", async () => {
    await selectInPassage(pageB, 1);
    await pageB.keyboard.press("Alt+A");
    await pageB.keyboard.press("Enter");
    const form = pageB.getByRole("form", { name: "Comment on the selected words" });
    await form.getByLabel("Comment").fill("Written after the session ended");
    await pageB.evaluate(() =>
      fetch("/api/auth/sign-out", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" }),
    );
    await form.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => form.getByRole("alert").textContent()).toBe("Sign in to add annotations.");
    await contextB.close();
  });
});

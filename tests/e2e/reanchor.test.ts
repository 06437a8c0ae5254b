import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { axeViolations, launchBrowser } from "./browser";
import { commentThroughApi } from "./reader-actions";

// Annotations after the text changes, in the browser: the reader says what changed and lists the
// notes whose words are gone; an editor re-attaches an orphan by selecting words and confirms a
// fuzzy anchor from the queue.

const baseUrl = inject("baseUrl");
const SLUG = "reanchor-e2e";
const READER = `${baseUrl}/documents/${SLUG}`;
const run = Date.now().toString(36);
const writer = { email: `reanchor-writer-${run}@example.org`, password: "writer-password-1" };
const editor = { email: `reanchor-editor-${run}@example.org`, password: "editor-password-1" };
const front = `---\ntitle: "A document that changes"\nlanguage: en\nauthor: unknown\npublisher: unknown\nurl: unknown\npublished: unknown\n---\n\n## First section\n\n`;
const FIRST = `${front}Ahmetjan Qasimi led the delegation to Urumqi in 1946.\n\nGhulja fell in November 1944 after a short siege.\n`;
const SECOND = `${front}Ahmetjan Kasimi led the delegation to Urumqi in 1946.\n\nThe town fell after a short siege.\n`;

let browser: Browser;
let dir: string;

/** Imports the content folder into the test database, as `npm run import` would. */
async function importFolder() {
  process.env.DATABASE_URL = inject("databaseUrl");
  const { getDb } = await import("@/lib/db");
  const { importDocument } = await import("@/lib/documents/import-document");
  return importDocument(getDb(), path.join(dir, `${SLUG}.md`));
}

async function signUp(page: Page, account: { email: string; password: string }, next: string) {
  await page.goto(`${baseUrl}/sign-up?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(`${baseUrl}${next}`);
}

const comment = (page: Page, exact: string, value: string) => commentThroughApi(page, { base: baseUrl, slug: SLUG, exact, value });

beforeAll(async () => {
  browser = await launchBrowser();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "gloss-reanchor-e2e-"));
  fs.writeFileSync(path.join(dir, `${SLUG}.md`), FIRST);
  await importFolder();
});

afterAll(async () => {
  await browser?.close();
  fs.rmSync(dir, { recursive: true, force: true });
  const { disconnectDb } = await import("@/lib/db");
  await disconnectDb();
});

describe("annotations after the text changes", () => {
  it("shows what changed in the reader, and lets an editor re-attach an orphan and confirm a fuzzy anchor", async () => {
    const writerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await writerContext.newPage();
    await signUp(page, writer, `/documents/${SLUG}`);
    await comment(page, "Ahmetjan Qasimi", "Spelled with a Q here.");
    await comment(page, "Ghulja fell in November 1944", "The date is disputed.");

    fs.writeFileSync(path.join(dir, `${SLUG}.md`), SECOND);
    const result = await importFolder();
    expect(result.reanchoring).toMatchObject({ fuzzy: 1, orphaned: 1 });

    // The reader: the fuzzy note says what its words were; the orphan is listed after the text.
    await page.goto(READER);
    const fuzzyNote = page.locator("[data-note]", { hasText: "Spelled with a Q here." });
    await fuzzyNote.waitFor();
    expect(await fuzzyNote.locator('[data-anchoring="fuzzy"]').innerText()).toContain("it was on Ahmetjan Qasimi");
    const lost = page.getByRole("region", { name: "Notes on words no longer in the text" });
    await lost.getByText("The date is disputed.").waitFor();
    // Listed at the end of the text itself, leaving the side panels in their places.
    expect(await page.locator("#text").getByRole("region", { name: "Notes on words no longer in the text" }).count()).toBe(1);
    expect(await lost.locator('[data-anchoring="orphaned"]').innerText()).toContain("no longer in the text");
    expect(await axeViolations(page)).toEqual([]);

    // The editor's queue.
    const editorContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const editorPage = await editorContext.newPage();
    await signUp(editorPage, editor, "/moderation/anchors");
    const client = new pg.Client({ connectionString: inject("databaseUrl") });
    await client.connect();
    await client.query(`UPDATE "user" SET role = 'editor' WHERE email = $1`, [editor.email]);
    await client.end();
    await editorPage.reload();
    const orphanItem = editorPage.locator('[data-anchor-item][data-state="orphaned"]', { hasText: "The date is disputed." });
    const fuzzyItem = editorPage.locator('[data-anchor-item][data-state="fuzzy"]', { hasText: "Spelled with a Q here." });
    await orphanItem.waitFor();
    expect(await orphanItem.locator("blockquote mark").innerText()).toBe("Ghulja fell in November 1944");
    expect(await fuzzyItem.innerText()).toMatch(/Was on Ahmetjan Qasimi, now on Ahmetjan Kasimi/);
    expect(await axeViolations(editorPage)).toEqual([]);

    // Re-attach the orphan by selecting words in the reader.
    await orphanItem.getByRole("link", { name: /Re-attach it by selecting words/ }).click();
    await editorPage.getByRole("region", { name: "Re-attaching an annotation" }).getByText("Ghulja fell in November 1944").waitFor();
    await editorPage.evaluate(() => {
      const element = [...document.querySelectorAll("#text .passage-text")].find((e) => e.textContent?.includes("The town fell"))!;
      const node = document.createTreeWalker(element, NodeFilter.SHOW_TEXT).nextNode() as Text;
      const at = node.data.indexOf("The town fell");
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + "The town fell".length);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
      document.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
    });
    await editorPage.getByRole("button", { name: "Attach here" }).click();
    await editorPage.getByRole("status").getByText("Attached to the selected words.").waitFor();
    expect(editorPage.url()).not.toContain("reattach=");
    await editorPage.getByRole("region", { name: "Notes on words no longer in the text" }).waitFor({ state: "detached" });
    await editorPage.locator("[data-note]", { hasText: "The date is disputed." }).waitFor();
    // Focus goes to the note just re-attached, not to the page's body.
    await expect
      .poll(() => editorPage.evaluate(() => document.activeElement?.closest("[data-note]")?.textContent ?? ""))
      .toContain("The date is disputed.");

    // Confirm the fuzzy anchor from the queue (a plain form: works without JavaScript too).
    await editorPage.goto(`${baseUrl}/moderation/anchors`);
    await fuzzyItem.getByRole("button", { name: "Confirm" }).click();
    await editorPage.getByRole("status").getByText("The fuzzy anchor is confirmed.").waitFor();
    expect(await editorPage.locator("[data-anchor-item]", { hasText: "Spelled with a Q here." }).count()).toBe(0);
    expect(await editorPage.locator("[data-anchor-item]", { hasText: "The date is disputed." }).count()).toBe(0);

    // The writer's reader now shows both notes on their words.
    await page.reload();
    await page.locator("[data-note]", { hasText: "The date is disputed." }).waitFor();
    expect(await page.getByRole("region", { name: "Notes on words no longer in the text" }).count()).toBe(0);
    await editorContext.close();
    await writerContext.close();
  });
});

import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { axeViolations, launchBrowser } from "./browser";
import { signUpAndOpen } from "./reader-actions";

// Importing in the browser, as a reader does it: pasted text, a chosen file and a dropped one on
// /documents/new, the job's stage and progress while it runs, the link to the document and its
// details corrected when it is done, a failed import's reason; the library listing the document
// as its owner's and private, and for no one else; an editor publishing; a new version uploaded
// on the versions page. Everything made here is its accounts', removed with them afterwards.

const baseUrl = inject("baseUrl");
const databaseUrl = inject("databaseUrl");
const run = Date.now().toString(36);
const artifacts = path.resolve(__dirname, "../artifacts");
const owner = { name: "Uploading Historian", email: `upload-owner-${run}@example.org`, password: "upload-password-1" };
const other = { email: `upload-other-${run}@example.org`, password: "upload-password-2" };
const editor = { email: `upload-editor-${run}@example.org`, password: "upload-password-3" };

/** A letter of a few paragraphs, its words marked with the run so that no other test's text matches. */
const letter = (mark: string) =>
  [
    `The consul at Ghulja wrote on 12 November 1944 that the town had fallen (${mark}).`,
    "He added that the roads to Tihwa were closed for the winter, and that the garrison had withdrawn to the barracks.",
    "A third paragraph says what the delegation carried back to Urumqi in the spring.",
  ].join("\n\n");

let browser: Browser;
let ownerPage: Page;
/** The first document the owner imported: its slug and (corrected) title. */
let imported = { slug: "", title: "" };

async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** A new browser context's page at `width` (a phone's 390 px, or a desk's). */
async function newPage(width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  return context.newPage();
}

/**
 * Records, from now on, every stage the page says and every value its progress bar takes (the
 * job may pass a stage between two looks of the test; the page's own mutations miss none).
 */
async function recordProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: { stages: string[]; values: number[] } = { stages: [], values: [] };
    (window as unknown as { seen: typeof seen }).seen = seen;
    const look = () => {
      const stage = document.querySelector("[data-stage]")?.textContent ?? null;
      if (stage && seen.stages.at(-1) !== stage) seen.stages.push(stage);
      const bar = document.querySelector("progress");
      if (bar && bar.hasAttribute("value") && seen.values.at(-1) !== bar.value) seen.values.push(bar.value);
    };
    new MutationObserver(look).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

const progressSeen = (page: Page) => page.evaluate(() => (window as unknown as { seen: { stages: string[]; values: number[] } }).seen);

/** Presses Tab until the focused element matches `selector` (at most 40 times): reachable by keyboard. */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** The id, or else the text, of the focused element. */
const focused = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? "");

/** Waits until the import on `page` is done, and returns the document's slug from the link to it. */
async function waitUntilDone(page: Page): Promise<string> {
  await page.getByRole("heading", { name: "Imported" }).waitFor({ timeout: 30_000 });
  const link = page.getByRole("link", { name: /^Open “/ });
  await link.waitFor();
  const href = (await link.getAttribute("href")) ?? "";
  expect(href).toMatch(/^\/documents\/[a-z0-9-]+$/);
  return href.slice("/documents/".length);
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(artifacts, name), fullPage: true });

beforeAll(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  browser = await launchBrowser();
  ownerPage = await newPage();
  await signUpAndOpen(ownerPage, baseUrl, "/", owner);
});

afterAll(async () => {
  await browser?.close();
  // A reader's documents go with their account (ownerId cascades).
  await sql(`DELETE FROM "user" WHERE email = ANY($1)`, [[owner.email, other.email, editor.email]]);
});

describe("the upload page", () => {
  it("asks a signed-out reader to sign in, with a link back to it", async () => {
    const page = await newPage();
    const response = await page.goto(`${baseUrl}/documents/new`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("link", { name: "Sign in", exact: true }).last().getAttribute("href")).resolves.toBe(
      `/sign-in?next=${encodeURIComponent("/documents/new")}`,
    );
    expect(await page.locator("form[aria-label='Import a document']").count()).toBe(0);
    await page.context().close();
  });

  it("imports pasted text from the keyboard alone, shows the stage and progress, then links to the document and corrects its title", async () => {
    const page = ownerPage;
    await page.goto(`${baseUrl}/`);
    await page.getByRole("link", { name: "Import a document" }).click();
    await page.waitForURL(`${baseUrl}/documents/new`);
    await page.getByRole("heading", { level: 1, name: "Import a document" }).waitFor();

    // The drop zone shows the focus of its file input.
    await page.locator("body").click({ position: { x: 1, y: 1 } });
    await tabTo(page, "input[type=file]");
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!.parentElement!).outlineStyle);
    expect(outline).toBe("solid");

    await tabTo(page, "textarea[name=text]");
    await page.keyboard.insertText(letter(run));
    await tabTo(page, "textarea[name=authors]");
    await page.keyboard.insertText("A. Consul\nB. Clerk");
    await recordProgress(page);
    await tabTo(page, "button[type=submit]");
    await page.keyboard.press("Enter");

    const slug = await waitUntilDone(page);
    // Focus went with the work: the outcome's heading has it.
    expect(await focused(page)).toBe("Imported");
    const seen = await progressSeen(page);
    // Its stage in words moved on from sending the form to the job's own stages; the bar only grew.
    expect(seen.stages[0]).toBe("Sending");
    expect(seen.stages).toContain("Waiting to start");
    expect(seen.values).toEqual([...seen.values].sort((a, b) => a - b));
    expect(await axeViolations(page)).toEqual([]);

    // The details, read from the document: the authors given, the title from its opening words.
    const details = page.getByRole("form", { name: "Check its details" });
    const title = details.getByLabel("Title");
    await expect.poll(() => title.inputValue()).toMatch(/^The consul at Ghulja/);
    expect(await details.getByLabel("Authors").inputValue()).toBe("A. Consul\nB. Clerk");
    const corrected = `The consul's letter ${run}`;
    await title.fill(corrected);
    await details.getByRole("button", { name: "Save the details" }).click();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    const open = page.getByRole("link", { name: `Open “${corrected}”` });
    await open.waitFor();
    imported = { slug, title: corrected };

    await open.click();
    await page.waitForURL(`${baseUrl}/documents/${slug}`);
    await page.getByRole("heading", { level: 1, name: corrected }).waitFor();
    const passages = await page.locator("#text p.passage .passage-text").allTextContents();
    expect(passages.join("\n")).toContain(`the town had fallen (${run})`);
    expect(passages.join("\n")).toContain("A third paragraph says what the delegation carried back to Urumqi in the spring.");
  });

  it("imports a file chosen with the file input, and one dropped on the drop zone", async () => {
    const page = ownerPage;
    await page.goto(`${baseUrl}/documents/new`);
    await page.locator("input[type=file]").setInputFiles({
      name: `chosen-${run}.txt`,
      mimeType: "text/plain",
      buffer: Buffer.from(letter(`chosen ${run}`)),
    });
    await page.getByText(`Chosen: chosen-${run}.txt`).waitFor();
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await page
      .getByRole("heading", { name: `Importing: chosen-${run}.txt` })
      .or(page.getByRole("heading", { name: "Imported" }))
      .waitFor();
    const chosen = await waitUntilDone(page);
    await page.getByRole("link", { name: /^Open “/ }).click();
    await page.waitForURL(`${baseUrl}/documents/${chosen}`);
    expect((await page.locator("#text p.passage .passage-text").allTextContents()).join("\n")).toContain(
      `the town had fallen (chosen ${run})`,
    );

    await page.goto(`${baseUrl}/documents/new`);
    await page.evaluate(
      ({ name, text }) => {
        const zone = document.querySelector("input[type=file]")!.parentElement!;
        const data = new DataTransfer();
        data.items.add(new File([text], name, { type: "text/markdown" }));
        for (const type of ["dragenter", "dragover", "drop"]) {
          zone.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }));
        }
      },
      { name: `dropped-${run}.md`, text: `# Dropped notes ${run}\n\n${letter(`dropped ${run}`)}\n` },
    );
    await page.getByText(`Chosen: dropped-${run}.md`).waitFor();
    await page.getByRole("button", { name: "Import", exact: true }).click();
    const dropped = await waitUntilDone(page);
    expect(dropped).not.toBe(chosen);
    await page.getByRole("link", { name: /^Open “/ }).click();
    await page.waitForURL(`${baseUrl}/documents/${dropped}`);
    expect((await page.locator("#text p.passage .passage-text").allTextContents()).join("\n")).toContain(
      `the town had fallen (dropped ${run})`,
    );
  });

  it("says in words why an import failed or was refused, with focus on it, and gives the form back", async () => {
    const page = ownerPage;
    await page.goto(`${baseUrl}/documents/new`);
    const error = page.getByRole("alert").filter({ hasText: /\S/ });

    // The job fails: a text file of blank lines holds no text.
    await page.locator("input[type=file]").setInputFiles({ name: "x.txt", mimeType: "text/plain", buffer: Buffer.from("\n\n  \n\n\n") });
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await error.waitFor({ timeout: 30_000 });
    // The job's own reason, after what happened.
    expect(await error.textContent()).toMatch(/^The import failed: .*no (words|text)/);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("alert");
    expect(await page.getByRole("button", { name: "Import", exact: true }).isVisible()).toBe(true);
    expect(await page.getByText("Chosen: x.txt").isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    // Refused by the server before any work: a format Gloss does not read (415)...
    await page.locator("input[type=file]").setInputFiles({
      name: "picture.bin",
      mimeType: "application/octet-stream",
      buffer: Buffer.from([0, 1, 2, 3, 255, 254, 0, 0, 7]),
    });
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await error.filter({ hasText: "Gloss cannot read this file. It reads Markdown" }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("alert");

    // ... a malformed form (400), its problem named...
    await page.getByRole("button", { name: "Remove the file" }).click();
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe("file");
    await page.getByLabel("Or paste the text").fill(letter(`refused ${run}`));
    await page.getByLabel("Date").fill("yesterday");
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await error.filter({ hasText: "The import form is not valid. date: a date as YYYY" }).waitFor();

    // ... and, checked before sending, a file and text at once.
    await page.getByLabel("Date").fill("");
    await page.locator("input[type=file]").setInputFiles({ name: "also.txt", mimeType: "text/plain", buffer: Buffer.from("Also.") });
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await error.filter({ hasText: "Choose a file or paste text, not both" }).waitFor();
  });

  it("is laid out for a phone and a desk, light and dark: empty, at work, done and failed (screenshots)", async () => {
    /** No WCAG 2.2 A/AA violation and nothing wider than the screen, in either scheme; a screenshot of each. */
    const check = async (page: Page, state: string, width: number) => {
      for (const scheme of ["light", "dark"] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        expect(await axeViolations(page), `${state}, ${width} px, ${scheme}`).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        await shot(page, `upload-${state}-${width}-${scheme}.png`);
      }
      await page.emulateMedia({ colorScheme: "light" });
    };
    for (const width of [390, 1440]) {
      const page = await newPage(width);
      await page.context().addCookies(await ownerPage.context().cookies());
      await page.goto(`${baseUrl}/documents/new`);
      await check(page, "empty", width);
      // A longer text, so that the job is seen at work.
      await page.getByLabel("Or paste the text").fill(Array.from({ length: 400 }, (_, i) => letter(`${width} ${i} ${run}`)).join("\n\n"));
      await page.getByRole("button", { name: "Import", exact: true }).click();
      await page.waitForFunction(() => {
        const stage = document.querySelector("[data-stage]")?.textContent;
        return (stage && stage !== "Sending") || document.querySelector("a[href^='/documents/']:not([href='/documents/new'])");
      });
      await shot(page, `upload-working-${width}.png`);
      await waitUntilDone(page);
      await page.getByRole("button", { name: "Save the details" }).waitFor();
      await check(page, "done", width);
      await page.getByRole("button", { name: "Import another document" }).click();
      await page.locator("input[type=file]").setInputFiles({ name: "x.txt", mimeType: "text/plain", buffer: Buffer.from("\n\n\n") });
      await page.getByRole("button", { name: "Import", exact: true }).click();
      await page.getByRole("alert").filter({ hasText: "The import failed" }).waitFor({ timeout: 30_000 });
      await check(page, "failed", width);
      await page.context().close();
    }
  });
});

describe("the library", () => {
  it("lists the document as its owner's and private, and not for another account", async () => {
    const page = ownerPage;
    await page.goto(`${baseUrl}/`);
    const mine = page.locator("section[aria-labelledby=own-documents]");
    const item = mine.locator(`li[data-document="${imported.slug}"]`);
    await item.getByRole("link", { name: imported.title }).waitFor();
    expect(await item.locator(".document-meta").textContent()).toBe("A. Consul and B. Clerk · date unknown · Plain text · 3 passages");
    expect(await item.getByText("Private", { exact: true }).isVisible()).toBe(true);
    // Not an editor: nothing to publish.
    expect(await item.getByRole("button", { name: /^Publish/ }).count()).toBe(0);
    await shot(page, "library-owner-1280.png");

    const stranger = await newPage();
    await signUpAndOpen(stranger, baseUrl, "/", other);
    await stranger.getByRole("heading", { name: "Your documents" }).waitFor();
    expect(await stranger.getByText("None yet.", { exact: false }).isVisible()).toBe(true);
    expect(await stranger.locator(`[data-document="${imported.slug}"]`).count()).toBe(0);
    expect(await stranger.getByText(imported.title).count()).toBe(0);
    await stranger.context().close();

    const signedOut = await newPage();
    await signedOut.goto(`${baseUrl}/`);
    expect(await signedOut.getByText(imported.title).count()).toBe(0);
    await signedOut.context().close();
  });

  it("lets an editor publish a private document of their own, which everyone then sees", async () => {
    const page = await newPage();
    await signUpAndOpen(page, baseUrl, "/", editor);
    await sql(`UPDATE "user" SET role = 'editor' WHERE email = $1`, [editor.email]);
    await page.goto(`${baseUrl}/documents/new`);
    await page.getByLabel("Make it public").waitFor();
    await page.getByLabel("Or paste the text").fill(letter(`editor ${run}`));
    await page.getByLabel("Title").fill(`An editor's letter ${run}`);
    await page.getByRole("button", { name: "Import", exact: true }).click();
    const slug = await waitUntilDone(page);

    await page.goto(`${baseUrl}/`);
    const item = page.locator(`section[aria-labelledby=own-documents] li[data-document="${slug}"]`);
    expect(await item.getByText("Private", { exact: true }).isVisible()).toBe(true);
    await item.getByRole("button", { name: `Publish “An editor's letter ${run}”` }).click();
    await item.getByRole("status").filter({ hasText: "Published: everyone can read it now." }).waitFor();
    expect(await focused(page)).toBe("Published: everyone can read it now.");
    expect(await item.getByText("Public", { exact: true }).isVisible()).toBe(true);
    expect(await item.getByRole("button", { name: /^Publish/ }).count()).toBe(0);
    await page.context().close();

    const signedOut = await newPage();
    await signedOut.goto(`${baseUrl}/`);
    await signedOut.locator(`section[aria-labelledby=public-documents] li[data-document="${slug}"]`).waitFor();
    await signedOut.context().close();
  });
});

describe("a new version by upload", () => {
  it("is offered to the owner on the versions page, follows the job, and lists the new version", async () => {
    const page = ownerPage;
    await page.goto(`${baseUrl}/documents/${imported.slug}/versions`);
    const section = page.locator("section[aria-labelledby=upload-heading]");
    await section.getByRole("heading", { name: "Upload a new version" }).waitFor();
    expect(await page.locator("tr[data-version]").count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    await section.getByLabel("Or paste the text").fill(letter(run).replace("closed for the winter", "closed until the spring"));
    await section.getByRole("button", { name: "Upload the new version" }).click();
    await section.getByRole("heading", { name: "The new version is imported" }).waitFor({ timeout: 30_000 });
    expect(await focused(page)).toBe("The new version is imported");
    // The list of versions shows the new one without a reload.
    await page.locator("tr[data-version='2'][data-current]").waitFor();
    expect(await section.getByRole("link", { name: "See the versions" }).getAttribute("href")).toBe(`/documents/${imported.slug}/versions`);
    await section.getByRole("link", { name: "read the current text" }).click();
    await page.waitForURL(`${baseUrl}/documents/${imported.slug}`);
    expect((await page.locator("#text p.passage .passage-text").allTextContents()).join("\n")).toContain("closed until the spring");
  });

  it("is not offered on an edition of content/, nor to a reader who does not own the document", async () => {
    const edition = (await sql<{ slug: string }>(`SELECT slug FROM "Document" WHERE "ownerId" IS NULL LIMIT 1`, []))[0].slug;
    await ownerPage.goto(`${baseUrl}/documents/${edition}/versions`);
    await ownerPage.getByRole("heading", { level: 1 }).waitFor();
    expect(await ownerPage.getByRole("heading", { name: "Upload a new version" }).count()).toBe(0);

    const stranger = await newPage();
    await stranger.goto(`${baseUrl}/sign-in`);
    await stranger.getByLabel("Email").fill(other.email);
    await stranger.getByLabel("Password").fill(other.password);
    await stranger.getByRole("button", { name: "Sign in" }).click();
    await stranger.waitForURL(`${baseUrl}/`);
    await stranger.goto(`${baseUrl}/documents/${imported.slug}/versions`);
    expect(await stranger.getByRole("heading", { name: "Upload a new version" }).count()).toBe(0);
    expect(await stranger.locator("input[type=file]").count()).toBe(0);
    await stranger.context().close();
  });
});

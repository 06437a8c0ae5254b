import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { axeViolations, launchBrowser } from "./browser";

// A document's history in the browser: an earlier version's page with its annotations where they
// were, the banner, and the list of versions with the re-anchoring report. The document is made
// for this test (imported into the test database, changed, imported again) and removed after it.

const baseUrl = inject("baseUrl");
process.env.DATABASE_URL = inject("databaseUrl");
const run = Date.now().toString(36);
const SLUG = `history-${run}`;
const READER = `${baseUrl}/documents/${SLUG}`;
const VERSIONS = `${READER}/versions`;
const artifacts = path.resolve(__dirname, "../artifacts");
const PLACE = `ghulja-${run}`;
const PUBLIC_NOTE = "The name as this edition first spelled it";
const PRIVATE_NOTE = "Only the writer sees this";
const writer = { email: `historian-${run}@example.org`, password: "historian-password-1" };

const edition = (paragraphs: string[]) =>
  `---\ntitle: "A changing text"\nlanguage: en\nauthor: unknown\npublisher: unknown\nurl: unknown\npublished: unknown\n---\n\n## First section\n\n${paragraphs.join("\n\n")}\n`;
const FIRST = edition([
  "Ahmetjan Qasimi led the delegation to Urumqi in 1946.",
  "The Ili valley was the base of the rebellion. Ghulja fell in November 1944.",
  "Sheng Shicai ruled the province until 1944.",
]);
const SECOND = edition([
  "Ahmetjan Kasimi led the delegation to Urumqi in 1946.",
  "The Ili valley was the base of the rebellion.",
  "Sheng Shicai ruled the province until 1944.",
]);
const ENTITIES = `entities:\n  - id: ${PLACE}\n    kind: place\n    name: Ghulja\n    aliases: []\n    description: A town.\n    mentions:\n      - "{Ghulja} fell"\n`;

let browser: Browser;
let writerContext: BrowserContext;
let writerPage: Page;
let dir: string;
let noteId = "";
let privateId = "";

// The lib modules read DATABASE_URL when first used: import them once it points at the test database.
const lib = async () => ({
  ...(await import("@/lib/db")),
  ...(await import("@/lib/documents/import-document")),
});

/** POSTs a commenting annotation on the first `exact` of `text` from the signed-in page; its id. */
async function annotate(page: Page, text: string, exact: string, value: string, visibility: "public" | "private") {
  const start = text.indexOf(exact);
  expect(start).toBeGreaterThanOrEqual(0);
  const created = await page.evaluate(
    async ({ slug, body }) => {
      const response = await fetch(`/api/documents/${slug}/annotations/`, {
        method: "POST",
        headers: { "content-type": 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"' },
        body: JSON.stringify(body),
      });
      return { status: response.status, id: ((await response.json()) as { id?: string }).id ?? "" };
    },
    {
      slug: SLUG,
      body: {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        type: "Annotation",
        motivation: "commenting",
        visibility,
        body: { type: "TextualBody", value, format: "text/plain" },
        target: {
          source: READER,
          selector: [
            { type: "TextQuoteSelector", exact },
            { type: "TextPositionSelector", start, end: start + exact.length },
          ],
        },
      },
    },
  );
  expect(created.status).toBe(201);
  return decodeURIComponent(new URL(created.id).pathname.split("/").pop()!);
}

beforeAll(async () => {
  const { getDb, importDocument } = await lib();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "gloss-history-"));
  fs.mkdirSync(artifacts, { recursive: true });
  const file = path.join(dir, `${SLUG}.md`);
  fs.writeFileSync(file, FIRST);
  fs.writeFileSync(path.join(dir, `${SLUG}.entities.yaml`), ENTITIES);
  await importDocument(getDb(), file);
  const text = (await getDb().documentVersion.findFirstOrThrow({ where: { document: { slug: SLUG } } })).text;

  browser = await launchBrowser();
  writerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  writerPage = await writerContext.newPage();
  await writerPage.goto(`${baseUrl}/sign-up?next=${encodeURIComponent(`/documents/${SLUG}`)}`);
  await writerPage.getByLabel("Email").fill(writer.email);
  await writerPage.getByLabel("Password").fill(writer.password);
  await writerPage.getByRole("button", { name: "Create account" }).click();
  await writerPage.waitForURL(READER);
  noteId = await annotate(writerPage, text, "Ahmetjan Qasimi", PUBLIC_NOTE, "public");
  privateId = await annotate(writerPage, text, "delegation to Urumqi", PRIVATE_NOTE, "private");

  // The text changes: the name is respelled, a sentence goes.
  fs.writeFileSync(file, SECOND);
  const result = await importDocument(getDb(), file);
  expect(result.reanchoring).toMatchObject({ fuzzy: 1, orphaned: 1 });
});

afterAll(async () => {
  await browser?.close();
  const { getDb, disconnectDb } = await lib();
  await getDb().document.deleteMany({ where: { slug: SLUG } });
  await getDb().entity.deleteMany({ where: { id: PLACE } });
  await disconnectDb();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("an earlier version's page", () => {
  it("shows version 1's words with the note highlighted on them, the banner, and the names as they were", async () => {
    const response = await writerPage.goto(`${READER}/v/1`);
    expect(response?.status()).toBe(200);
    const banner = writerPage.locator("[data-version-banner]");
    expect(await banner.textContent()).toMatch(/^You are reading version 1 of 2, imported \d{1,2} \w+ \d{4}\. The current text differs\./);
    expect(await banner.getByRole("link", { name: "Read the current version" }).getAttribute("href")).toBe(`/documents/${SLUG}`);
    expect(await writerPage.locator("h1").textContent()).toBe("A changing text");

    // The old wording, with the note on it, and its text under the passage.
    const mark = writerPage.locator(`#text mark[data-annotations~="${noteId}"]`);
    expect(await mark.textContent()).toBe("Ahmetjan Qasimi");
    expect(await mark.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe("rgba(0, 0, 0, 0)");
    const note = writerPage.locator(`[data-note-id="${noteId}"]`);
    expect(await note.textContent()).toContain(PUBLIC_NOTE);
    expect(await note.textContent()).toContain("“Ahmetjan Qasimi”");
    // The writer sees their private note; the sentence removed since still has its name underlined.
    expect(await writerPage.locator(`#text mark[data-annotations~="${privateId}"]`).textContent()).toBe("delegation to Urumqi");
    expect(await writerPage.locator(`#text a.mention[href="/entities/${PLACE}"]`).textContent()).toBe("Ghulja");
    expect(await writerPage.locator("#text .passage-text").allTextContents()).toContain(
      "The Ili valley was the base of the rebellion. Ghulja fell in November 1944.",
    );

    // A passage the current text still has links to itself there; a changed one says so.
    const kept = writerPage.locator('#text p.passage[data-in-current="true"]');
    const keptId = await kept.first().getAttribute("id");
    expect(
      await kept
        .first()
        .getByRole("link", { name: /in the current text$/ })
        .getAttribute("href"),
    ).toBe(`/documents/${SLUG}#${keptId}`);
    expect(await writerPage.locator('#text p.passage[data-in-current="false"]').count()).toBe(2);
    // With JavaScript on, the banner's link follows the passage the page is at.
    await writerPage.goto(`${READER}/v/1#${keptId}`);
    await expect
      .poll(() => banner.getByRole("link", { name: "Read the current version" }).getAttribute("href"))
      .toBe(`/documents/${SLUG}#${keptId}`);

    expect(await axeViolations(writerPage)).toEqual([]);
    await writerPage.screenshot({ path: path.join(artifacts, "version-1.png"), fullPage: true });
  });

  it("reads with JavaScript off, shows others only the public notes, and has no WCAG violations in dark mode", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, colorScheme: "dark", viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const response = await page.goto(`${READER}/v/1`);
    expect(response?.status()).toBe(200);
    expect(await page.locator("[data-version-banner]").textContent()).toContain("You are reading version 1 of 2");
    expect(await page.locator(`#text mark[data-annotations~="${noteId}"]`).textContent()).toBe("Ahmetjan Qasimi");
    expect(await page.locator(`[data-note-id="${privateId}"]`).count()).toBe(0);
    expect(await page.content()).not.toContain(PRIVATE_NOTE);
    // The legend's checkbox hides the notes without JavaScript.
    await page.getByRole("checkbox", { name: /Readers’ notes/ }).uncheck();
    expect(await page.locator(`[data-note-id="${noteId}"]`).isVisible()).toBe(false);
    await context.close();
    // axe needs JavaScript: the same page to a reader signed out, in dark mode.
    const dark = await browser.newPage({ colorScheme: "dark", viewport: { width: 1280, height: 900 } });
    expect((await dark.goto(`${READER}/v/1`))?.status()).toBe(200);
    expect(await dark.locator(`[data-note-id="${privateId}"]`).count()).toBe(0);
    expect(await axeViolations(dark)).toEqual([]);
    await dark.screenshot({ path: path.join(artifacts, "version-1-dark.png") });
    await dark.close();
  });

  it("finds a version by a hash prefix, shows the current one with the re-anchored words, and answers 404 to anything else", async () => {
    const { getDb } = await lib();
    const v1 = await getDb().documentVersion.findFirstOrThrow({ where: { document: { slug: SLUG }, number: 1 } });
    const page = await browser.newPage();
    expect((await page.goto(`${READER}/v/${v1.hash.slice(0, 10)}`))?.status()).toBe(200);
    expect(await page.locator("[data-version-banner]").textContent()).toContain("version 1 of 2");
    expect((await page.goto(`${READER}/v/2`))?.status()).toBe(200);
    expect(await page.locator("[data-version-banner]").textContent()).toMatch(/version 2 of 2, imported .*: the current text/);
    expect(await page.locator(`#text mark[data-annotations~="${noteId}"]`).textContent()).toBe("Ahmetjan Kasimi");
    for (const bad of ["abc", "3", "0", "1.5", "ffffffffff", "%E2%80%8B"]) {
      const answer = await page.goto(`${READER}/v/${bad}`);
      expect(answer?.status(), bad).toBe(404);
      expect(await page.locator("h1").textContent()).toBe("Not found");
    }
    // An address naming a NUL character is refused before any page (400, in words).
    const nul = await page.goto(`${READER}/v/1%00`);
    expect(nul?.status()).toBe(400);
    expect(await page.locator("body").textContent()).toContain("The address is not valid");
    expect((await page.goto(`${baseUrl}/documents/no-such-text/v/1`))?.status()).toBe(404);
    expect((await page.goto(`${baseUrl}/documents/no-such-text/versions`))?.status()).toBe(404);
    await page.close();
  });
});

describe("the edition's own history", () => {
  it("shows its one version, current, with the curated names, evidence and contradictions, without violations", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const edition = `${baseUrl}/documents/second-east-turkistan-republic`;
    expect((await page.goto(`${edition}/v/1`))?.status()).toBe(200);
    expect(await page.locator("[data-version-banner]").textContent()).toMatch(/version 1 of 1, imported .*: the current text/);
    expect(await page.locator("#text a.mention").count()).toBeGreaterThan(100);
    expect(await page.locator("#text mark[data-evidence]").count()).toBeGreaterThan(50);
    expect(await page.locator("#text mark[data-conflict]").count()).toBeGreaterThan(0);
    // Evidence and contradictions start hidden (the text stays readable); their checkboxes show them.
    const evidence = page.locator("#text mark[data-evidence]").first();
    expect(await evidence.evaluate((e) => getComputedStyle(e).backgroundImage)).toBe("none");
    await page.getByLabel(/Evidence for claims/).check();
    expect(await evidence.evaluate((e) => getComputedStyle(e).backgroundImage)).not.toBe("none");
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(artifacts, "edition-version.png") });
    expect((await page.goto(`${edition}/versions`))?.status()).toBe(200);
    expect(await page.locator("tbody tr").count()).toBe(1);
    expect(await page.getByText("No change of text yet").count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});

describe("a link to a passage made on version 1", () => {
  it("lands on where the passage's words are now and says it has changed, with a link to it as it was", async () => {
    const { getDb } = await lib();
    const valley = (number: number) =>
      getDb().passage.findFirstOrThrow({
        where: { version: { document: { slug: SLUG }, number }, text: { startsWith: "The Ili valley" } },
        select: { anchor: true, label: true },
      });
    const [before, now] = [await valley(1), await valley(2)];
    expect(before.anchor).not.toBe(now.anchor);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`${READER}#${before.anchor}`);
      const notice = page.locator("[data-passage-link]");
      await notice.waitFor();
      expect(await notice.getAttribute("data-passage-link")).toBe("changed");
      expect(await notice.textContent()).toContain("has changed since the link was made");
      expect(await notice.getByRole("link").getAttribute("href")).toBe(`/documents/${SLUG}/v/1#${before.anchor}`);
      await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#${now.anchor}`);
      expect(await page.locator(`#${now.anchor}`).evaluate((element) => element.matches(":target"))).toBe(true);
    } finally {
      await page.close();
    }
  });
});

describe("the list of versions", () => {
  it("is linked from the reader and lists the versions and the re-anchoring report, each version linking to its page", async () => {
    await writerPage.goto(READER);
    await writerPage.locator(".document-meta").getByRole("link", { name: "history" }).click();
    await writerPage.waitForURL(VERSIONS);
    expect(await writerPage.locator("h1").textContent()).toBe("Versions of “A changing text”");
    const rows = writerPage.locator("tbody tr");
    expect(await rows.count()).toBe(2);
    expect(await rows.first().textContent()).toMatch(/^Version 2current/);
    expect(await rows.nth(1).locator("td").last().textContent()).toBe("4");

    const change = writerPage.locator('[data-transition="1-2"]');
    const counts = Object.fromEntries(
      await change
        .locator("[data-count]")
        .evaluateAll((els) => els.map((el) => [el.getAttribute("data-count"), el.querySelector("dd")!.textContent])),
    );
    // The writer's private note counts for the writer.
    expect(counts).toEqual({ unchanged: "1", moved: "0", fuzzy: "1", orphaned: "1" });
    const fuzzy = change.locator(`[data-detail="${noteId}"]`);
    expect(await fuzzy.textContent()).toMatch(/Fuzzy\s+was “Ahmetjan Qasimi” → now “Ahmetjan Kasimi”/);
    expect(await change.locator('[data-state="orphaned"]').first().textContent()).toContain("“Ghulja”");
    expect(await axeViolations(writerPage)).toEqual([]);
    await writerPage.screenshot({ path: path.join(artifacts, "versions.png"), fullPage: true });

    await rows.nth(1).getByRole("link", { name: "Version 1" }).click();
    await writerPage.waitForURL(`${READER}/v/1`);
    await writerPage.locator("[data-version-banner]").waitFor();
  });
});

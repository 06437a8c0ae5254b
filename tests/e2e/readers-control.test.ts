import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { EDITION_SLUG } from "../support/edition";
import { axeViolations, launchBrowser } from "./browser";
import { commentThroughApi } from "./reader-actions";
import { removeAccounts } from "./shared-edition";

// What readers control and are told: whose notes the reader shows (all, only theirs, none),
// exporting their own notes, whose claims the claims panel and the timeline list, and the
// conflicts page showing each passage once.

const baseUrl = inject("baseUrl");
const artifacts = path.resolve(__dirname, "../artifacts");
const READER_PATH = `/documents/${EDITION_SLUG}`;
const READER = `${baseUrl}${READER_PATH}`;
const run = Date.now().toString(36);
const other = { name: `Other ${run}`, email: `other-${run}@example.org`, password: "other-password-1" };
const me = { name: `Keeper ${run}`, email: `keeper-${run}@example.org`, password: "keeper-password-1" };
const OTHERS_NOTE = `Another reader's note ${run}`;
const MY_NOTE = `My own note ${run}`;
const MY_CLAIM = `The keeper's dated claim ${run}`;

let browser: Browser;
let mine: BrowserContext;
let page: Page;
let myId = "";
let myClaimId = "";
let passages: Array<{ id: string; kind: string; start: number; end: number }>;
let text = "";

async function signUp(context: BrowserContext, account: { name: string; email: string; password: string }) {
  const signUpPage = await context.newPage();
  await signUpPage.goto(`${baseUrl}/sign-up?next=${encodeURIComponent(READER_PATH)}`);
  await signUpPage.getByLabel("Name (optional)").fill(account.name);
  await signUpPage.getByLabel("Email").fill(account.email);
  await signUpPage.getByLabel("Password").fill(account.password);
  await signUpPage.getByRole("button", { name: "Create account" }).click();
  await signUpPage.waitForURL(READER);
  return signUpPage;
}

/** The first words of the `index`th paragraph: a quote to annotate. */
function quoteIn(index: number) {
  const passage = passages.filter((p) => p.kind === "paragraph")[index];
  const words = text.slice(passage.start, passage.end).slice(0, 40);
  const exact = words.slice(0, words.lastIndexOf(" "));
  return { exact, start: passage.start, end: passage.start + exact.length };
}

/** Posts a comment on the `index`th paragraph from the signed-in `target` page. */
async function comment(target: Page, index: number, value: string) {
  const quote = quoteIn(index);
  await commentThroughApi(target, { base: baseUrl, slug: EDITION_SLUG, exact: quote.exact, start: quote.start, value });
  return quote.exact;
}

const highlighted = (target: Page) =>
  target.evaluate(() => {
    const highlight = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get("gloss-comment");
    return [...(highlight ?? [])].map((r) => r.toString());
  });

const notesControl = (target: Page) => target.getByRole("group", { name: "Readers’ notes" });

beforeAll(async () => {
  browser = await launchBrowser();
  const documentJson = await (await fetch(`${baseUrl}/api/documents/${EDITION_SLUG}`)).json();
  passages = documentJson.passages;
  text = documentJson.text;

  const theirs = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await comment(await signUp(theirs, other), 1, OTHERS_NOTE);
  await theirs.close();

  mine = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await signUp(mine, me);
  await comment(page, 2, MY_NOTE);
  myId = await page.evaluate(async () => (await (await fetch("/api/auth/get-session")).json()).user.id as string);
  const claimQuote = quoteIn(3);
  myClaimId = await page.evaluate(
    async ({ slug, quote, statement }) => {
      const response = await fetch(`/api/documents/${slug}/claims`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          statement,
          kind: "event",
          date: { value: "1946-06" },
          evidence: [{ start: quote.start, end: quote.end, stance: "supports" }],
        }),
      });
      return ((await response.json()) as { id: string }).id;
    },
    { slug: EDITION_SLUG, quote: claimQuote, statement: MY_CLAIM },
  );
  expect(myClaimId).toMatch(/^u--/);
});

afterAll(async () => {
  await browser?.close();
  await removeAccounts(other.email, me.email);
});

describe("whose notes the reader shows", () => {
  it("shows all readers' notes, only one's own or none, from a control in the reader, without loading the page again, and says so", async () => {
    await page.goto(READER);
    await page.locator("[data-note]", { hasText: OTHERS_NOTE }).waitFor();
    await page.locator("[data-note]", { hasText: MY_NOTE }).waitFor();
    const control = notesControl(page);
    expect(await control.getByRole("radio", { name: "All" }).isChecked()).toBe(true);
    const mentions = await page.locator("#text a.mention").count();
    const claims = await page.locator(".claims-panel a[data-claim]").count();
    let loads = 0;
    page.on("request", (request) => {
      if (request.isNavigationRequest()) loads++;
    });

    // From the keyboard: the arrow keys move through the choices.
    await control.getByRole("radio", { name: "All" }).focus();
    await page.keyboard.press("ArrowDown");
    expect(await control.getByRole("radio", { name: "Only mine" }).isChecked()).toBe(true);
    await page.locator("[data-note]", { hasText: OTHERS_NOTE }).waitFor({ state: "detached" });
    expect(await page.locator("[data-note]", { hasText: MY_NOTE }).count()).toBe(1);
    const onlyMine = await highlighted(page);
    expect(onlyMine).not.toContain(quoteIn(1).exact);
    expect(onlyMine).toContain(quoteIn(2).exact);
    await page.getByRole("status").filter({ hasText: "Showing only your notes." }).waitFor();

    await page.keyboard.press("ArrowDown");
    expect(await control.getByRole("radio", { name: "None" }).isChecked()).toBe(true);
    await page.locator("[data-note]").first().waitFor({ state: "detached" });
    expect(await highlighted(page)).toEqual([]);
    await page.getByRole("status").filter({ hasText: "Readers’ notes are hidden." }).waitFor();
    // The edition's names and claims stay.
    expect(await page.locator("#text a.mention").count()).toBe(mentions);
    expect(
      await page
        .locator("#text a.mention")
        .first()
        .evaluate((a) => getComputedStyle(a).textDecorationLine),
    ).toBe("underline");
    expect(await page.locator(".claims-panel a[data-claim]").count()).toBe(claims);
    expect(loads).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
  });

  it("remembers the choice across reloads", async () => {
    await page.reload();
    expect(await notesControl(page).getByRole("radio", { name: "None" }).isChecked()).toBe(true);
    // The notes load after the page: give them time, then none may show.
    await page.waitForLoadState("networkidle");
    expect(await page.locator("[data-note]").count()).toBe(0);

    await notesControl(page).getByRole("radio", { name: "Only mine" }).check();
    await page.reload();
    await page.locator("[data-note]", { hasText: MY_NOTE }).waitFor();
    expect(await notesControl(page).getByRole("radio", { name: "Only mine" }).isChecked()).toBe(true);
    await page.waitForLoadState("networkidle");
    expect(await page.locator("[data-note]", { hasText: OTHERS_NOTE }).count()).toBe(0);

    await notesControl(page).getByRole("radio", { name: "All" }).check();
    await page.locator("[data-note]", { hasText: OTHERS_NOTE }).waitFor();
  });

  it("offers a reader who is not signed in all or none, and no export", async () => {
    const anonymous = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await anonymous.goto(READER);
    const control = notesControl(anonymous);
    await control.waitFor();
    expect(await control.getByRole("radio").evaluateAll((radios) => radios.map((r) => r.closest("label")!.textContent!.trim()))).toEqual([
      "All",
      "None",
    ]);
    expect(await anonymous.getByRole("link", { name: /JSON-LD|CSV/ }).count()).toBe(0);
    await anonymous.close();
  });
});

describe("exporting one's notes", () => {
  it("links to one's own notes as JSON-LD and CSV", async () => {
    await page.goto(READER);
    const jsonLink = page.getByRole("link", { name: "JSON-LD" });
    const csvLink = page.getByRole("link", { name: "CSV" });
    expect(await jsonLink.getAttribute("href")).toBe(`/api/documents/${EDITION_SLUG}/annotations/export?format=jsonld&creator=me`);
    expect(await csvLink.getAttribute("href")).toBe(`/api/documents/${EDITION_SLUG}/annotations/export?format=csv&creator=me`);
    const [download] = await Promise.all([page.waitForEvent("download"), jsonLink.click()]);
    expect(download.suggestedFilename()).toBe(`${EDITION_SLUG}-my-annotations.jsonld`);
    const exported = JSON.parse(await (await mine.request.get(`${baseUrl}${await jsonLink.getAttribute("href")}`)).text());
    const items = exported.first.items as Array<{ creator?: { id: string }; body?: { value?: string } | Array<{ value?: string }> }>;
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(item.creator?.id).toBe(`${baseUrl}/users/${myId}`);
    expect(JSON.stringify(items)).toContain(MY_NOTE);
    expect(JSON.stringify(items)).not.toContain(OTHERS_NOTE);
    const csv = await (await mine.request.get(`${baseUrl}${await csvLink.getAttribute("href")}`)).text();
    expect(csv).toContain(MY_NOTE);
    expect(csv).not.toContain(OTHERS_NOTE);
  });
});

describe("whose claims the claims panel and the timeline list", () => {
  it("marks the edition's claims and a reader's in words, with the reader's name linking to their page", async () => {
    await page.goto(READER);
    const readers = page.locator(".claims-panel .claim-item", { has: page.locator(`a[data-claim="${myClaimId}"]`) });
    expect(await readers.locator(".claim-origin").textContent()).toBe(`added by ${me.name}`);
    expect(await readers.getByRole("link", { name: me.name }).getAttribute("href")).toBe(`/users/${myId}`);
    const edition = page.locator(".claims-panel .claim-item").first();
    expect(await edition.locator(".claim-origin").textContent()).toBe("from the edition");

    const timeline = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await timeline.goto(`${baseUrl}${READER_PATH}/timeline`);
    const row = timeline.locator(`[data-claim-row="${myClaimId}"]`);
    expect(await row.locator(".claim-origin").textContent()).toBe(`added by ${me.name}`);
    expect(await row.getByRole("link", { name: me.name }).getAttribute("href")).toBe(`/users/${myId}`);
    expect(await timeline.locator("[data-claim-row]").first().locator(".claim-origin").textContent()).toBe("from the edition");
    expect(await timeline.locator(`a[data-mark="${myClaimId}"]`).getAttribute("aria-label")).toMatch(new RegExp(`, added by ${me.name}$`));
    expect(await timeline.locator("a[data-mark]").first().getAttribute("aria-label")).toMatch(/, from the edition$/);
    expect(await axeViolations(timeline)).toEqual([]);
    await timeline.close();
  });
});

describe("the conflicts page", () => {
  it("shows a passage once when several sides of a conflict are in it, each side marked and labelled", async () => {
    const conflicts: Array<{ id: string; sides: Array<{ passageId: string; exact: string }> }> = (
      await (await fetch(`${baseUrl}/api/documents/${EDITION_SLUG}/conflicts`)).json()
    ).conflicts;
    const shared = conflicts.find((c) => new Set(c.sides.map((s) => s.passageId)).size < c.sides.length);
    expect(shared, "a conflict with two sides in one passage").toBeDefined();
    const conflictsPage = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await conflictsPage.goto(`${baseUrl}${READER_PATH}/conflicts`);
    for (const conflict of conflicts) {
      const section = conflictsPage.locator(`section[id="${conflict.id}"]`);
      const quoted = await section.locator("blockquote").count();
      expect(quoted).toBe(new Set(conflict.sides.map((s) => s.passageId)).size);
      expect(await section.locator("mark").allTextContents()).toEqual(conflict.sides.map((s) => s.exact));
    }
    const section = conflictsPage.locator(`section[id="${shared!.id}"]`);
    const passageId = shared!.sides.find((s, i) => shared!.sides.findIndex((t) => t.passageId === s.passageId) !== i)!.passageId;
    const quote = section.locator(`figure[data-passage="${passageId}"] blockquote`);
    const labels = await quote.locator("[data-side-label]").allTextContents();
    expect(labels.length).toBeGreaterThanOrEqual(2);
    for (const label of labels) expect(label).toMatch(/^Side [A-Z]$/);
    expect(await axeViolations(conflictsPage)).toEqual([]);
    await conflictsPage.close();
  });
});

describe("how it looks", () => {
  it("has screenshots at 390 and 1440 px, light and dark, and no axe violations there", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      for (const width of [390, 1440]) {
        const shot = await mine.newPage();
        await shot.emulateMedia({ colorScheme });
        await shot.setViewportSize({ width, height: 900 });
        await shot.goto(READER);
        await shot.locator("[data-note]", { hasText: MY_NOTE }).waitFor();
        await notesControl(shot).scrollIntoViewIfNeeded();
        expect(await axeViolations(shot)).toEqual([]);
        await shot.screenshot({ path: path.join(artifacts, `readers-notes-control-${width}-${colorScheme}.png`) });
        await shot.locator(`a[data-claim="${myClaimId}"]`).scrollIntoViewIfNeeded();
        await shot.screenshot({ path: path.join(artifacts, `claims-origin-${width}-${colorScheme}.png`) });
        await shot.goto(`${baseUrl}${READER_PATH}/timeline?year=1946`);
        await shot.locator(`[data-claim-row="${myClaimId}"]`).scrollIntoViewIfNeeded();
        await shot.screenshot({ path: path.join(artifacts, `timeline-origin-${width}-${colorScheme}.png`) });
        await shot.goto(`${baseUrl}${READER_PATH}/conflicts`);
        expect(await axeViolations(shot)).toEqual([]);
        await shot.screenshot({ path: path.join(artifacts, `conflicts-${width}-${colorScheme}.png`), fullPage: true });
        await shot.close();
      }
    }
  }, 300_000);
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { EDITION_SLUG } from "../support/edition";
import { axeViolations, launchBrowser } from "./browser";
import { commentThroughApi } from "./reader-actions";

// Every page, on a phone (390 px) and a wide screen (1440 px), light and dark, signed out and
// signed in (as an editor, whose header carries the most): no WCAG 2.2 A/AA violation (target
// sizes included) and nothing wider than the screen. A small document is imported, annotated by
// the editor and changed, so the history, the anchor queue, moderation and the user's page have
// something to show; it is removed afterwards.

const baseUrl = inject("baseUrl");
process.env.DATABASE_URL = inject("databaseUrl");
const run = Date.now().toString(36);
const SLUG = `accessibility-${run}`;
const SEED = `/documents/${EDITION_SLUG}`;
const editor = { name: "Editor With A Longish Name", email: `accessibility-editor-${run}@example.org`, password: "editor-password-1" };

const WIDTHS = [390, 1440] as const;
const SCHEMES = ["light", "dark"] as const;

const front = `---\ntitle: "A text read on every screen"\nlanguage: en\nauthor: unknown\npublisher: unknown\nurl: unknown\npublished: unknown\n---\n\n`;
const FIRST = `${front}## The delegation\n\nAhmetjan Qasimi led the delegation to Urumqi in 1946.\n\nGhulja fell in November 1944 after a short siege.\n\n- The first item of a list.\n- The second item of a list.\n`;
const SECOND = `${front}## The delegation\n\nAhmetjan Kasimi led the delegation to Urumqi in 1946.\n\nThe town fell after a short siege.\n\n- The first item of a list.\n- The second item of a list.\n`;

let browser: Browser;
let dir: string;
let editorId = "";
let claimId = "";
let entityId = "";
const STATES = ["signed out", "signed in as an editor"] as const;
type State = (typeof STATES)[number];
const pages: Partial<Record<State, Page>> = {};

/** Imports the document's file into the test database, as `npm run import` would. */
async function importText(text: string) {
  fs.writeFileSync(path.join(dir, `${SLUG}.md`), text);
  const { getDb } = await import("@/lib/db");
  const { importDocument } = await import("@/lib/documents/import-document");
  return importDocument(getDb(), path.join(dir, `${SLUG}.md`));
}

const comment = (page: Page, exact: string, value: string) => commentThroughApi(page, { base: baseUrl, slug: SLUG, exact, value });

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "gloss-accessibility-"));
  await importText(FIRST);
  browser = await launchBrowser();

  pages["signed out"] = await (await browser.newContext()).newPage();
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${baseUrl}/sign-up?next=${encodeURIComponent(`/documents/${SLUG}`)}`);
  await page.getByLabel("Name (optional)").fill(editor.name);
  await page.getByLabel("Email").fill(editor.email);
  await page.getByLabel("Password").fill(editor.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(`${baseUrl}/documents/${SLUG}`);
  await comment(page, "Ahmetjan Qasimi", "Spelled with a Q here, with a *Kasimi* elsewhere.");
  await comment(page, "Ghulja fell in November 1944", "The date is disputed.");
  await comment(page, "The second item", "A note kept as it was.");
  expect((await importText(SECOND)).reanchoring).toMatchObject({ fuzzy: 1, orphaned: 1 });
  pages["signed in as an editor"] = page;

  const client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
  const { rows } = await client.query<{ id: string }>(`UPDATE "user" SET role = 'editor' WHERE email = $1 RETURNING id`, [editor.email]);
  await client.end();
  editorId = rows[0].id;

  const claims = (await (await fetch(`${baseUrl}/api/documents/${EDITION_SLUG}/claims`)).json()) as { claims: Array<{ id: string }> };
  claimId = claims.claims[0].id;
  const entities = (await (await fetch(`${baseUrl}/api/documents/${EDITION_SLUG}/entities`)).json()) as {
    entities: Array<{ id: string }>;
  };
  entityId = entities.entities[0].id;
});

afterAll(async () => {
  await browser?.close();
  const { getDb, disconnectDb } = await import("@/lib/db");
  await getDb().document.deleteMany({ where: { slug: SLUG } });
  await disconnectDb();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

interface Walked {
  name: string;
  path: () => string;
  status?: number;
  /** An element that is there once the page's scripts have run (the reader's Cite buttons show then). */
  ready?: string;
}

const PAGES: Walked[] = [
  { name: "the library", path: () => "/" },
  { name: "importing a document", path: () => "/documents/new" },
  { name: "the reader (its kept copy, signed out)", path: () => SEED, ready: "html[data-cite-ready]" },
  { name: "the reader with a claim chosen", path: () => `${SEED}?claim=${claimId}`, ready: "html[data-cite-ready]" },
  {
    name: "the reader with notes, a fuzzy one and an orphan",
    path: () => `/documents/${SLUG}`,
    ready: "html[data-cite-ready] [data-note]",
  },
  { name: "the index of names", path: () => `${SEED}/entities` },
  { name: "an entity's page", path: () => `/entities/${entityId}` },
  { name: "a claim's page", path: () => `${SEED}/claims/${claimId}` },
  { name: "the conflicts", path: () => `${SEED}/conflicts` },
  { name: "the timeline", path: () => `${SEED}/timeline` },
  { name: "the map of places", path: () => `${SEED}/map` },
  { name: "a place's page, with its map and (for the editor) its coordinates' form", path: () => "/entities/kashgar" },
  { name: "the search", path: () => `${SEED}/search?q=Qasimi` },
  { name: "the versions", path: () => `/documents/${SLUG}/versions` },
  { name: "a version's page", path: () => `/documents/${SLUG}/v/1` },
  { name: "signing in", path: () => "/sign-in" },
  { name: "signing up", path: () => "/sign-up" },
  { name: "a user's page", path: () => `/users/${encodeURIComponent(editorId)}` },
  { name: "moderation", path: () => "/moderation" },
  { name: "the anchor queue", path: () => "/moderation/anchors" },
  { name: "a page that is not there", path: () => "/documents/no-such-document", status: 404 },
];

/** What is wrong with the page at each width and scheme: axe's violations and a page wider than the screen. */
async function problems(page: Page, walked: Walked, state: State): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await page.emulateMedia({ colorScheme: "light" });
    const response = await page.goto(`${baseUrl}${walked.path()}`, { waitUntil: "networkidle" });
    expect(response?.status(), `${walked.path()}, ${state}`).toBe(walked.status ?? 200);
    if (walked.ready) await page.waitForSelector(walked.ready, { state: "attached" });
    for (const colorScheme of SCHEMES) {
      await page.emulateMedia({ colorScheme });
      const seen = await axeViolations(page);
      const { scrollWidth, innerWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
      }));
      if (scrollWidth > innerWidth) seen.push(`the page is ${scrollWidth} px wide on a ${innerWidth} px screen`);
      if (seen.length > 0) found[`${state}, ${width} px, ${colorScheme}`] = seen;
    }
  }
  return found;
}

describe(`every page, signed out and signed in, at ${WIDTHS.join(" and ")} px, light and dark`, () => {
  for (const walked of PAGES) {
    it(`${walked.name} has no WCAG 2.2 A/AA violation and is no wider than the screen`, async () => {
      // The two accounts' pages are walked side by side: each has its own context, and the file
      // takes half the time.
      const found = await Promise.all(STATES.map((state) => problems(pages[state]!, walked, state)));
      expect(Object.assign({}, ...found)).toEqual({});
      // Eight walks of a page (two widths, two schemes, two accounts); axe over the whole laid-out
      // text of the reader takes most of a minute on a busy machine of two cores.
    }, 180_000);
  }
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./browser";

// A private document's pages, on the real server: for anyone but its owner, editors included,
// each is the very page an unknown slug gets (404, same words, same headers), and nothing of it is
// in the library, an entity's page or a reader's page. Its owner reads it, rendered for them alone
// (no kept copy, never stored by a shared cache). The document is made for this test and removed
// after it.

const baseUrl = inject("baseUrl");
process.env.DATABASE_URL = inject("databaseUrl");
const run = Date.now().toString(36);
const SLUG = `private-letters-${run}`;
const UNKNOWN = `missing-letters-${run}`;
const WORD = `Quillfeather${run}`;
const TEXT = `${WORD} wrote to Marrowby from the Thistlewick archive in 1931. Marrowby never answered ${WORD}, and the archive burned.`;
const PASSWORD = "private-letters-password-1";
const email = (who: string) => `${who}-${run}@example.org`;

type Account = { id: string; cookie: string };
let owner: Account;
let other: Account;
let editor: Account;
let browser: Browser;
let dir: string;
let entityId = "";
let claimId = "";

// The lib modules read DATABASE_URL when first used: import them once it points at the test database.
const lib = async () => ({
  ...(await import("@/lib/db")),
  ...(await import("@/lib/documents/import-document")),
});

async function signUp(who: string): Promise<Account> {
  const response = await fetch(`${baseUrl}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ email: email(who), password: PASSWORD, name: `${who} ${run}` }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return { id: ((await response.json()) as { user: { id: string } }).user.id, cookie };
}

/** A call of the API as `account`, with a JSON (or JSON-LD) body; the answer's JSON. */
async function api(account: Account, method: string, pathname: string, body?: unknown, type = "application/json") {
  const response = await fetch(`${baseUrl}${pathname}`, {
    method,
    headers: { cookie: account.cookie, ...(body === undefined ? {} : { "content-type": type }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status, await response.clone().text()).toBeLessThan(300);
  return response.json();
}

/**
 * A page's HTML with the rows of its streamed payload (the scripts that push them) sorted after
 * the markup, their ids and the references between them left out: the server numbers and writes
 * each row when it is ready, in an order that varies from one response to the next, whatever the
 * page. What the rows say is compared.
 */
function streamed(html: string): string {
  const chunks: string[] = [];
  const markup = html.replace(/<script[^>]*>self\.__next_f\.push\(\[1,"((?:[^"\\]|\\.)*)"\]\)<\/script>/g, (_, chunk: string) => {
    chunks.push(chunk);
    return "";
  });
  const rows = chunks
    .join("")
    .split("\\n")
    .map((row) => row.replace(/^[0-9a-f]+:/, "#:").replace(/\$L?[0-9a-f]+\b/g, "$#"));
  return [markup, ...rows.sort()].join("\n");
}

/** A page as `account` (or nobody) gets it: status, headers (but the date and cookies) and HTML, the response's own nonce taken out. */
async function page(pathname: string, account?: Account) {
  const response = await fetch(`${baseUrl}${pathname}`, { headers: account ? { cookie: account.cookie } : {}, redirect: "manual" });
  // Each response has its nonce, in its policy, its Link header and its scripts.
  const nonce = /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1];
  const withoutNonce = (text: string) => (nonce ? text.replaceAll(nonce, "NONCE") : text);
  const headers = Object.fromEntries(
    [...response.headers]
      .filter(([name]) => !["date", "set-cookie"].includes(name))
      .map(([name, value]) => [name, withoutNonce(value)])
      .sort(),
  );
  const html = streamed(withoutNonce(await response.text()));
  return { status: response.status, headers, html };
}

beforeAll(async () => {
  const { getDb, importDocument } = await lib();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "gloss-private-"));
  const file = path.join(dir, `${SLUG}.md`);
  fs.writeFileSync(
    file,
    `---\ntitle: "The ${WORD} letters"\nlanguage: en\nauthor: unknown\npublisher: unknown\nurl: unknown\npublished: unknown\n---\n\n## Letters\n\n${TEXT}\n`,
  );
  await importDocument(getDb(), file);
  owner = await signUp("letters-owner");
  other = await signUp("letters-other");
  editor = await signUp("letters-editor");
  await getDb().user.update({ where: { id: editor.id }, data: { role: "editor" } });
  // An import by `owner`: private to them.
  await getDb().document.update({ where: { slug: SLUG }, data: { ownerId: owner.id, visibility: "private", format: "text" } });

  // Its owner names someone in it, makes a claim about it and writes a note on it.
  const text = ((await api(owner, "GET", `/api/documents/${SLUG}`)) as { text: string }).text;
  entityId = ((await api(owner, "POST", "/api/entities", { kind: "person", name: WORD })) as { id: string }).id;
  const on = (exact: string, extra: Record<string, unknown>) => {
    const start = text.indexOf(exact);
    return {
      "@context": "http://www.w3.org/ns/anno.jsonld",
      type: "Annotation",
      target: {
        source: `${baseUrl}/documents/${SLUG}`,
        selector: [
          { type: "TextQuoteSelector", exact },
          { type: "TextPositionSelector", start, end: start + exact.length },
        ],
      },
      ...extra,
    };
  };
  const LD = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';
  await api(
    owner,
    "POST",
    `/api/documents/${SLUG}/annotations/`,
    on(WORD, { motivation: "identifying", body: { type: "SpecificResource", source: `${baseUrl}/entities/${entityId}` } }),
    LD,
  );
  await api(
    owner,
    "POST",
    `/api/documents/${SLUG}/annotations/`,
    on("never answered", { motivation: "commenting", body: { type: "TextualBody", value: `A note on ${WORD}.` } }),
    LD,
  );
  const evidence = text.indexOf("the archive burned");
  claimId = (
    (await api(owner, "POST", `/api/documents/${SLUG}/claims`, {
      statement: `The archive of ${WORD} burned.`,
      kind: "event",
      date: { value: "1931", precision: "year" },
      evidence: [{ start: evidence, end: evidence + "the archive burned".length, stance: "supports" }],
    })) as { id: string }
  ).id;
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  const { getDb } = await lib();
  await getDb().document.deleteMany({ where: { slug: SLUG } });
  await getDb().entity.deleteMany({ where: { id: entityId } });
  await getDb().user.deleteMany({ where: { email: { in: ["letters-owner", "letters-other", "letters-editor"].map(email) } } });
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The document's pages: its address, and the address an unknown slug (or entity) gives in its place. */
const pages = () => [
  [`/documents/${SLUG}`, `/documents/${UNKNOWN}`],
  [`/documents/${SLUG}?claim=${claimId}`, `/documents/${UNKNOWN}?claim=${claimId}`],
  [`/documents/${SLUG}/claims/${claimId}`, `/documents/${UNKNOWN}/claims/${claimId}`],
  [`/documents/${SLUG}/conflicts`, `/documents/${UNKNOWN}/conflicts`],
  [`/documents/${SLUG}/entities`, `/documents/${UNKNOWN}/entities`],
  [`/documents/${SLUG}/search?q=archive`, `/documents/${UNKNOWN}/search?q=archive`],
  [`/documents/${SLUG}/timeline`, `/documents/${UNKNOWN}/timeline`],
  [`/documents/${SLUG}/versions`, `/documents/${UNKNOWN}/versions`],
  [`/documents/${SLUG}/v/1`, `/documents/${UNKNOWN}/v/1`],
  [`/entities/${entityId}`, `/entities/u--no-such-entity-${run}`],
];

describe("a private document's pages", () => {
  for (const who of ["nobody", "another reader", "an editor"] as const) {
    it(`are, for ${who}, the page an unknown slug gets, and nothing of it is listed`, async () => {
      const account = who === "nobody" ? undefined : who === "an editor" ? editor : other;
      for (const [secret, unknown] of pages()) {
        const mine = await page(secret, account);
        const missing = await page(unknown, account);
        expect(mine.status, secret).toBe(404);
        expect(mine.headers, secret).toEqual(missing.headers);
        // The same page, but for the address it was asked at (which the page's own data repeats).
        const addressed = (html: string, from: string, to: string) => html.replaceAll(from, to);
        expect(addressed(mine.html, SLUG, UNKNOWN).replaceAll(entityId, `u--no-such-entity-${run}`), secret).toBe(missing.html);
        expect(mine.html, secret).not.toContain(WORD);
      }
      for (const listing of ["/", `/users/${owner.id}`]) {
        const shown = await page(listing, account);
        expect(shown.status).toBe(200);
        expect(shown.html, listing).not.toContain(SLUG);
        expect(shown.html, listing).not.toContain(WORD);
      }
    });
  }

  it("are read by their owner in the browser, rendered for them alone", async () => {
    for (const [secret] of pages()) expect((await page(secret, owner)).status, secret).toBe(200);
    const reader = await page(`/documents/${SLUG}`, owner);
    expect(reader.headers["cache-control"]).toMatch(/private/);
    expect(reader.headers["cache-control"]).toMatch(/no-store/);
    expect(reader.headers.etag).toBeUndefined();
    // Their own page, like everyone's, shows public documents only.
    expect((await page(`/users/${owner.id}`, owner)).html).not.toContain(WORD);

    const context: BrowserContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addCookies(
      owner.cookie.split("; ").map((pair) => {
        const at = pair.indexOf("=");
        return { name: pair.slice(0, at), value: pair.slice(at + 1), url: baseUrl };
      }),
    );
    const tab = await context.newPage();
    await tab.goto(`${baseUrl}/`);
    await tab.getByRole("link", { name: `The ${WORD} letters` }).click();
    await tab.waitForURL(`${baseUrl}/documents/${SLUG}`);
    await expect(tab.getByRole("heading", { level: 1 }).textContent()).resolves.toContain(WORD);
    await tab.locator(`a.mention[href="/entities/${entityId}"]`).first().waitFor();
    await tab.goto(`${baseUrl}/entities/${entityId}`);
    await expect(tab.locator("main").textContent()).resolves.toContain(`The ${WORD} letters`);
    await context.close();
  });
});

import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { EDITION_SLUG } from "../support/edition";
import { launchBrowser } from "./browser";

// The reader's kept copy: a plain request for a reader page is served from the copy kept for the
// document's version and reader revision, and a change to what the page shows on the server
// (entities, claims, mentions, evidence), made by any process, is seen on the next request.

const baseUrl = inject("baseUrl");
const READER = `${baseUrl}/documents/${EDITION_SLUG}`;
const run = Date.now().toString(36);
let client: pg.Client;

beforeAll(async () => {
  client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
});

afterAll(async () => {
  await client.query(`DELETE FROM "Annotation" WHERE "id" LIKE $1`, [`cache-${run}-%`]);
  await client.query(`DELETE FROM "Entity" WHERE "id" IN ($1, $2)`, [`cache-${run}`, `cache-${run}-private`]);
  await client.end();
});

async function reader(headers: Record<string, string> = {}) {
  const response = await fetch(READER, { headers, redirect: "manual" });
  return {
    status: response.status,
    etag: response.headers.get("etag"),
    cacheControl: response.headers.get("cache-control"),
    html: await response.text(),
  };
}

/** How many places the reader's legend says the text names. */
function placesCounted(html: string): number {
  const count = /Places(?:<!-- -->)? <span class="legend-count">\((?:<!-- -->)?(\d+)/.exec(html)?.[1];
  expect(count).toBeDefined();
  return Number(count);
}

/** Inserts an annotation on the first "Ghulja" of the current version, as another process would. */
async function annotate(id: string, motivation: string, entityId: string | null, visibility: "public" | "private" = "public") {
  const { rows } = await client.query<{ versionId: string; documentId: string; text: string }>(
    `SELECT v."id" AS "versionId", v."documentId", v."text" FROM "Document" d JOIN "DocumentVersion" v ON v."id" = d."currentVersionId" WHERE d."slug" = $1`,
    [EDITION_SLUG],
  );
  const { versionId, documentId, text } = rows[0];
  const start = text.indexOf("Ghulja");
  const passage = await client.query<{ anchor: string }>(
    `SELECT "anchor" FROM "Passage" WHERE "versionId" = $1 AND "start" <= $2 AND "end" >= $3`,
    [versionId, start, start + 6],
  );
  await client.query(
    `INSERT INTO "Annotation" ("id", "documentId", "versionId", "motivation", "origin", "entityId", "passageId", "start", "end", "exact", "prefix", "suffix", "body", "visibility", "created", "modified")
     VALUES ($1, $2, $3, $4, 'curated', $5, $6, $7, $8, 'Ghulja', $9, $10, $11, $12::"Visibility", now(), now())`,
    [
      id,
      documentId,
      versionId,
      motivation,
      entityId,
      passage.rows[0].anchor,
      start,
      start + 6,
      text.slice(Math.max(0, start - 32), start),
      text.slice(start + 6, start + 38),
      JSON.stringify(motivation === "commenting" ? [{ type: "TextualBody", value: "A note.", format: "text/plain" }] : []),
      visibility,
    ],
  );
}

describe("the reader's kept copy", () => {
  it("is served with a validator, answers 304 for it, and links back to the reader's own address", async () => {
    const first = await reader();
    expect(first.status).toBe(200);
    // Weak: each response writes its own nonce into the page's scripts.
    expect(first.etag).toMatch(/^W\/".+"$/);
    expect(first.cacheControl).toBe("no-cache");
    // The header names no one (the browser asks who is reading); without JavaScript it links to the account page.
    expect(first.html).toContain(`href="/sign-in?next=${encodeURIComponent(`/documents/${EDITION_SLUG}`)}"`);
    expect(first.html).not.toContain("/sign-in?next=%2Freader-cache");
    const second = await reader();
    expect(second.etag).toBe(first.etag);
    // The same page, but for the nonce each response carries.
    const withoutNonces = (html: string) => html.replace(/ nonce="[^"]*"/g, "");
    expect(withoutNonces(second.html)).toBe(withoutNonces(first.html));
    expect(second.html).not.toBe(first.html);
    const held = await fetch(READER, { headers: { "if-none-match": first.etag! } });
    expect(held.status).toBe(304);
    expect(await held.text()).toBe("");
  });

  it("shows a new entity and its mention at once, and is not renewed for a reader's note", async () => {
    const before = await reader();
    const name = `Kept copy entity ${run}`;
    await client.query(
      `INSERT INTO "Entity" ("id", "kind", "name", "description", "aliases", "identifiers", "origin", "createdAt", "updatedAt")
       VALUES ($1, 'place', $2, 'Made by the kept-copy test.', '{}', '{}', 'curated', now(), now())`,
      [`cache-${run}`, name],
    );
    await annotate(`cache-${run}-mention`, "identifying", `cache-${run}`);
    const after = await reader();
    expect(after.etag).not.toBe(before.etag);
    // The legend counts the places the text names: one more (the card loads the entity's name when it opens).
    expect(placesCounted(after.html)).toBe(placesCounted(before.html) + 1);

    await annotate(`cache-${run}-note`, "commenting", null);
    const noted = await reader();
    expect(noted.etag).toBe(after.etag);

    await client.query(`DELETE FROM "Annotation" WHERE "id" = $1`, [`cache-${run}-mention`]);
    const removed = await reader();
    expect(removed.etag).not.toBe(after.etag);

    await client.query(`UPDATE "Claim" SET "statement" = "statement" WHERE "id" = (SELECT "id" FROM "Claim" ORDER BY "id" LIMIT 1)`);
    expect((await reader()).etag).not.toBe(removed.etag);
  });

  it("keeps its ETag through a private identification's creation, edit and deletion, and renews it when one turns public or private", async () => {
    const entity = `cache-${run}-private`;
    await client.query(
      `INSERT INTO "Entity" ("id", "kind", "name", "description", "aliases", "identifiers", "origin", "createdAt", "updatedAt")
       VALUES ($1, 'place', $2, 'Made by the kept-copy test.', '{}', '{}', 'curated', now(), now())`,
      [entity, `Private mention entity ${run}`],
    );
    const before = await reader();
    const id = `cache-${run}-private-mention`;
    await annotate(id, "identifying", entity, "private");
    expect((await reader()).etag).toBe(before.etag);
    await client.query(`UPDATE "Annotation" SET "exact" = 'Ghulj', "end" = "end" - 1, "modified" = now() WHERE "id" = $1`, [id]);
    expect((await reader()).etag).toBe(before.etag);

    await client.query(`UPDATE "Annotation" SET "visibility" = 'public' WHERE "id" = $1`, [id]);
    const shown = await reader();
    expect(shown.etag).not.toBe(before.etag);
    await client.query(`UPDATE "Annotation" SET "visibility" = 'private' WHERE "id" = $1`, [id]);
    const hidden = await reader();
    expect(hidden.etag).not.toBe(shown.etag);

    await client.query(`DELETE FROM "Annotation" WHERE "id" = $1`, [id]);
    expect((await reader()).etag).toBe(hidden.etag);
  });

  it("renders per request with a query, serves a session the same copy, and sends the copy's own address to the reader", async () => {
    const withQuery = await fetch(`${READER}?claim=none`);
    expect(withQuery.status).toBe(200);
    expect(withQuery.headers.get("etag")).toBeNull();
    const signedIn = await fetch(READER, { headers: { cookie: "better-auth.session_token=not-a-session" } });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get("etag")).toBe((await reader()).etag);
    const internal = await fetch(`${baseUrl}/reader-cache/${EDITION_SLUG}/any-key`, { redirect: "manual" });
    expect(internal.status).toBe(308);
    expect(new URL(internal.headers.get("location")!, baseUrl).pathname).toBe(`/documents/${EDITION_SLUG}`);
  });
});

describe("the reader's notes", () => {
  it("load for the sections near the screen first, and for the others as they come near, with no error in the console", async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
      });
      page.on("pageerror", (error) => errors.push(error.message));
      const ranges: Array<[number, number]> = [];
      page.on("request", (request) => {
        const url = new URL(request.url());
        if (/\/annotations\/?$/.test(url.pathname) && url.searchParams.has("start"))
          ranges.push([Number(url.searchParams.get("start")), Number(url.searchParams.get("end"))]);
      });
      await page.goto(READER);
      await expect.poll(() => ranges.length, { timeout: 15_000 }).toBeGreaterThan(0);
      const textEnd = await page.evaluate(() => {
        const spans = document.querySelectorAll<HTMLElement>("#text .passage-text[data-end]");
        return Number(spans[spans.length - 1].dataset.end);
      });
      // Only the opening sections at first: nothing near the end of the text.
      expect(Math.max(...ranges.map((r) => r[1]))).toBeLessThan(textEnd);
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await expect.poll(() => Math.max(...ranges.map((r) => r[1])), { timeout: 15_000 }).toBe(textEnd);
      // Nothing failed on the way: no script error, no missing resource (such as an icon).
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

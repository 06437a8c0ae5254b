import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as exportRoute } from "@/app/api/documents/[slug]/annotations/export/route";
import { POST as importRoute } from "@/app/api/documents/[slug]/annotations/import/route";
import { POST as postRoute } from "@/app/api/documents/[slug]/annotations/route";
import { CSV_COLUMNS } from "@/lib/w3c/export-annotations";
import { IMPORT_MAX_ANNOTATIONS } from "@/lib/annotations/import-annotations";
import { disconnectDb, getDb } from "@/lib/db";
import { importDocument } from "@/lib/documents/import-document";
import { conformanceFailures } from "../support/w3c-conformance";
import { editionPath, makeContentFolder, smallDocument } from "./helpers";
import { commentAnnotation, signUp, type Account } from "./accounts";

process.env.BETTER_AUTH_SECRET ??= "test-secret-for-the-annotation-protocol-tests-0123456789";

const ORIGIN = "http://gloss.test";
const ANNO = "http://www.w3.org/ns/anno.jsonld";
const LD_JSON = `application/ld+json; profile="${ANNO}"`;
const EDITION = "second-east-turkistan-republic";
const DOC = "export-test-doc";
const COPY = "export-test-copy";
const OTHER = "export-test-other";
const PARAGRAPH =
  "The river crossed the valley. The river was cold. Unique words here: Ghulja and Ürümchi. " + "Uyghur: ئۇيغۇرچە يېزىق. The river ran on.";
const TRICKY = 'One, two; "three"\nfour ئۇيغۇرچە يېزىق';

interface W3c {
  id: string;
  body?: unknown;
  visibility: string;
  creator?: { id: string };
  target: { selector: Array<{ type: string; exact?: string; start?: number }> };
  motivation: string;
}

let dir: string;
let text: string;
let alice: Account;
let bob: Account;

const params = (slug: string) => ({ params: Promise.resolve({ slug }) });

const exportFile = (slug: string, format?: string, account?: Account, extra: Record<string, string> = {}) => {
  const query = new URLSearchParams({ ...(format ? { format } : {}), ...extra }).toString();
  return exportRoute(
    new Request(`${ORIGIN}/api/documents/${slug}/annotations/export${query ? `?${query}` : ""}`, {
      headers: account ? { cookie: account.cookie } : {},
    }),
    params(slug),
  );
};

async function exportJson(slug: string, account?: Account) {
  const response = await exportFile(slug, "jsonld", account);
  expect(response.status).toBe(200);
  return (await response.json()) as { total: number; first: { items: W3c[] } };
}

function importFile(slug: string, body: unknown, options: { account?: Account; type?: string } = {}) {
  const headers: Record<string, string> = { "content-type": options.type ?? LD_JSON };
  if (options.account) headers.cookie = options.account.cookie;
  return importRoute(
    new Request(`${ORIGIN}/api/documents/${slug}/annotations/import`, {
      method: "POST",
      headers,
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
    params(slug),
  );
}

function comment(exact: string, value: string, extra: Record<string, unknown> = {}) {
  return commentAnnotation(`${ORIGIN}/documents/${DOC}`, exact, text.indexOf(exact), value, extra);
}

async function create(body: unknown, account: Account) {
  const response = await postRoute(
    new Request(`${ORIGIN}/api/documents/${DOC}/annotations`, {
      method: "POST",
      headers: { "content-type": LD_JSON, cookie: account.cookie },
      body: JSON.stringify(body),
    }),
    params(DOC),
  );
  expect(response.status, JSON.stringify(await response.clone().json())).toBe(201);
  return (await response.json()) as W3c;
}

const quoteOf = (a: W3c) => a.target.selector.find((s) => s.type === "TextQuoteSelector")!.exact;
const valuesOf = (a: W3c) => (Array.isArray(a.body) ? a.body : a.body ? [a.body] : []).map((b: { value?: string }) => b.value);
const userRows = (slug: string) => getDb().annotation.count({ where: { origin: "user", document: { slug } } });
const csvRows = (csv: string) => parse(csv, { columns: true }) as Array<Record<string, string>>;

beforeAll(async () => {
  dir = makeContentFolder({
    [`${DOC}.md`]: smallDocument(PARAGRAPH, "Export test document"),
    [`${COPY}.md`]: smallDocument(PARAGRAPH, "Export test copy"),
    [`${OTHER}.md`]: smallDocument("Nothing here is shared with the other text: only pebbles and moss.", "Another document"),
  });
  const result = await importDocument(getDb(), path.join(dir, `${DOC}.md`));
  await importDocument(getDb(), path.join(dir, `${COPY}.md`));
  await importDocument(getDb(), path.join(dir, `${OTHER}.md`));
  await importDocument(getDb(), editionPath);
  text = (await getDb().documentVersion.findFirstOrThrow({ where: { hash: result.version } })).text;
  alice = await signUp("alice-export@example.org");
  bob = await signUp("bob-export@example.org");
  await create(comment("Ghulja", TRICKY), alice);
  await create(comment("Ürümchi", "=cmd|' /C calc'!A0"), alice);
  await create(comment("valley", "Alice's private note.", { visibility: "private" }), alice);
  await create(comment("ئۇيغۇرچە", "Uyghur script: ئۇيغۇر"), bob);
});

afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await disconnectDb();
});

describe("GET /api/documents/:slug/annotations/export", () => {
  it("exports a W3C AnnotationCollection with every item inline, conformant, curated mentions included", async () => {
    const response = await exportFile(EDITION, "jsonld");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(LD_JSON);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${EDITION}-annotations.jsonld"`);
    const collection = await response.json();
    expect(collection).toMatchObject({ "@context": ANNO, type: "AnnotationCollection", first: { type: "AnnotationPage" } });
    const items = collection.first.items as W3c[];
    const publicRows = await getDb().annotation.count({ where: { document: { slug: EDITION }, visibility: "public" } });
    expect(items.length).toBe(publicRows);
    expect(collection.total).toBe(items.length);
    expect(items.length).toBeGreaterThan(500);
    for (const item of items) expect(conformanceFailures(item), item.id).toEqual([]);
    const mentions = items.filter(
      (a) => a.motivation === "identifying" && (a.body as { source?: string })?.source?.startsWith(`${ORIGIN}/entities/`),
    );
    expect(mentions.length).toBeGreaterThan(500);
    expect(new Set(items.map((a) => a.id)).size).toBe(items.length);
  });

  it("exports CSV that parses back with a row per annotation, quoting and guarding cells", async () => {
    const response = await exportFile(DOC, "csv", alice);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${DOC}-annotations.csv"`);
    const csv = await response.text();
    expect(csv.split("\r\n")[0]).toBe(CSV_COLUMNS.join(","));
    const rows = csvRows(csv);
    const json = await exportJson(DOC, alice);
    expect(rows).toHaveLength(json.first.items.length);
    expect(rows.map((r) => r.id)).toEqual(json.first.items.map((a) => a.id));
    const tricky = rows.find((r) => r.exact === "Ghulja")!;
    expect(tricky.body_text).toBe(TRICKY);
    expect(text.slice(Number(tricky.start), Number(tricky.end))).toBe("Ghulja");
    expect(tricky.passage_id).toMatch(/\S/);
    expect(tricky.creator).toBe(`${ORIGIN}/users/${alice.id}`);
    expect(rows.find((r) => r.exact === "Ürümchi")!.body_text).toBe("'=cmd|' /C calc'!A0");
    expect(rows.find((r) => r.exact === "ئۇيغۇرچە")!.body_text).toBe("Uyghur script: ئۇيغۇر");
  });

  it("includes a user's private annotations in their own export only", async () => {
    const has = (items: W3c[]) => items.some((a) => valuesOf(a).includes("Alice's private note."));
    expect(has((await exportJson(DOC, alice)).first.items)).toBe(true);
    expect(has((await exportJson(DOC, bob)).first.items)).toBe(false);
    expect(has((await exportJson(DOC)).first.items)).toBe(false);
    const csvOf = async (account?: Account) => csvRows(await (await exportFile(DOC, "csv", account)).text());
    expect((await csvOf(alice)).some((r) => r.body_text === "Alice's private note." && r.visibility === "private")).toBe(true);
    expect((await csvOf(bob)).some((r) => r.body_text === "Alice's private note.")).toBe(false);
    expect((await csvOf()).some((r) => r.body_text === "Alice's private note.")).toBe(false);
  });

  it("exports only the requester's own annotations with ?creator=me, their private ones included", async () => {
    const response = await exportFile(DOC, "jsonld", alice, { creator: "me" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${DOC}-my-annotations.jsonld"`);
    const mine = (await response.json()) as { id: string; total: number; first: { items: W3c[] } };
    expect(mine.id).toBe(`${ORIGIN}/api/documents/${DOC}/annotations/export?format=jsonld&creator=me`);
    expect(mine.first.items.map((a) => valuesOf(a)[0]).sort()).toEqual(["=cmd|' /C calc'!A0", "Alice's private note.", TRICKY].sort());
    expect(mine.total).toBe(3);
    for (const item of mine.first.items) expect(item.creator?.id).toBe(`${ORIGIN}/users/${alice.id}`);
    // Without the parameter the same reader gets everything they may see, Bob's public note included.
    expect((await exportJson(DOC, alice)).first.items.length).toBe(4);

    const csv = await exportFile(DOC, "csv", bob, { creator: "me" });
    expect(csv.headers.get("content-disposition")).toBe(`attachment; filename="${DOC}-my-annotations.csv"`);
    const rows = csvRows(await csv.text());
    expect(rows.map((r) => r.body_text)).toEqual(["Uyghur script: ئۇيغۇر"]);
    expect(rows[0].creator).toBe(`${ORIGIN}/users/${bob.id}`);
  });

  it("answers ?creator=me without a session with 401, and any other creator with 400", async () => {
    const anonymous = await exportFile(DOC, "csv", undefined, { creator: "me" });
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error).toMatchObject({ code: "unauthenticated", message: expect.stringMatching(/Sign in/) });
    const other = await exportFile(DOC, "jsonld", alice, { creator: bob.id });
    expect(other.status).toBe(400);
    expect((await other.json()).error.code).toBe("bad_request");
  });

  it("defaults to JSON-LD, answers a bad format with 400 and an unknown document with 404", async () => {
    expect((await exportFile(DOC)).headers.get("content-type")).toBe(LD_JSON);
    const bad = await exportFile(DOC, "xml");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe("bad_request");
    const missing = await exportFile("no-such-document", "csv");
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe("not_found");
  });
});

describe("POST /api/documents/:slug/annotations/import", () => {
  it("round-trips an export: same quotes and bodies, new ids, the importer as creator", async () => {
    const exported = await exportJson(DOC, alice);
    expect(exported.first.items.length).toBe(4);
    const before = await userRows(COPY);
    const response = await importFile(COPY, exported, { account: alice });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ imported: 4, failed: [] });
    expect(await userRows(COPY)).toBe(before + 4);
    const copy = (await exportJson(COPY, alice)).first.items;
    const key = (a: W3c) => `${quoteOf(a)}|${valuesOf(a).join("|")}|${a.visibility}`;
    expect(copy.map(key).sort()).toEqual(exported.first.items.map(key).sort());
    const oldIds = new Set(exported.first.items.map((a) => a.id));
    for (const item of copy) {
      expect(oldIds.has(item.id)).toBe(false);
      // Where each came from is kept (W3C Protocol 5.1: a client's id becomes via).
      expect(oldIds.has((item as W3c & { via?: string }).via!)).toBe(true);
      expect(item.creator?.id).toBe(`${ORIGIN}/users/${alice.id}`);
      expect(conformanceFailures(item)).toEqual([]);
    }
    expect((await exportJson(COPY, bob)).first.items.some((a) => valuesOf(a).includes("Alice's private note."))).toBe(false);
  });

  it("reports the quotes another document's text lacks as not found, storing nothing", async () => {
    const exported = await exportJson(DOC);
    const before = await userRows(OTHER);
    const response = await importFile(OTHER, exported, { account: bob });
    expect(response.status).toBe(200);
    const report = await response.json();
    expect(report.imported).toBe(0);
    expect(report.failed).toEqual(
      exported.first.items.map((a, index) => ({ index, id: a.id, exact: quoteOf(a), reason: "quote not found in the text" })),
    );
    expect(await userRows(OTHER)).toBe(before);
  });

  it("imports the good items of an array and reports the others with their index", async () => {
    const before = await userRows(COPY);
    const items = [
      comment("Ghulja", "Imported."),
      { ...comment("Ghulja", "Nowhere."), target: { selector: { type: "TextQuoteSelector", exact: "Kashgar" } } },
      { ...comment("Ghulja", "Bad motivation."), motivation: "shouting" },
      "not an annotation",
      // The position is only a hint: the quote decides where the annotation goes.
      {
        ...comment("river", "The last river."),
        target: {
          selector: [
            { type: "TextQuoteSelector", exact: "river", prefix: "The ", suffix: " ran on." },
            { type: "TextPositionSelector", start: 0, end: 5 },
          ],
        },
      },
      // Found in the text, but refused by the create: only whitespace.
      {
        ...comment("Ghulja", "Blank."),
        id: "urn:x:blank",
        target: { selector: { type: "TextQuoteSelector", exact: " ", prefix: "river crossed", suffix: "the valley" } },
      },
    ];
    const response = await importFile(COPY, items, { account: bob, type: "application/json" });
    expect(response.status).toBe(200);
    const report = await response.json();
    expect(report.imported).toBe(2);
    expect(report.failed.map((f: { index: number }) => f.index)).toEqual([1, 2, 3, 5]);
    expect(report.failed[3]).toEqual({ index: 5, id: "urn:x:blank", exact: " ", reason: expect.stringMatching(/whitespace/) });
    expect(report.failed[0]).toEqual({ index: 1, exact: "Kashgar", reason: "quote not found in the text" });
    expect(report.failed[1].reason).toMatch(/motivation/);
    expect(await userRows(COPY)).toBe(before + 2);
    const river = (await exportJson(COPY, bob)).first.items.find((a) => valuesOf(a).includes("The last river."))!;
    const position = river.target.selector.find((s) => s.type === "TextPositionSelector")!;
    expect(position.start).toBe(text.lastIndexOf("river"));
  });

  it("counts an import as one write, so it may bring in more annotations than the per-minute limit", async () => {
    const carol = await signUp("carol-export@example.org");
    const items = Array.from({ length: 70 }, (_, i) => comment("Ghulja", `Note ${i}.`));
    const response = await importFile(COPY, { "@context": ANNO, type: "AnnotationCollection", items }, { account: carol });
    expect(await response.json()).toEqual({ imported: 70, failed: [] });
    expect(await getDb().writeEvent.count({ where: { userId: carol.id } })).toBe(1);
  });

  it("answers 413 to more annotations than one import may create", async () => {
    const before = await userRows(COPY);
    const items = Array.from({ length: IMPORT_MAX_ANNOTATIONS + 1 }, () => comment("Ghulja", "x"));
    const response = await importFile(COPY, items, { account: alice });
    expect(response.status).toBe(413);
    expect(await userRows(COPY)).toBe(before);
  });

  it("answers 401 to an anonymous import", async () => {
    const response = await importFile(COPY, []);
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("unauthenticated");
  });

  it("refuses a malformed body whole with 400, storing nothing", async () => {
    const before = await userRows(COPY);
    for (const body of ["{ not json", JSON.stringify({ type: "Annotation" }), JSON.stringify({ type: "AnnotationCollection" }), "42"]) {
      const response = await importFile(COPY, body, { account: alice });
      expect(response.status, body).toBe(400);
      expect((await response.json()).error.code).toBe("bad_request");
    }
    expect(await userRows(COPY)).toBe(before);
  });

  it("answers 413 to a body over 2 MB and 404 to an unknown document", async () => {
    const huge = JSON.stringify([comment("Ghulja", "x".repeat(2 * 1024 * 1024))]);
    const response = await importFile(COPY, huge, { account: alice });
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe("too_large");
    const missing = await importFile("no-such-document", [], { account: alice });
    expect(missing.status).toBe(404);
  });

  it("answers 415 to a body that is not JSON", async () => {
    const response = await importFile(COPY, "id,exact\n1,x", { account: alice, type: "text/csv" });
    expect(response.status).toBe(415);
  });
});

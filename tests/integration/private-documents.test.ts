import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anchorQueue } from "@/lib/annotations/anchor-queue";
import { recentPublicAnnotations } from "@/lib/annotations/moderation";
import { disconnectDb, getDb } from "@/lib/db";
import { readerCacheKey } from "@/lib/documents/reader-key";
import { getProfile } from "@/lib/users/queries";
import { signUp, type Account } from "./accounts";
import { apiRouteFiles, dispatch } from "./api-router";
import { smallDocument } from "./helpers";
import { importContent, LD_JSON, ORIGIN, onText, replyTo, signUpEditor } from "./layer";

process.env.BETTER_AUTH_SECRET ??= "test-secret-for-the-annotation-protocol-tests-0123456789";

// A private document exists only for its owner (sources.md): for anyone else, editors included,
// every route answers exactly as for a slug that names nothing, and no list, count, search, entity
// or user page holds anything of it.

const SECRET = "private-quillfeather-letters";
const PUBLIC = "public-ledger-of-tolls";
const UNKNOWN = "no-such-document-here";
const SECRET_TEXT =
  "Quillfeather wrote to Marrowby from the Thistlewick archive in 1931. Marrowby never answered Quillfeather, and the archive burned.";
const PUBLIC_TEXT = "The ledger of tolls lists every cart Marrowby drove over the bridge in 1931, with its load and its owner.";

let content: Awaited<ReturnType<typeof importContent>>;
let secretText: string;
let owner: Account;
let other: Account;
let editor: Account;
/** The ids the routes are called with: the secret document's own things. */
const ids: Record<string, string> = {};

const viewerOf = (account: Account, role = "annotator") => ({ id: account.id, role });

/** A request as a client sends it: JSON (or JSON-LD) body, the account's cookie, If-Match when given. */
function send(method: string, path: string, options: { account?: Account; body?: unknown; type?: string; ifMatch?: string } = {}) {
  const headers: Record<string, string> = {};
  if (options.account) headers.cookie = options.account.cookie;
  if (options.body !== undefined) headers["content-type"] = options.type ?? "application/json";
  if (options.ifMatch) headers["if-match"] = options.ifMatch;
  return dispatch(
    new Request(`${ORIGIN}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    }),
  );
}

/** A W3C annotation on `exact` of the secret document. */
const onSecret = (exact: string, extra: Record<string, unknown> = {}) => onText(SECRET, secretText, exact, extra);

/**
 * One call of a route: its method, its path (`{slug}` and `{<id>}` stand for the secret document
 * and its things), its body, and what its owner gets.
 */
interface Case {
  method: string;
  path: string;
  body?: () => unknown;
  type?: string;
  ifMatch?: string;
  /** The owner's status (the route works for them). */
  owner: number;
}

// Every route file under app/api, with the calls that reach a document. A route added without an
// entry here fails the test below: say how it treats a private document.
const ROUTES: Record<string, Case[] | { none: string }> = {
  "/api/[...path]": { none: "no route: the JSON 404 for any address" },
  "/api/auth/[...all]": { none: "accounts: nothing of any document" },
  "/api/documents": { none: "the library list: checked with the lists below" },
  "/api/entities": { none: "the entity look-up: checked with the lists below" },
  "/api/documents/[slug]": [
    { method: "GET", path: "/api/documents/{slug}", owner: 200 },
    { method: "PATCH", path: "/api/documents/{slug}", body: () => ({ publisher: "The owner's press" }), owner: 200 },
  ],
  "/api/documents/[slug]/versions": [
    // The document is found (or not) before the form is read: the owner's JSON body is then refused.
    { method: "POST", path: "/api/documents/{slug}/versions", body: () => ({ text: "A new version" }), owner: 415 },
  ],
  "/api/documents/[slug]/proposals": [{ method: "GET", path: "/api/documents/{slug}/proposals", owner: 200 }],
  // The reader's own private identifications (tests/integration/private-layer.test.ts): anonymous gets 401 for any slug.
  "/api/documents/[slug]/private-layer": [{ method: "GET", path: "/api/documents/{slug}/private-layer", owner: 200 }],
  "/api/documents/[slug]/proposals/review": [
    // Nothing was reviewed yet: the owner's undo has nothing to undo.
    { method: "POST", path: "/api/documents/{slug}/proposals/review", body: () => ({ action: "undo" }), owner: 422 },
  ],
  "/api/documents/[slug]/proposals/dates": [
    // The document has no date proposals: the owner's choice names none.
    { method: "POST", path: "/api/documents/{slug}/proposals/dates", body: () => ({ action: "accept", ids: ["none"] }), owner: 422 },
  ],
  "/api/imports/[id]": {
    none: "an import is its owner's alone: tests/integration/imports-api.test.ts gives anyone else the 404 of an unknown id",
  },
  "/api/documents/[slug]/annotations": [
    { method: "GET", path: "/api/documents/{slug}/annotations/", owner: 200 },
    { method: "GET", path: "/api/documents/{slug}/annotations/?page=0", owner: 200 },
    {
      method: "POST",
      path: "/api/documents/{slug}/annotations/",
      body: () => onSecret("Thistlewick archive"),
      type: LD_JSON,
      owner: 201,
    },
  ],
  "/api/documents/[slug]/annotations/[id]": [
    { method: "GET", path: "/api/documents/{slug}/annotations/{note}", owner: 200 },
    {
      method: "PUT",
      path: "/api/documents/{slug}/annotations/{note}",
      body: () => onSecret("Marrowby", { body: { type: "TextualBody", value: "Changed.", format: "text/plain" } }),
      type: LD_JSON,
      ifMatch: "*",
      owner: 200,
    },
    { method: "DELETE", path: "/api/documents/{slug}/annotations/{spareNote}", ifMatch: "*", owner: 204 },
  ],
  "/api/documents/[slug]/annotations/[id]/anchor": [
    {
      method: "POST",
      path: "/api/documents/{slug}/annotations/{note}/anchor",
      body: () => ({ action: "attach", exact: "the archive burned" }),
      owner: 200,
    },
  ],
  "/api/documents/[slug]/annotations/export": [
    { method: "GET", path: "/api/documents/{slug}/annotations/export", owner: 200 },
    { method: "GET", path: "/api/documents/{slug}/annotations/export?format=csv", owner: 200 },
  ],
  "/api/documents/[slug]/annotations/import": [
    {
      method: "POST",
      path: "/api/documents/{slug}/annotations/import",
      body: () => [onSecret("wrote to Marrowby")],
      type: LD_JSON,
      owner: 200,
    },
  ],
  "/api/documents/[slug]/cite": [
    { method: "GET", path: "/api/documents/{slug}/cite?passage={passage}", owner: 200 },
    { method: "GET", path: "/api/documents/{slug}/cite?start=0&end=12&format=bibtex", owner: 200 },
  ],
  "/api/documents/[slug]/claims": [
    { method: "GET", path: "/api/documents/{slug}/claims", owner: 200 },
    {
      method: "POST",
      path: "/api/documents/{slug}/claims",
      body: () => ({ statement: "The archive burned.", kind: "event", evidence: [evidenceOn("the archive burned")] }),
      owner: 201,
    },
  ],
  "/api/documents/[slug]/conflicts": [{ method: "GET", path: "/api/documents/{slug}/conflicts", owner: 200 }],
  "/api/documents/[slug]/entities": [{ method: "GET", path: "/api/documents/{slug}/entities", owner: 200 }],
  "/api/documents/[slug]/entities/[id]/occurrences": [
    { method: "GET", path: "/api/documents/{slug}/entities/{entity}/occurrences", owner: 200 },
  ],
  "/api/documents/[slug]/evidence": [{ method: "GET", path: "/api/documents/{slug}/evidence?claim=Marrowby%20was%20silent", owner: 200 }],
  "/api/documents/[slug]/passages/[anchor]": [{ method: "GET", path: "/api/documents/{slug}/passages/{passage}", owner: 200 }],
  "/api/documents/[slug]/search": [{ method: "GET", path: "/api/documents/{slug}/search?q=Quillfeather", owner: 200 }],
  // Routes by id alone: the id of the secret document's thing is compared with an unknown id.
  "/api/annotations/[id]": [
    { method: "GET", path: "/api/annotations/{note}", owner: 308 },
    { method: "PUT", path: "/api/annotations/{note}", owner: 308 },
    { method: "DELETE", path: "/api/annotations/{note}", owner: 308 },
  ],
  "/api/annotations/[id]/anchor": [{ method: "POST", path: "/api/annotations/{note}/anchor", owner: 308 }],
  "/api/claims/[id]": [
    { method: "GET", path: "/api/claims/{claim}", owner: 200 },
    { method: "PATCH", path: "/api/claims/{claim}", body: () => ({ statement: "Quillfeather wrote in 1931." }), owner: 200 },
    { method: "DELETE", path: "/api/claims/{spareClaim}", owner: 204 },
  ],
  "/api/entities/[id]": [
    { method: "GET", path: "/api/entities/{entity}", owner: 200 },
    { method: "PATCH", path: "/api/entities/{entity}", body: () => ({ description: "A letter writer." }), owner: 200 },
  ],
};

/** A claim's evidence on `exact` of the secret text. */
function evidenceOn(exact: string) {
  const start = secretText.indexOf(exact);
  return { start, end: start + exact.length, stance: "supports" };
}

/** `path` with the secret document's slug and things, or (`unknown`) with names that name nothing. */
function address(path: string, unknown: boolean): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name === "slug") return unknown ? UNKNOWN : SECRET;
    // Under a document's address only the slug changes; an address by id alone gets an unknown id.
    if (unknown && !path.startsWith("/api/documents/")) return `no-such-${name.toLowerCase()}`;
    return encodeURIComponent(ids[name]);
  });
}

/** What a response says: its status, its headers (by name) and its body with the unknown names put back. */
async function answer(response: Response, unknown: boolean) {
  let body = await response.text();
  if (unknown) {
    body = body.replaceAll(UNKNOWN, SECRET);
    for (const [name, id] of Object.entries(ids)) body = body.replaceAll(`no-such-${name.toLowerCase()}`, id);
  }
  const headers = Object.fromEntries([...response.headers].filter(([name]) => name !== "date").sort());
  return { status: response.status, headers, body };
}

/** How many rows the secret document's layer has: nothing a refused call may change. */
async function secretLayer() {
  const db = getDb();
  const document = await db.document.findUniqueOrThrow({ where: { slug: SECRET } });
  const [annotations, claims, modified, entity] = await Promise.all([
    db.annotation.count({ where: { documentId: document.id } }),
    db.claim.count({ where: { documentId: document.id } }),
    db.annotation.aggregate({ where: { documentId: document.id }, _max: { modified: true } }),
    db.entity.findUniqueOrThrow({ where: { id: ids.entity } }),
  ]);
  return { annotations, claims, modified: modified._max.modified?.toISOString(), entity: entity.updatedAt.toISOString() };
}

beforeAll(async () => {
  content = await importContent({
    [`${SECRET}.md`]: smallDocument(SECRET_TEXT, "The Quillfeather letters"),
    [`${PUBLIC}.md`]: smallDocument(PUBLIC_TEXT, "A ledger of tolls"),
  });
  secretText = content.texts[SECRET];
  owner = await signUp("owner.private-documents@example.org");
  other = await signUp("other.private-documents@example.org");
  editor = await signUpEditor("editor.private-documents@example.org");
  // An import by `owner`: private to them.
  await getDb().document.update({ where: { slug: SECRET }, data: { ownerId: owner.id, visibility: "private", format: "text" } });

  const entity = await send("POST", "/api/entities", { account: owner, body: { kind: "person", name: "Quillfeather" } });
  expect(entity.status).toBe(201);
  ids.entity = (await entity.json()).id;
  const create = async (body: unknown) => {
    const response = await send("POST", `/api/documents/${SECRET}/annotations/`, { account: owner, body, type: LD_JSON });
    expect(response.status, await response.clone().text()).toBe(201);
    return decodeURIComponent(new URL((await response.json()).id).pathname.split("/").pop()!);
  };
  ids.note = await create(
    onSecret("Quillfeather wrote", { body: { type: "TextualBody", value: "Owner's public note.", format: "text/plain" } }),
  );
  ids.spareNote = await create(onSecret("never answered"));
  ids.mention = await create(
    onSecret("Quillfeather", { motivation: "identifying", body: { type: "SpecificResource", source: `${ORIGIN}/entities/${ids.entity}` } }),
  );
  // An entity others know (named in the public document) and the owner names in theirs too.
  const shared = await send("POST", "/api/entities", { account: other, body: { kind: "person", name: "Marrowby" } });
  expect(shared.status).toBe(201);
  ids.shared = (await shared.json()).id;
  const identify = (slug: string, text: string, account: Account) =>
    send("POST", `/api/documents/${slug}/annotations/`, {
      account,
      type: LD_JSON,
      body: onText(slug, text, "Marrowby", {
        motivation: "identifying",
        body: { type: "SpecificResource", source: `${ORIGIN}/entities/${ids.shared}` },
      }),
    });
  expect((await identify(PUBLIC, content.texts[PUBLIC], other)).status).toBe(201);
  expect((await identify(SECRET, secretText, owner)).status).toBe(201);
  for (const key of ["claim", "spareClaim"]) {
    const claim = await send("POST", `/api/documents/${SECRET}/claims`, {
      account: owner,
      body: {
        statement: `Quillfeather wrote to Marrowby (${key}).`,
        kind: "event",
        entities: [ids.entity],
        evidence: [evidenceOn("wrote to Marrowby")],
      },
    });
    expect(claim.status, await claim.clone().text()).toBe(201);
    ids[key] = (await claim.json()).id;
  }
  const version = await getDb().document.findUniqueOrThrow({ where: { slug: SECRET }, select: { currentVersionId: true } });
  ids.passage = (await getDb().passage.findFirstOrThrow({ where: { versionId: version.currentVersionId!, kind: "paragraph" } })).anchor;
  // A note whose words an edit took: in the editors' queue of anchors, were the document theirs to see.
  await getDb().annotation.update({ where: { id: ids.spareNote }, data: { state: "orphaned" } });
});

afterAll(async () => {
  content.remove();
  await disconnectDb();
});

describe("a private document is its owner's alone", () => {
  it("has a case for every route under app/api", () => {
    expect(
      apiRouteFiles()
        .map((r) => r.pattern)
        .sort(),
    ).toEqual(Object.keys(ROUTES).sort());
  });

  const refused = Object.entries(ROUTES).flatMap(([pattern, cases]) => ("none" in cases ? [] : cases.map((c) => ({ pattern, ...c }))));
  for (const who of ["anonymous", "another reader", "an editor"] as const) {
    it(`answers ${who} every route exactly as for an unknown slug, and changes nothing`, async () => {
      const account = who === "anonymous" ? undefined : who === "an editor" ? editor : other;
      const before = await secretLayer();
      for (const c of refused) {
        const call = (unknown: boolean) =>
          send(c.method, address(c.path, unknown), { account, body: c.body?.(), type: c.type, ifMatch: c.ifMatch });
        const secret = await answer(await call(false), false);
        const unknown = await answer(await call(true), true);
        expect(secret, `${c.method} ${c.path}`).toEqual(unknown);
        expect(secret.status, `${c.method} ${c.path}`).toBeGreaterThanOrEqual(400);
        expect(secret.body, `${c.method} ${c.path}`).not.toContain("Quillfeather");
      }
      expect(await secretLayer()).toEqual(before);
    });
  }

  it("lists nothing of it for others: the library, the entity look-up, an entity's mentions, a reader's page, the queues", async () => {
    for (const account of [undefined, other, editor]) {
      const library = await (await send("GET", "/api/documents", { account })).json();
      expect(library.documents.map((d: { slug: string }) => d.slug)).toContain(PUBLIC);
      expect(JSON.stringify(library)).not.toContain(SECRET);
      const shared = await (await send("GET", `/api/entities/${ids.shared}`, { account })).json();
      expect(shared.documents.map((d: { slug: string }) => d.slug)).toEqual([PUBLIC]);
      expect(shared.mentions).toHaveLength(1);
      const named = await (await send("GET", "/api/entities?q=Marrowby", { account })).json();
      expect(named.entities.find((e: { id: string }) => e.id === ids.shared)?.mentions).toBe(1);
      const lookup = await (await send("GET", "/api/entities?q=Quillfeather", { account })).json();
      // The owner's entity is named only in the private document: no one else may know of it.
      expect(lookup.entities.map((e: { id: string }) => e.id)).not.toContain(ids.entity);
      const exported = await (await send("GET", `/api/documents/${PUBLIC}/annotations/export`, { account })).text();
      expect(exported).not.toContain("Quillfeather");
      const search = await (await send("GET", `/api/documents/${PUBLIC}/search?q=Quillfeather`, { account })).json();
      expect(search.results).toEqual([]);
    }
    // A reader's page is the same for everyone, its owner included: public documents only.
    const profile = (await getProfile(owner.id))!;
    expect(profile.total).toBe(0);
    expect(JSON.stringify(profile)).not.toContain(SECRET);
    const editorView = viewerOf(editor, "editor");
    expect(JSON.stringify(await recentPublicAnnotations(editorView))).not.toContain(SECRET);
    expect(JSON.stringify(await anchorQueue(editorView))).not.toContain(SECRET);
    expect(await readerCacheKey(SECRET)).toBeNull();
  });

  it("takes no reply from others to its notes, as for an unknown note", async () => {
    for (const account of [other, editor]) {
      const reply = (id: string) =>
        send("POST", `/api/documents/${PUBLIC}/annotations/`, {
          account,
          type: LD_JSON,
          body: replyTo(`${ORIGIN}/api/documents/${PUBLIC}/annotations/${id}`, "An answer."),
        });
      const secret = await reply(ids.note);
      const unknown = await reply("no-such-note");
      expect(secret.status).toBe(404);
      expect((await secret.text()).replaceAll(ids.note, "no-such-note")).toBe(await unknown.text());
    }
  });

  it("lists and counts it for its owner", async () => {
    const library = await (await send("GET", "/api/documents", { account: owner })).json();
    expect(library.documents.map((d: { slug: string }) => d.slug)).toEqual(expect.arrayContaining([SECRET, PUBLIC]));
    const entity = await (await send("GET", `/api/entities/${ids.entity}`, { account: owner })).json();
    expect(entity.documents.map((d: { slug: string }) => d.slug)).toEqual([SECRET]);
    const lookup = await (await send("GET", "/api/entities?q=Quillfeather", { account: owner })).json();
    expect(lookup.entities.find((e: { id: string }) => e.id === ids.entity)?.mentions).toBe(1);
    const shared = await (await send("GET", `/api/entities/${ids.shared}`, { account: owner })).json();
    expect(shared.documents.map((d: { slug: string }) => d.slug).sort()).toEqual([PUBLIC, SECRET].sort());
    const named = await (await send("GET", "/api/entities?q=Marrowby", { account: owner })).json();
    expect(named.entities.find((e: { id: string }) => e.id === ids.shared)?.mentions).toBe(2);
    expect(JSON.stringify(await recentPublicAnnotations(viewerOf(owner)))).toContain(SECRET);
    expect(JSON.stringify(await anchorQueue(viewerOf(owner)))).toContain(ids.spareNote);
  });

  it("changes no public reader's ETag when its layer changes: a mention, a claim, its entity", async () => {
    const key = () => readerCacheKey(PUBLIC);
    const before = await key();
    expect(before).not.toBeNull();
    const mention = await send("POST", `/api/documents/${SECRET}/annotations/`, {
      account: owner,
      type: LD_JSON,
      body: onSecret("Marrowby", {
        motivation: "identifying",
        body: { type: "SpecificResource", source: `${ORIGIN}/entities/${ids.entity}` },
      }),
    });
    expect(mention.status).toBe(201);
    const claim = await send("POST", `/api/documents/${SECRET}/claims`, {
      account: owner,
      body: { statement: "Marrowby never answered.", kind: "event", evidence: [evidenceOn("never answered")] },
    });
    expect(claim.status).toBe(201);
    const renamed = await send("PATCH", `/api/entities/${ids.entity}`, { account: owner, body: { aliases: ["Quill"] } });
    expect(renamed.status).toBe(200);
    expect(await key()).toBe(before);
  });

  it("serves its owner every route, never for a shared cache", async () => {
    for (const [, cases] of Object.entries(ROUTES)) {
      if ("none" in cases) continue;
      for (const c of cases) {
        const response = await send(c.method, address(c.path, false), {
          account: owner,
          body: c.body?.(),
          type: c.type,
          ifMatch: c.ifMatch,
        });
        expect(response.status, `${c.method} ${c.path}: ${await response.clone().text()}`).toBe(c.owner);
      }
    }
    const document = await send("GET", `/api/documents/${SECRET}`, { account: owner });
    expect(document.headers.get("cache-control")).toBe("private, no-store");
    const shown = await send("GET", `/api/documents/${PUBLIC}`);
    expect(shown.headers.get("cache-control")).toBe("public, max-age=0, must-revalidate");
  });
});

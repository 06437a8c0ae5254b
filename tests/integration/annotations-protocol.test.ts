import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELETE as deleteRoute, GET as getRoute, PUT as putRoute } from "@/app/api/documents/[slug]/annotations/[id]/route";
import { POST as authPost } from "@/app/api/auth/[...all]/route";
import { GET as listRoute, POST as postRoute } from "@/app/api/documents/[slug]/annotations/route";
import { disconnectDb, getDb } from "@/lib/db";
import { importDocument } from "@/lib/documents/import-document";
import { conformanceFailures } from "../support/w3c-conformance";
import { dispatch, fetchApi } from "./api-router";
import { makeContentFolder, smallDocument } from "./helpers";
import { commentAnnotation, signUp, type Account } from "./accounts";

process.env.BETTER_AUTH_SECRET ??= "test-secret-for-the-annotation-protocol-tests-0123456789";

const SLUG = "protocol-test-doc";
const ORIGIN = "http://gloss.test";
const ANNO = "http://www.w3.org/ns/anno.jsonld";
const LD_JSON = `application/ld+json; profile="${ANNO}"`;
const PARAGRAPH =
  "The river crossed the valley. The river was cold. Unique words here: Ghulja and Ürümchi. " +
  "Emoji 🏔️👩🏽‍🔬 and combining e\u0301 marks. Uyghur: ئۇيغۇرچە يېزىق.";

const slugParams = { params: Promise.resolve({ slug: SLUG }) };
const idParams = (id: string) => ({ params: Promise.resolve({ slug: SLUG, id }) });
const annotationAt = (id: string) => `${ORIGIN}/api/documents/${SLUG}/annotations/${encodeURIComponent(id)}`;

let text: string;
let dir: string;
let alice: Account;
let bob: Account;

function post(body: string | Uint8Array | unknown, options: { account?: Account; type?: string | null } = {}) {
  const headers: Record<string, string> = {};
  if (options.type !== null) headers["content-type"] = options.type ?? LD_JSON;
  if (options.account) headers.cookie = options.account.cookie;
  const payload = typeof body === "string" || body instanceof Uint8Array ? body : JSON.stringify(body);
  return postRoute(
    new Request(`${ORIGIN}/api/documents/${SLUG}/annotations/`, { method: "POST", headers, body: payload as BodyInit }),
    slugParams,
  );
}

const at = (exact: string, from = 0) => {
  const start = text.indexOf(exact, from);
  expect(start).toBeGreaterThanOrEqual(0);
  return { start, end: start + exact.length };
};

function comment(exact: string, value = "A comment.", extra: Record<string, unknown> = {}) {
  return commentAnnotation(`${ORIGIN}/documents/${SLUG}`, exact, at(exact).start, value, extra);
}

const idOf = (location: string) => decodeURIComponent(new URL(location).pathname.split("/").pop()!);
const get = (id: string, account?: Account) =>
  getRoute(new Request(annotationAt(id), { headers: account ? { cookie: account.cookie } : {} }), idParams(id));
const list = async (account?: Account) =>
  (
    await listRoute(
      new Request(`${ORIGIN}/api/documents/${SLUG}/annotations/`, { headers: account ? { cookie: account.cookie } : {} }),
      slugParams,
    )
  ).json();
const userRows = () => getDb().annotation.count({ where: { documentId: { not: undefined }, origin: "user", document: { slug: SLUG } } });

async function createOk(body: unknown, account = alice) {
  const response = await post(body, { account });
  expect(response.status, JSON.stringify(await response.clone().json())).toBe(201);
  return { response, id: idOf(response.headers.get("location")!), annotation: await response.json() };
}

function change(method: "PUT" | "DELETE", id: string, account: Account | undefined, ifMatch: string | null, body?: unknown) {
  const headers: Record<string, string> = { "content-type": LD_JSON };
  if (account) headers.cookie = account.cookie;
  if (ifMatch !== null) headers["if-match"] = ifMatch;
  const request = new Request(annotationAt(id), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return method === "PUT" ? putRoute(request, idParams(id)) : deleteRoute(request, idParams(id));
}

beforeAll(async () => {
  dir = makeContentFolder({ [`${SLUG}.md`]: smallDocument(PARAGRAPH, "Protocol test document") });
  const result = await importDocument(getDb(), path.join(dir, `${SLUG}.md`));
  text = (await getDb().documentVersion.findFirstOrThrow({ where: { hash: result.version } })).text;
  alice = await signUp("alice@example.org");
  bob = await signUp("bob@example.org");
});

afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await disconnectDb();
});

describe("POST /api/documents/:slug/annotations", () => {
  it("creates an annotation: 201, Location, ETag, a conformant W3C annotation with its creator", async () => {
    const { response, id, annotation } = await createOk(comment("Ghulja", "Now Yining."));
    expect(response.headers.get("content-type")).toBe(LD_JSON);
    expect(response.headers.get("location")).toBe(annotationAt(id));
    expect(response.headers.get("etag")).toMatch(/^"[0-9a-f]{32}"$/);
    expect(conformanceFailures(annotation)).toEqual([]);
    expect(annotation).toMatchObject({
      "@context": ANNO,
      id: response.headers.get("location"),
      motivation: "commenting",
      body: { type: "TextualBody", value: "Now Yining.", format: "text/plain" },
      creator: { type: "Person" },
      visibility: "public",
      anchoring: { state: "exact" },
    });
    const [quote, position] = annotation.target.selector;
    expect(text.slice(position.start, position.end)).toBe("Ghulja");
    expect(quote).toMatchObject({ exact: "Ghulja", prefix: text.slice(position.start - 32, position.start) });
    const again = await get(id);
    expect(again.status).toBe(200);
    expect(again.headers.get("etag")).toBe(response.headers.get("etag"));
    expect(again.headers.get("allow")).toBe("GET, HEAD, PUT, DELETE, OPTIONS");
    expect(await again.json()).toEqual(annotation);
  });

  it("anchors a quote without a position when it occurs exactly once, and rejects an ambiguous or absent one", async () => {
    const onlyQuote = (exact: string, extra: object = {}) => ({
      ...comment("Ghulja"),
      target: { selector: { type: "TextQuoteSelector", exact, ...extra } },
    });
    const { annotation } = await createOk(onlyQuote("Ürümchi"));
    expect(annotation.target.selector[1]).toEqual({ type: "TextPositionSelector", ...at("Ürümchi") });
    for (const [body, reason] of [
      [onlyQuote("The river"), /more than once/],
      [onlyQuote("Kashgar"), /not in the document/],
    ] as const) {
      const response = await post(body, { account: alice });
      expect(response.status).toBe(422);
      expect((await response.json()).error.message).toMatch(reason);
    }
    const narrowed = await createOk(onlyQuote("The river", { prefix: "valley. " }));
    expect(narrowed.annotation.target.selector[1]).toEqual({ type: "TextPositionSelector", ...at("The river", at("The river").start + 1) });
  });

  it("answers 401 without a session and stores nothing", async () => {
    const before = await userRows();
    const response = await post(comment("Ghulja"));
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("unauthenticated");
    const forged = await post(comment("Ghulja"), { account: { id: "x", cookie: "better-auth.session_token=forged.value" } });
    expect(forged.status).toBe(401);
    expect(await userRows()).toBe(before);
  });

  it("answers 415 for another media type, 400 for malformed JSON, invalid UTF-8 and unknown fields, 413 when oversize", async () => {
    const before = await userRows();
    for (const type of ["text/plain", "application/xml", null, 'application/ld+json; profile="http://example.org/other"']) {
      expect((await post(comment("Ghulja"), { account: alice, type })).status).toBe(415);
    }
    expect((await post(comment("Ghulja"), { account: alice, type: "application/json" })).status).toBe(201);

    const malformed = await post('{"@context": ', { account: alice });
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.code).toBe("bad_request");
    const badUtf8 = await post(new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), { account: alice });
    expect(badUtf8.status).toBe(400);
    const unknown = await post(comment("Ghulja", "x", { colour: "red" }), { account: alice });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: "colour" })]));
    const badContext = await post(comment("Ghulja", "x", { "@context": "https://www.w3.org/ns/anno.jsonld" }), { account: alice });
    expect(badContext.status).toBe(400);
    const badMotivation = await post(comment("Ghulja", "x", { motivation: "shouting" }), { account: alice });
    expect(badMotivation.status).toBe(400);
    const tooLong = await post(comment("Ghulja", "x".repeat(10_001)), { account: alice });
    expect(tooLong.status).toBe(400);

    const oversize = await post(comment("Ghulja", "x".repeat(70_000)), { account: alice });
    expect(oversize.status).toBe(413);
    expect((await oversize.json()).error.code).toBe("too_large");
    expect(await userRows()).toBe(before + 1);
  });

  it("answers 422 for a quote that does not match its position, a range outside the text, a whitespace-only or empty selection", async () => {
    const before = await userRows();
    const withSelectors = (selector: unknown) => ({ ...comment("Ghulja"), target: { selector } });
    const cases: Array<[unknown, RegExp]> = [
      [
        [
          { type: "TextQuoteSelector", exact: "Ghulja" },
          { type: "TextPositionSelector", ...at("Ürümchi") },
        ],
        /does not match/,
      ],
      [{ type: "TextPositionSelector", start: text.length - 2, end: text.length + 5 }, /outside the text/],
      [{ type: "TextPositionSelector", start: at(" and ").start, end: at(" and ").start + 1 }, /whitespace/],
      [{ type: "TextPositionSelector", start: 10, end: 10 }, /empty/],
      [{ type: "TextQuoteSelector", exact: "   " }, /whitespace/],
    ];
    for (const [selector, reason] of cases) {
      const response = await post(withSelectors(selector), { account: alice });
      expect(response.status, JSON.stringify(selector)).toBe(422);
      expect((await response.json()).error.message).toMatch(reason);
    }
    expect(
      (
        await post(
          { ...comment("Ghulja"), target: { ...comment("Ghulja").target, source: `${ORIGIN}/documents/other` } },
          { account: alice },
        )
      ).status,
    ).toBe(422);
    expect(await userRows()).toBe(before);
  });

  it("stores emoji, combining marks and Uyghur in Arabic script unchanged, in the body and the quote", async () => {
    for (const exact of ["🏔️👩🏽‍🔬", "e\u0301", "ئۇيغۇرچە يېزىق"]) {
      const value = `Note on ${exact}: ئۇيغۇر تىلى 👩🏽‍🔬 a\u0300\u0301 <script>alert(1)</script>`;
      const { id, annotation } = await createOk(comment(exact, value));
      expect(annotation.body.value).toBe(value);
      const served = await (await get(id)).json();
      expect(served.body.value).toBe(value);
      expect(served.target.selector[0].exact).toBe(exact);
      const [, position] = served.target.selector;
      expect(text.slice(position.start, position.end)).toBe(exact);
    }
  });

  it("accepts several TextualBodies and an identifying SpecificResource, and rejects a SpecificResource otherwise", async () => {
    const bodies = [
      { type: "TextualBody", value: "river", purpose: "tagging", format: "text/plain" },
      { type: "TextualBody", value: "**cold**", format: "text/markdown" },
    ];
    const many = await createOk({ ...comment("cold"), motivation: "tagging", body: bodies });
    expect(many.annotation.body).toEqual(bodies);
    expect(conformanceFailures(many.annotation)).toEqual([]);
    const resource = { type: "SpecificResource", source: "https://www.wikidata.org/wiki/Q123", purpose: "identifying" };
    const identifying = await createOk({ ...comment("Ghulja"), motivation: "identifying", body: resource });
    expect(identifying.annotation.body).toEqual(resource);
    expect(conformanceFailures(identifying.annotation)).toEqual([]);
    expect((await post({ ...comment("Ghulja"), body: resource }, { account: alice })).status).toBe(422);
    const highlight = await createOk({ ...comment("valley"), motivation: "highlighting", body: undefined });
    expect(highlight.annotation.body).toBeUndefined();
  });

  it("answers the collection's Allow and Accept-Post headers", async () => {
    const response = await listRoute(new Request(`${ORIGIN}/api/documents/${SLUG}/annotations/`), slugParams);
    expect(response.headers.get("allow")).toBe("GET, HEAD, POST, OPTIONS");
    expect(response.headers.get("accept-post")).toBe(LD_JSON);
  });

  it("limits each account's writes per minute with a JSON 429", async () => {
    const carol = await signUp("carol@example.org");
    await getDb().writeEvent.createMany({ data: Array.from({ length: 60 }, () => ({ userId: carol.id })) });
    const before = await userRows();
    const response = await post(comment("Ghulja"), { account: carol });
    expect(response.status).toBe(429);
    expect((await response.json()).error.code).toBe("rate_limited");
    expect(await userRows()).toBe(before);
    expect((await post(comment("Ghulja"), { account: alice })).status).toBe(201);
  });
});

describe("accounts", () => {
  it("never lets a sign-up choose its role", async () => {
    const response = await authPost(
      new Request(`${ORIGIN}/api/auth/sign-up/email`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "mallory@example.org", password: "correct horse battery", name: "m", role: "editor" }),
      }),
    );
    expect(response.status).toBeLessThan(500);
    const user = await getDb().user.findUnique({ where: { email: "mallory@example.org" } });
    expect(user === null || user.role === "annotator").toBe(true);
  });
});

describe("private annotations", () => {
  it("are served to their author only: invisible to others in GET and in the collection total", async () => {
    const { id, annotation } = await createOk(comment("Ghulja", "Only for me.", { visibility: "private" }));
    expect(annotation.visibility).toBe("private");
    expect((await get(id, alice)).status).toBe(200);
    expect((await get(id, bob)).status).toBe(404);
    expect((await get(id)).status).toBe(404);

    const mine = await list(alice);
    const theirs = await list(bob);
    const anonymous = await list();
    expect(mine.total).toBe(theirs.total + 1);
    expect(anonymous.total).toBe(theirs.total);
    expect(mine.first.items.map((a: { id: string }) => a.id)).toContain(annotation.id);
    expect(theirs.first.items.map((a: { id: string }) => a.id)).not.toContain(annotation.id);

    const bobs = await createOk(comment("valley", "Bob's secret.", { visibility: "private" }), bob);
    expect((await list(alice)).first.items.map((a: { id: string }) => a.id)).not.toContain(bobs.annotation.id);
    expect((await list(bob)).total).toBe(theirs.total + 1);
    expect((await change("PUT", id, bob, "*", comment("Ghulja"))).status).toBe(404);
  });
});

describe("PUT and DELETE /api/documents/:slug/annotations/:id", () => {
  it("lets the author replace an annotation with If-Match: 200 with a new ETag; 403 for others, 401 signed out", async () => {
    const { id, response } = await createOk(comment("Ghulja", "First."));
    const etag = response.headers.get("etag")!;
    const replacement = comment("Ürümchi", "Second.", { motivation: "questioning", visibility: "public" });

    expect((await change("PUT", id, undefined, etag, replacement)).status).toBe(401);
    const forbidden = await change("PUT", id, bob, etag, replacement);
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).error.code).toBe("forbidden");
    expect((await change("DELETE", id, bob, etag)).status).toBe(403);

    const ok = await change("PUT", id, alice, etag, replacement);
    expect(ok.status).toBe(200);
    const newEtag = ok.headers.get("etag")!;
    expect(newEtag).not.toBe(etag);
    expect(ok.headers.get("allow")).toBe("GET, HEAD, PUT, DELETE, OPTIONS");
    const updated = await ok.json();
    expect(conformanceFailures(updated)).toEqual([]);
    expect(updated).toMatchObject({ motivation: "questioning", body: { value: "Second." } });
    expect(updated.target.selector[0].exact).toBe("Ürümchi");

    // a round trip of what GET served is accepted as a replacement
    const served = await (await get(id)).json();
    const roundTrip = await change("PUT", id, alice, newEtag, { ...served, body: { ...served.body, value: "Third." } });
    expect(roundTrip.status).toBe(200);
  });

  it("needs If-Match: 428 without it, 412 when stale; and validates the replacement like a create", async () => {
    const { id, response } = await createOk(comment("Ghulja", "Versioned."));
    const etag = response.headers.get("etag")!;
    const missing = await change("PUT", id, alice, null, comment("Ghulja", "v2"));
    expect(missing.status).toBe(428);
    expect((await change("DELETE", id, alice, null)).status).toBe(428);
    // Whether the annotation exists and may be changed is said first: 404 and 403, not 428.
    expect((await change("PUT", "no-such-annotation", alice, null, comment("Ghulja", "v2"))).status).toBe(404);
    expect((await change("DELETE", "no-such-annotation", alice, null)).status).toBe(404);
    expect((await change("PUT", id, bob, null, comment("Ghulja", "v2"))).status).toBe(403);
    expect((await change("DELETE", id, bob, null)).status).toBe(403);
    expect((await change("PUT", id, alice, etag, comment("Ghulja", "v2"))).status).toBe(200);
    const stale = await change("PUT", id, alice, etag, comment("Ghulja", "v3"));
    expect(stale.status).toBe(412);
    expect((await change("DELETE", id, alice, etag)).status).toBe(412);
    const current = (await get(id)).headers.get("etag")!;
    expect((await change("PUT", id, alice, current, comment("Ghulja", "x", { colour: "red" }))).status).toBe(400);
    const mismatch = {
      ...comment("Ghulja"),
      target: {
        selector: [
          { type: "TextQuoteSelector", exact: "valley" },
          { type: "TextPositionSelector", ...at("Ghulja") },
        ],
      },
    };
    expect((await change("PUT", id, alice, current, mismatch)).status).toBe(422);
    expect((await (await get(id)).json()).body.value).toBe("v2");
  });

  it("deletes with the right If-Match: 204, then 404", async () => {
    const { id, response } = await createOk(comment("Ghulja", "Doomed."));
    const deleted = await change("DELETE", id, alice, response.headers.get("etag"));
    expect(deleted.status).toBe(204);
    expect((await get(id)).status).toBe(404);
    expect((await change("DELETE", id, alice, "*")).status).toBe(404);
  });

  it("lets an editor change a reader's annotation", async () => {
    const editor = await signUp("editor@example.org");
    await getDb().user.update({ where: { id: editor.id }, data: { role: "editor" } });
    const { id, response } = await createOk(comment("Ghulja", "Needs an edit."), bob);
    const ok = await change("PUT", id, editor, response.headers.get("etag"), comment("Ghulja", "Edited."));
    expect(ok.status).toBe(200);
    expect((await ok.json()).creator.id).toMatch(new RegExp(`/users/${bob.id}$`));
  });
});

describe("the container's ETag", () => {
  const MINIMAL = 'return=representation;include="http://www.w3.org/ns/ldp#PreferMinimalContainer"';
  const container = (account?: Account, headers: Record<string, string> = {}, method = "GET") =>
    listRoute(
      new Request(`${ORIGIN}/api/documents/${SLUG}/annotations/`, {
        method,
        headers: { ...headers, ...(account ? { cookie: account.cookie } : {}) },
      }),
      slugParams,
    );
  const etagOf = async (account?: Account, headers: Record<string, string> = {}) => (await container(account, headers)).headers.get("etag");

  it("is strong, comes with HEAD too, and answers a matching If-None-Match with 304", async () => {
    const response = await container(alice);
    const etag = response.headers.get("etag")!;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const head = await container(alice, {}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers.get("etag")).toBe(etag);
    expect(head.headers.get("content-location")).toBe(`${ORIGIN}/api/documents/${SLUG}/annotations/`);
    const again = await container(alice, { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect((await container(alice, { "if-none-match": '"other"' })).status).toBe(200);
  });

  it("changes when an annotation the requester may see changes, even one the representation leaves out", async () => {
    const { id, response } = await createOk(comment("Ghulja", "Before."), bob);
    const minimal = await etagOf(alice, { prefer: MINIMAL });
    const full = await etagOf(alice);
    expect(await etagOf(alice, { prefer: MINIMAL })).toBe(minimal);
    expect(minimal).not.toBe(full);
    // The minimal representation is the same before and after (no annotation in it, the same total).
    expect((await change("PUT", id, bob, response.headers.get("etag"), comment("Ghulja", "After."))).status).toBe(200);
    expect(await etagOf(alice, { prefer: MINIMAL })).not.toBe(minimal);
    expect(await etagOf(alice)).not.toBe(full);
  });

  it("stays the same when another reader's private annotations come, change and go", async () => {
    const before = await etagOf(alice);
    const secret = await createOk(comment("valley", "Not for Alice.", { visibility: "private" }), bob);
    expect(await etagOf(alice)).toBe(before);
    const edited = await change(
      "PUT",
      secret.id,
      bob,
      secret.response.headers.get("etag"),
      comment("valley", "Still not.", { visibility: "private" }),
    );
    expect(edited.status).toBe(200);
    expect(await etagOf(alice)).toBe(before);
    expect((await change("DELETE", secret.id, bob, edited.headers.get("etag"))).status).toBe(204);
    expect(await etagOf(alice)).toBe(before);
  });
});

describe("annotation IRIs served before", () => {
  const former = (id: string, method = "GET", account?: Account, suffix = "", headers: Record<string, string> = {}, body?: unknown) =>
    fetchApi(`${ORIGIN}/api/annotations/${encodeURIComponent(id)}${suffix}`, {
      method,
      headers: { ...headers, ...(account ? { cookie: account.cookie } : {}), ...(body ? { "content-type": LD_JSON } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it("redirect permanently (308) to the annotation's IRI in its container, and PUT and DELETE keep their method through it", async () => {
    const { id, annotation, response } = await createOk(comment("Ghulja", "Made before the move."));
    const redirect = await dispatch(new Request(`${ORIGIN}/api/annotations/${encodeURIComponent(id)}?x=1`));
    expect(redirect.status).toBe(308);
    expect(redirect.headers.get("location")).toBe(`${new URL(annotation.id).pathname}?x=1`);
    const followed = await former(id);
    expect(followed.status).toBe(200);
    expect(await followed.json()).toEqual(annotation);
    const replaced = await former(
      id,
      "PUT",
      alice,
      "",
      { "if-match": response.headers.get("etag")! },
      comment("Ghulja", "Replaced there."),
    );
    expect(replaced.status).toBe(200);
    expect((await replaced.json()).body.value).toBe("Replaced there.");
    const anchorAt = await dispatch(
      new Request(`${ORIGIN}/api/annotations/${encodeURIComponent(id)}/anchor`, { method: "POST", headers: { cookie: alice.cookie } }),
    );
    expect(anchorAt.status).toBe(308);
    expect(anchorAt.headers.get("location")).toBe(`${new URL(annotation.id).pathname}/anchor`);
    const current = await get(id);
    expect((await former(id, "DELETE", alice, "", { "if-match": current.headers.get("etag")! })).status).toBe(204);
    expect((await former(id)).status).toBe(404);
  });

  it("say nothing of a private annotation to anyone but its author: 404 as for an unknown id", async () => {
    const { id } = await createOk(comment("Ghulja", "Mine alone.", { visibility: "private" }));
    expect((await dispatch(new Request(`${ORIGIN}/api/annotations/${id}`, { headers: { cookie: alice.cookie } }))).status).toBe(308);
    for (const account of [bob, undefined]) {
      const response = await dispatch(
        new Request(`${ORIGIN}/api/annotations/${id}`, { headers: account ? { cookie: account.cookie } : {} }),
      );
      expect(response.status).toBe(404);
      expect(response.headers.get("location")).toBeNull();
      expect((await response.json()).error).toEqual({ code: "not_found", message: `No annotation "${id}".` });
    }
  });
});

describe("canonical and via", () => {
  it("are kept on create, may be repeated or left out on replace, and cannot be changed (422)", async () => {
    const { id, annotation, response } = await createOk(
      comment("Ghulja", "Kept.", { canonical: "urn:uuid:0f6e7b4c-1d2a-4c3b-9e8f-7a6b5c4d3e2f", id: "https://elsewhere.example/a/1" }),
    );
    expect(annotation).toMatchObject({ canonical: "urn:uuid:0f6e7b4c-1d2a-4c3b-9e8f-7a6b5c4d3e2f", via: "https://elsewhere.example/a/1" });
    expect(annotation.id).not.toBe("https://elsewhere.example/a/1");
    let etag = response.headers.get("etag")!;
    const repeated = await change("PUT", id, alice, etag, { ...annotation, body: { type: "TextualBody", value: "Again." } });
    expect(repeated.status).toBe(200);
    etag = repeated.headers.get("etag")!;
    const omitted = await change("PUT", id, alice, etag, comment("Ghulja", "Without them."));
    expect(omitted.status).toBe(200);
    expect(await omitted.json()).toMatchObject({ canonical: annotation.canonical, via: annotation.via });
    etag = omitted.headers.get("etag")!;
    for (const changed of [{ canonical: "urn:uuid:another" }, { via: "https://elsewhere.example/a/2" }]) {
      const refused = await change("PUT", id, alice, etag, comment("Ghulja", "Changed.", changed));
      expect(refused.status).toBe(422);
      expect((await refused.json()).error.message).toMatch(/cannot change/);
    }
    expect((await (await get(id)).json()).body.value).toBe("Without them.");
  });

  it("must be absolute IRIs (400 otherwise), as must a client's id", async () => {
    for (const extra of [{ canonical: "not an iri" }, { via: "relative/path" }, { id: "42" }]) {
      const response = await post(comment("Ghulja", "Bad IRI.", extra), { account: alice });
      expect(response.status).toBe(400);
    }
  });
});

describe("hostile input", () => {
  it("never answers 5xx to 200 random and hostile bodies, and stores nothing when it rejects one", async () => {
    const dave = await signUp("dave@example.org");
    const valid = comment("Ghulja", "Fine.");
    const keys = [...Object.keys(valid), "extra", "__proto__", "constructor"];
    const mutated = fc
      .record({ key: fc.constantFrom(...keys), value: fc.anything({ withNullPrototype: true, withObjectString: true }) })
      .map(({ key, value }) => JSON.stringify({ ...valid, [key]: value }));
    const nested = fc
      .record({
        motivation: fc.oneof(fc.constantFrom("commenting", "tagging", "highlighting", "identifying"), fc.string()),
        value: fc.oneof(fc.string({ unit: "binary", maxLength: 200 }), fc.constant("\u0000"), fc.constant("\uD800")),
        start: fc.oneof(fc.integer({ min: -5, max: text.length + 5 }), fc.double(), fc.constant(null)),
        length: fc.integer({ min: -2, max: 40 }),
        exact: fc.option(fc.string({ unit: "binary", maxLength: 20 }), { nil: undefined }),
      })
      .map(({ motivation, value, start, length, exact }) =>
        JSON.stringify({
          ...valid,
          motivation,
          body: { type: "TextualBody", value },
          target: {
            selector: [
              ...(exact === undefined ? [] : [{ type: "TextQuoteSelector", exact }]),
              { type: "TextPositionSelector", start, end: typeof start === "number" ? start + length : start },
            ],
          },
        }),
      );
    const bodies = fc.oneof(
      fc.string({ unit: "binary", maxLength: 300 }),
      fc.json(),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.uint8Array({ maxLength: 300 }),
      mutated,
      nested,
      fc.constantFrom("", "null", "[]", "{}", '{"@context":"http://www.w3.org/ns/anno.jsonld"}', "1e999", '"\\ud800"', "[".repeat(5000)),
    );
    let created = 0;
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const before = await userRows();
        const response = await post(body, { account: dave });
        expect(response.status).toBeLessThan(500);
        if (response.status === 201) created++;
        else expect(await userRows()).toBe(before);
        const json = await response.json();
        if (response.status >= 400) expect(typeof json.error.code).toBe("string");
      }),
      { numRuns: 200 },
    );
    expect(created).toBeLessThan(200);
  });
});

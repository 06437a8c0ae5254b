import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELETE as deleteRoute, GET as claimRoute, PATCH as patchRoute } from "@/app/api/claims/[id]/route";
import { GET as listRoute, POST as postRoute } from "@/app/api/documents/[slug]/claims/route";
import { GET as conflictsRoute } from "@/app/api/documents/[slug]/conflicts/route";
import { GET as searchRoute } from "@/app/api/documents/[slug]/search/route";
import { USER_CLAIM_ORDINAL_BASE } from "@/lib/claims/user-claims";
import { disconnectDb, getDb } from "@/lib/db";
import { importDocument } from "@/lib/documents/import-document";
import { conformanceFailures } from "../support/w3c-conformance";
import { signUp, type Account } from "./accounts";
import { editionPath, smallDocument } from "./helpers";
import { annotationClient, idParams, importContent, ORIGIN, onText, request, signUpEditor, slugParams } from "./layer";

process.env.BETTER_AUTH_SECRET ??= "test-secret-for-the-annotation-protocol-tests-0123456789";

const DOC = "claims-layer-doc";
const BODY =
  "The caravan left Kashgar at dawn on 3 May 1935. It carried tea and silk.\n\n" +
  "The caravan reached Aksu in June 1935, a month later than planned. Some say it never reached Aksu at all.";
const CLAIMS = `claims:
  - id: claims-layer-caravan-left
    statement: The caravan left Kashgar in May 1935.
    kind: date
    date:
      value: "1935-05"
      precision: month
    evidence:
      - stance: supports
        quote: "{The caravan left Kashgar at dawn on 3 May 1935.}"
conflicts:
  - id: claims-layer-arrival
    reason: The text both has the caravan reach Aksu and doubts it.
    sides:
      - claim: claims-layer-caravan-left
        quote: "{The caravan reached Aksu in June 1935}"
      - quote: "{Some say it never reached Aksu at all.}"
`;

let content: Awaited<ReturnType<typeof importContent>>;
let text: string;
let maker: Account;
let stranger: Account;
let editor: Account;

const range = (exact: string, stance = "supports") => {
  const start = text.indexOf(exact);
  expect(start, exact).toBeGreaterThanOrEqual(0);
  return { start, end: start + exact.length, stance };
};

const post = (body: unknown, account?: Account, options: { type?: string | null; slug?: string } = {}) =>
  postRoute(
    request(`/api/documents/${options.slug ?? DOC}/claims`, { method: "POST", body, account, type: options.type }),
    slugParams(options.slug ?? DOC),
  );
const patch = (id: string, body: unknown, account?: Account, headers: Record<string, string> = {}) =>
  patchRoute(request(`/api/claims/${id}`, { method: "PATCH", body, account, headers }), idParams(id));
const remove = (id: string, account?: Account, headers: Record<string, string> = {}) =>
  deleteRoute(request(`/api/claims/${id}`, { method: "DELETE", account, headers }), idParams(id));
const getClaim = (id: string) => claimRoute(request(`/api/claims/${id}`), idParams(id));
const listClaims = async () => (await (await listRoute(request(`/api/documents/${DOC}/claims`), slugParams(DOC))).json()).claims;

async function createOk(body: Record<string, unknown>, account = maker) {
  const response = await post(body, account);
  expect(response.status, JSON.stringify(await response.clone().json())).toBe(201);
  return { response, claim: await response.json() };
}

const claim = (statement: string, extra: Record<string, unknown> = {}) => ({
  statement,
  kind: "event",
  evidence: [range("It carried tea and silk.")],
  ...extra,
});

beforeAll(async () => {
  await importDocument(getDb(), editionPath); // for its entities (aksu, kashgar)
  content = await importContent({ [`${DOC}.md`]: smallDocument(BODY, "Claims layer"), [`${DOC}.claims.yaml`]: CLAIMS });
  text = content.texts[DOC];
  maker = await signUp("maker.claims@example.org");
  stranger = await signUp("stranger.claims@example.org");
  editor = await signUpEditor("editor.claims@example.org");
});

afterAll(async () => {
  content.remove();
  await disconnectDb();
});

describe("POST /api/documents/:slug/claims", () => {
  it("creates a claim with one evidence annotation per range: 201, Location, served as GET serves it", async () => {
    const { response, claim: created } = await createOk({
      statement: "The caravan reached Aksu in June 1935.",
      kind: "date",
      date: { value: "1935-06" },
      entities: ["aksu"],
      evidence: [
        range("The caravan reached Aksu in June 1935"),
        range("a month later than planned", "qualifies"),
        range("never reached Aksu", "contradicts"),
      ],
    });
    expect(created).toMatchObject({
      id: "u--the-caravan-reached-aksu-in-june-1935",
      statement: "The caravan reached Aksu in June 1935.",
      kind: "date",
      date: { value: "1935-06", precision: "month", approximate: false },
      entities: ["aksu"],
      origin: "user",
      createdBy: { id: maker.id, name: "maker.claims" },
    });
    expect(created.evidence.map((e: { stance: string; exact: string }) => [e.stance, e.exact])).toEqual([
      ["supports", "The caravan reached Aksu in June 1935"],
      ["qualifies", "a month later than planned"],
      ["contradicts", "never reached Aksu"],
    ]);
    expect(response.headers.get("location")).toBe(`${ORIGIN}/api/claims/${created.id}`);
    expect(response.headers.get("etag")).toMatch(/^"[0-9a-f]{32}"$/);

    const listed = await listClaims();
    expect(listed.find((c: { id: string }) => c.id === created.id)).toEqual(created);
    expect(listed[0]).toMatchObject({ id: "claims-layer-caravan-left", origin: "curated", createdBy: null });
    expect(listed.findIndex((c: { id: string }) => c.id === created.id)).toBeGreaterThan(0);
    const stored = await getDb().claim.findUniqueOrThrow({ where: { id: created.id }, include: { evidence: true } });
    expect(stored).toMatchObject({ origin: "user", createdById: maker.id });
    expect(stored.ordinal).toBeGreaterThanOrEqual(USER_CLAIM_ORDINAL_BASE);
    expect(stored.evidence).toHaveLength(3);
    for (const e of stored.evidence)
      expect(e).toMatchObject({ motivation: "linking", origin: "user", visibility: "public", creatorId: maker.id });

    const one = await getClaim(created.id);
    expect(one.status).toBe(200);
    expect(await one.json()).toEqual({ ...created, document: { slug: DOC, title: "Claims layer" } });
    expect(one.headers.get("etag")).toBe(response.headers.get("etag"));
  });

  it("serves the evidence as conformant annotations linking the claim, which only the claim changes", async () => {
    const { claim: created } = await createOk(claim("Tea and silk were carried."));
    const client = annotationClient(DOC);
    const annotationId = created.evidence[0].annotationId;
    const served = await (await client.get(annotationId)).json();
    expect(served).toMatchObject({ motivation: "linking", claim: `${ORIGIN}/documents/${DOC}?claim=${created.id}`, stance: "supports" });
    expect(conformanceFailures(served)).toEqual([]);
    const put = await client.put(annotationId, onText(DOC, text, "It carried tea and silk."), maker);
    expect(put.status).toBe(422);
    expect((await put.json()).error.message).toMatch(/evidence of a claim/);
  });

  it("counts a claim as one write, and refuses it over the limit (429) without storing anything", async () => {
    const before = await getDb().writeEvent.count({ where: { userId: maker.id } });
    await createOk(claim("One write for many ranges.", { evidence: [range("tea"), range("silk"), range("dawn")] }));
    expect(await getDb().writeEvent.count({ where: { userId: maker.id } })).toBe(before + 1);
    const busy = await signUp("busy.claims@example.org");
    await getDb().writeEvent.createMany({ data: Array.from({ length: 60 }, () => ({ userId: busy.id })) });
    expect((await post(claim("Too many."), busy)).status).toBe(429);
    expect(await getDb().claim.count({ where: { createdById: busy.id } })).toBe(0);
  });

  it("keeps ids unique, infers a date's precision and takes a year given as a number", async () => {
    const a = await createOk(claim("Same words."));
    const b = await createOk(claim("Same words!", { kind: "date", date: { value: 1935, approximate: true, end: "1936-02" } }), stranger);
    expect([a.claim.id, b.claim.id]).toEqual(["u--same-words", "u--same-words-2"]);
    expect(b.claim.date).toEqual({ value: "1935", end: "1936-02", precision: "year", approximate: true });
  });

  it("answers 401 signed out, 415 for another media type, 413 when oversize, 404 for an unknown document", async () => {
    expect((await post(claim("Anonymous."))).status).toBe(401);
    expect((await post(claim("Typed."), maker, { type: "text/plain" })).status).toBe(415);
    expect((await post(claim("x".repeat(70_000)), maker)).status).toBe(413);
    const unknown = await post(claim("Nowhere."), maker, { slug: "no-such-doc" });
    expect(unknown.status).toBe(404);
  });

  it("answers 400 for a malformed or invalid claim", async () => {
    const before = await getDb().claim.count();
    const cases: unknown[] = [
      "{",
      claim(""),
      claim("Bad kind.", { kind: "opinion" }),
      claim("No evidence.", { evidence: [] }),
      claim("Too much evidence.", { evidence: Array.from({ length: 21 }, (_, i) => ({ start: i, end: i + 1, stance: "supports" })) }),
      claim("Bad stance.", { evidence: [{ ...range("tea"), stance: "agrees" }] }),
      claim("Fraction.", { evidence: [{ start: 1.5, end: 4, stance: "supports" }] }),
      claim("Quote instead.", { evidence: [{ ...range("tea"), exact: "tea" }] }),
      claim("Bad date.", { date: { value: "May 1935" } }),
      claim("Bad month.", { date: { value: "1935-13" } }),
      claim("Wrong precision.", { date: { value: "1935-05", precision: "day" } }),
      claim("Ends first.", { date: { value: "1935", end: "1934" } }),
      claim("Chosen id.", { id: "my-id" }),
      claim("Origin.", { origin: "curated" }),
    ];
    for (const body of cases) {
      const response = await post(body, maker);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect((await response.json()).error.code).toBe("bad_request");
    }
    expect(await getDb().claim.count()).toBe(before);
  });

  it("refuses dates that are not on the calendar, created or changed, with the reason and nothing stored; takes every real one from 0001 to 9999", async () => {
    const before = await getDb().claim.count();
    const messages = (error: { details: Array<{ path: string; message: string }> }) =>
      error.details.map((d) => `${d.path}: ${d.message}`).join("\n");
    const unreal: Array<[Record<string, unknown>, RegExp]> = [
      [{ value: "2020-02-31" }, /"2020-02-31" is not a day: 2020-02 has 29 days/],
      [{ value: "2019-02-29" }, /2019-02 has 28 days/],
      [{ value: "1944-04-31" }, /1944-04 has 30 days/],
      [{ value: "1944-11-00" }, /is not a day/],
      [{ value: "0000" }, /"0000" is not a year/],
      [{ value: "0000-01-01" }, /is not a year/],
      [{ value: "1935-00" }, /is not a month/],
      [{ value: "12345" }, /not a date as YYYY, YYYY-MM or YYYY-MM-DD/],
      [{ value: "1944", end: "1944-02-30" }, /"1944-02-30" is not a day/],
    ];
    for (const [date, reason] of unreal) {
      const response = await post(claim("Unreal date.", { kind: "date", date }), maker);
      expect(response.status, JSON.stringify(date)).toBe(400);
      const { error } = await response.json();
      expect(error.code).toBe("bad_request");
      expect(messages(error), JSON.stringify(date)).toMatch(reason);
    }
    expect(await getDb().claim.count()).toBe(before);

    const { claim: dated } = await createOk(
      claim("Dated at the edges.", { kind: "date", date: { value: "0001-01-01", end: "9999-12-31" } }),
    );
    expect(dated.date).toEqual({ value: "0001-01-01", end: "9999-12-31", precision: "day", approximate: false });
    const { claim: leap } = await createOk(claim("A leap day.", { kind: "date", date: { value: "2020-02-29" } }));
    expect(leap.date.value).toBe("2020-02-29");
    const { claim: ancient } = await createOk(claim("Long ago.", { kind: "date", date: { value: "0044-03-15" } }));
    expect(ancient.date.value).toBe("0044-03-15");

    for (const [date, reason] of unreal) {
      const response = await patch(leap.id, { date }, maker);
      expect(response.status, JSON.stringify(date)).toBe(400);
      expect(messages((await response.json()).error)).toMatch(reason);
    }
    expect((await (await getClaim(leap.id)).json()).date.value).toBe("2020-02-29");
  });

  it("answers 422 with the reason for evidence the text does not hold, a repeated range or an unknown entity", async () => {
    const before = await getDb().claim.count();
    const cases: Array<[unknown, RegExp]> = [
      [
        claim("Outside.", { evidence: [{ start: text.length - 2, end: text.length + 10, stance: "supports" }] }),
        /Evidence 1 .*outside the text/,
      ],
      [claim("Empty.", { evidence: [range("tea"), { start: 5, end: 5, stance: "supports" }] }), /Evidence 2 .*empty/],
      [claim("Blank.", { evidence: [{ start: text.indexOf(" and "), end: text.indexOf(" and ") + 1, stance: "supports" }] }), /whitespace/],
      [claim("Twice.", { evidence: [range("tea"), range("tea", "qualifies")] }), /Evidence 2 repeats evidence 1/],
      [claim("Unknown entity.", { entities: ["no-such-entity"] }), /No entity "no-such-entity"/],
    ];
    for (const [body, reason] of cases) {
      const response = await post(body, maker);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(422);
      expect((await response.json()).error.message).toMatch(reason);
    }
    expect(await getDb().claim.count()).toBe(before);
  });

  it("joins search like curated claims", async () => {
    await createOk(claim("The silk was from Khotan workshops."));
    const { results } = await (await searchRoute(request(`/api/documents/${DOC}/search?q=Khotan%20workshops`), slugParams(DOC))).json();
    expect(results).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: "claim", id: "u--the-silk-was-from-khotan-workshops" })]),
    );
  });
});

describe("PATCH, DELETE and GET /api/claims/:id", () => {
  it("lets the maker change statement, kind, date (null removes it) and entities, honouring If-Match when sent", async () => {
    const { claim: created, response } = await createOk(claim("Editable.", { kind: "date", date: { value: "1935" } }));
    const etag = response.headers.get("etag")!;
    const ok = await patch(created.id, { statement: "Edited.", entities: ["kashgar"] }, maker, { "if-match": etag });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ id: created.id, statement: "Edited.", entities: ["kashgar"], date: { value: "1935" } });
    expect(ok.headers.get("etag")).not.toBe(etag);
    expect((await patch(created.id, { statement: "Stale." }, maker, { "if-match": etag })).status).toBe(412);
    const undated = await patch(created.id, { date: null, kind: "event" }, maker);
    expect(await undated.json()).toMatchObject({ date: null, kind: "event", statement: "Edited." });
    expect(created.evidence).toEqual((await (await getClaim(created.id)).json()).evidence);
  });

  it("answers 401, 403 to another reader and to a reader on a curated claim, 404 unknown, 400 invalid, 422 unknown entity", async () => {
    const { claim: created } = await createOk(claim("Guarded claim."));
    expect((await patch(created.id, { statement: "x" })).status).toBe(401);
    expect((await patch(created.id, { statement: "Taken over." }, stranger)).status).toBe(403);
    expect((await remove(created.id, stranger)).status).toBe(403);
    expect((await patch("claims-layer-caravan-left", { statement: "Vandalised." }, maker)).status).toBe(403);
    expect((await remove("claims-layer-caravan-left", maker)).status).toBe(403);
    expect((await patch("no-such-claim", { statement: "x" }, editor)).status).toBe(404);
    expect((await remove("no-such-claim", editor)).status).toBe(404);
    expect((await getClaim("no-such-claim")).status).toBe(404);
    for (const body of [{}, { colour: "red" }, { statement: "" }, { date: { value: "1935", precision: "day" } }, { evidence: [] }])
      expect((await patch(created.id, body, maker)).status, JSON.stringify(body)).toBe(400);
    expect((await patch(created.id, { entities: ["no-such-entity"] }, maker)).status).toBe(422);
    expect((await (await getClaim(created.id)).json()).statement).toBe("Guarded claim.");
  });

  it("deletes a claim with its evidence (204), for its maker or an editor; 412 on a stale If-Match", async () => {
    const mine = await createOk(claim("Deleted by its maker."));
    expect((await remove(mine.claim.id, maker, { "if-match": '"stale"' })).status).toBe(412);
    expect((await remove(mine.claim.id, maker, { "if-match": mine.response.headers.get("etag")! })).status).toBe(204);
    expect((await getClaim(mine.claim.id)).status).toBe(404);
    expect(await getDb().annotation.count({ where: { id: mine.claim.evidence[0].annotationId } })).toBe(0);
    const theirs = await createOk(claim("Deleted by an editor."), stranger);
    expect((await remove(theirs.claim.id, editor)).status).toBe(204);
    expect((await listClaims()).map((c: { id: string }) => c.id)).not.toContain(theirs.claim.id);
  });

  it("lets an editor change a curated claim until the claims file next changes, and keeps conflict sides when one is deleted", async () => {
    const edited = await patch("claims-layer-caravan-left", { statement: "Edited by an editor." }, editor);
    expect(edited.status).toBe(200);
    expect((await edited.json()).origin).toBe("curated");
    const userClaim = await createOk(claim("Survives the import."));
    fs.writeFileSync(path.join(content.dir, `${DOC}.claims.yaml`), `${CLAIMS}\n# reviewed\n`);
    await importDocument(getDb(), path.join(content.dir, `${DOC}.md`));
    expect((await (await getClaim("claims-layer-caravan-left")).json()).statement).toBe("The caravan left Kashgar in May 1935.");
    expect((await getClaim(userClaim.claim.id)).status).toBe(200);
    expect((await (await getClaim(userClaim.claim.id)).json()).evidence).toHaveLength(1);

    expect((await remove("claims-layer-caravan-left", editor)).status).toBe(204);
    const { conflicts } = await (await conflictsRoute(request(`/api/documents/${DOC}/conflicts`), slugParams(DOC))).json();
    expect(conflicts[0].sides).toHaveLength(2);
    expect(conflicts[0].sides.every((s: { claimId?: string }) => s.claimId === undefined)).toBe(true);
  });
});

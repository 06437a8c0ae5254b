import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as importRoute } from "@/app/api/documents/[slug]/annotations/import/route";
import { GET as occurrencesRoute } from "@/app/api/documents/[slug]/entities/[id]/occurrences/route";
import { GET as documentEntitiesRoute } from "@/app/api/documents/[slug]/entities/route";
import { GET as entityRoute, PATCH as patchRoute } from "@/app/api/entities/[id]/route";
import { GET as lookupRoute, POST as createRoute } from "@/app/api/entities/route";
import { disconnectDb, getDb } from "@/lib/db";
import { importDocument } from "@/lib/documents/import-document";
import { conformanceFailures } from "../support/w3c-conformance";
import { signUp, type Account } from "./accounts";
import { editionPath, smallDocument } from "./helpers";
import { annotationClient, idParams, importContent, LD_JSON, ORIGIN, onText, request, signUpEditor, slugParams } from "./layer";

process.env.BETTER_AUTH_SECRET ??= "test-secret-for-the-annotation-protocol-tests-0123456789";

const EDITION = "second-east-turkistan-republic";
const DOC = "entities-layer-doc";
const PARAGRAPH =
  "Nurgul Sadiq taught at the Tarim school. Later Sadiq moved to Ürümqi, where Nurgul Sadiq opened a press. " +
  "The Tarim school closed; Sadiq wrote about it.";
const ENTITIES = `entities:
  - id: entities-layer-tarim-school
    kind: organization
    name: Tarim school
    description: A school of the test text.
    mentions:
      - "at the {Tarim school}"
`;

let content: Awaited<ReturnType<typeof importContent>>;
let text: string;
let maker: Account;
let stranger: Account;
let editor: Account;
const client = annotationClient(DOC);

const lookup = (query: string) => lookupRoute(request(`/api/entities?${query}`));
const create = (body: unknown, account?: Account, options: { type?: string | null } = {}) =>
  createRoute(request("/api/entities", { method: "POST", body, account, ...options }));
const patch = (id: string, body: unknown, account?: Account, headers: Record<string, string> = {}) =>
  patchRoute(request(`/api/entities/${id}`, { method: "PATCH", body, account, headers }), idParams(id));
const occurrences = (slug: string, id: string, account?: Account) =>
  occurrencesRoute(request(`/api/documents/${slug}/entities/${id}/occurrences`, { account }), { params: Promise.resolve({ slug, id }) });

async function createOk(body: Record<string, unknown>, account = maker) {
  const response = await create(body, account);
  expect(response.status, JSON.stringify(await response.clone().json())).toBe(201);
  return { response, entity: await response.json() };
}

const identifying = (exact: string, entityId: string, from = 0, extra: Record<string, unknown> = {}) =>
  onText(
    DOC,
    text,
    exact,
    {
      motivation: "identifying",
      body: { type: "SpecificResource", purpose: "identifying", source: `${ORIGIN}/entities/${entityId}` },
      ...extra,
    },
    from,
  );

beforeAll(async () => {
  await importDocument(getDb(), editionPath);
  content = await importContent({ [`${DOC}.md`]: smallDocument(PARAGRAPH, "Entities layer"), [`${DOC}.entities.yaml`]: ENTITIES });
  text = content.texts[DOC];
  maker = await signUp("maker.entities@example.org");
  stranger = await signUp("stranger.entities@example.org");
  editor = await signUpEditor("editor.entities@example.org");
});

afterAll(async () => {
  content.remove();
  await disconnectDb();
});

describe("GET /api/entities?q=", () => {
  it("finds an entity by a word of its name, ignoring case, with its public mention count", async () => {
    const response = await lookup("q=SHICAI");
    expect(response.status).toBe(200);
    const { entities } = await response.json();
    expect(entities[0]).toMatchObject({ id: "sheng-shicai", name: "Sheng Shicai", kind: "person", aliases: ["Sheng"], origin: "curated" });
    expect(Object.keys(entities[0]).sort()).toEqual(["aliases", "description", "id", "kind", "mentions", "name", "origin"]);
    const document = await getDb().document.findUniqueOrThrow({ where: { slug: EDITION } });
    const mentions = await getDb().annotation.count({
      where: { entityId: "sheng-shicai", visibility: "public", motivation: "identifying", versionId: document.currentVersionId! },
    });
    expect(entities[0].mentions).toBe(mentions);
    expect(mentions).toBeGreaterThan(3);
  });

  it("puts names equal to the query, then starting with it, before names merely containing it", async () => {
    const { entities } = await (await lookup("q=kashgar&limit=5")).json();
    expect(entities.map((e: { name: string }) => e.name).slice(0, 2)).toEqual(["Kashgar", "Kashgar Regiment"]);
    const prefix = await (await lookup("q=east%20turk&limit=50")).json();
    expect(prefix.entities.length).toBeGreaterThan(3);
    expect(prefix.entities.every((e: { name: string; aliases: string[] }) => /east turk/i.test([e.name, ...e.aliases].join("|")))).toBe(
      true,
    );
  });

  it("ignores diacritics on either side and finds misspellings by trigram similarity", async () => {
    expect((await (await lookup(`q=${encodeURIComponent("Ürümchi")}`)).json()).entities[0].id).toBe("urumchi");
    const { entity } = await createOk({ kind: "place", name: "Ürümqi Old Town", description: "" });
    expect((await (await lookup("q=urumqi%20old")).json()).entities.map((e: { id: string }) => e.id)).toContain(entity.id);
    expect((await (await lookup("q=Qasimy")).json()).entities[0].name).toBe("Ahmetjan Qasimi");
    expect((await (await lookup("q=Shicay")).json()).entities[0].name).toBe("Sheng Shicai");
    expect((await (await lookup("q=zzqxw")).json()).entities).toEqual([]);
  });

  it("returns at most `limit` entities", async () => {
    const { entities } = await (await lookup("q=a&limit=3")).json();
    expect(entities).toHaveLength(3);
  });

  it("answers 400 for a missing, empty or overlong q, a bad limit or an unknown parameter", async () => {
    for (const query of ["", "q=", "q=%20%20", `q=${"x".repeat(201)}`, "q=a&limit=0", "q=a&limit=51", "q=a&limit=two", "q=a&sort=name"]) {
      const response = await lookup(query);
      expect(response.status, query).toBe(400);
      expect((await response.json()).error.code).toBe("bad_request");
    }
  });
});

describe("POST /api/entities", () => {
  it("creates a reader's entity: 201, Location, a u-- slug id, origin user, its maker", async () => {
    const { response, entity } = await createOk({
      kind: "person",
      name: "Nurgul Sadiq",
      aliases: ["Sadiq", "Sadiq"],
      description: "A teacher.",
    });
    expect(entity).toEqual({
      id: "u--nurgul-sadiq",
      name: "Nurgul Sadiq",
      kind: "person",
      aliases: ["Sadiq"],
      description: "A teacher.",
      identifiers: {},
      origin: "user",
      coordinates: null,
      createdBy: { id: maker.id, name: "maker.entities" },
    });
    expect(response.headers.get("location")).toBe(`${ORIGIN}/api/entities/u--nurgul-sadiq`);
    expect(response.headers.get("etag")).toMatch(/^"[0-9a-f]{32}"$/);
    const stored = await getDb().entity.findUniqueOrThrow({ where: { id: entity.id } });
    expect(stored).toMatchObject({ origin: "user", createdById: maker.id });
    const again = await (await entityRoute(request(`/api/entities/${entity.id}`), idParams(entity.id))).json();
    expect(again).toMatchObject({ id: entity.id, origin: "user", createdBy: { id: maker.id }, mentions: [] });
  });

  it("keeps ids unique with a suffix, ASCII even for names in other scripts", async () => {
    const a = await createOk({ kind: "place", name: "Tarim Basin" });
    const b = await createOk({ kind: "place", name: "Tarim  basin!" }, stranger);
    const c = await createOk({ kind: "place", name: "ئۈرۈمچی" });
    const d = await createOk({ kind: "place", name: "ئۈرۈمچی" });
    expect([a.entity.id, b.entity.id]).toEqual(["u--tarim-basin", "u--tarim-basin-2"]);
    expect(c.entity.id).toMatch(/^u--entity(-\d+)?$/);
    expect(d.entity.id).not.toBe(c.entity.id);
    expect(c.entity.name).toBe("ئۈرۈمچی");
  });

  it("answers 401 signed out, 415 for another media type, 400 for malformed or invalid bodies, 413 when oversize; stores nothing", async () => {
    const before = await getDb().entity.count();
    expect((await create({ kind: "person", name: "Nobody" })).status).toBe(401);
    expect((await create({ kind: "person", name: "Nobody" }, maker, { type: "text/plain" })).status).toBe(415);
    expect((await create({ kind: "person", name: "Nobody" }, maker, { type: null })).status).toBe(415);
    const bad: unknown[] = [
      '{"kind": ',
      [],
      { kind: "person" },
      { kind: "person", name: "   " },
      { kind: "deity", name: "Tengri" },
      { kind: "person", name: "x".repeat(201) },
      { kind: "person", name: "Ok", aliases: "Sadiq" },
      { kind: "person", name: "Ok", aliases: Array.from({ length: 51 }, (_, i) => `a${i}`) },
      { kind: "person", name: "Ok", id: "chosen-id" },
      { kind: "person", name: "Ok", origin: "curated" },
      { kind: "person", name: "nul\u0000" },
    ];
    for (const body of bad) {
      const response = await create(body, maker);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((await response.json()).error.code).toBe("bad_request");
    }
    const oversize = await create({ kind: "person", name: "Big", description: "x".repeat(20_000) }, maker);
    expect(oversize.status).toBe(413);
    expect(await getDb().entity.count()).toBe(before);
  });

  it("shares the per-account write limit (429)", async () => {
    const busy = await signUp("busy.entities@example.org");
    await getDb().writeEvent.createMany({ data: Array.from({ length: 60 }, () => ({ userId: busy.id })) });
    const response = await create({ kind: "person", name: "Too Many" }, busy);
    expect(response.status).toBe(429);
    expect(await getDb().entity.count({ where: { createdById: busy.id } })).toBe(0);
  });
});

describe("PATCH /api/entities/:id", () => {
  it("lets the maker change their entity, honouring If-Match when sent", async () => {
    const { entity, response } = await createOk({ kind: "group", name: "Press Circle" });
    const stale = response.headers.get("etag")!;
    const ok = await patch(entity.id, { description: "Printers.", aliases: ["The circle"] }, maker, { "if-match": stale });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ id: entity.id, name: "Press Circle", description: "Printers.", aliases: ["The circle"] });
    expect(ok.headers.get("etag")).not.toBe(stale);
    const conflict = await patch(entity.id, { name: "Renamed" }, maker, { "if-match": stale });
    expect(conflict.status).toBe(412);
    const plain = await patch(entity.id, { kind: "organization", identifiers: { wikidata: "Q42" } }, maker);
    expect(plain.status).toBe(200);
    expect(await plain.json()).toMatchObject({ kind: "organization", identifiers: { wikidata: "Q42" }, name: "Press Circle" });
  });

  it("answers 401 signed out, 403 to another reader and to a reader on a curated entity, 404 for an unknown entity", async () => {
    const { entity } = await createOk({ kind: "group", name: "Guarded Group" });
    expect((await patch(entity.id, { name: "x" })).status).toBe(401);
    const forbidden = await patch(entity.id, { name: "Taken over" }, stranger);
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).error.code).toBe("forbidden");
    expect((await patch("sheng-shicai", { description: "Vandalised." }, maker)).status).toBe(403);
    expect((await patch("no-such-entity", { name: "x" }, editor)).status).toBe(404);
    expect((await getDb().entity.findUniqueOrThrow({ where: { id: entity.id } })).name).toBe("Guarded Group");
  });

  it("answers 400 for an empty change, an unknown field or a bad identifier, and 415 for another media type", async () => {
    const { entity } = await createOk({ kind: "group", name: "Strict Group" });
    for (const body of [
      {},
      { colour: "red" },
      { identifiers: { wikidata: "42" } },
      { identifiers: { viaf: "1" } },
      { name: "" },
      { kind: "deity" },
    ]) {
      expect((await patch(entity.id, body, maker)).status, JSON.stringify(body)).toBe(400);
    }
    const wrongType = await patchRoute(
      request(`/api/entities/${entity.id}`, { method: "PATCH", body: { name: "x" }, account: maker, type: "text/plain" }),
      idParams(entity.id),
    );
    expect(wrongType.status).toBe(415);
  });

  it("lets an editor change any entity; a curated entity's edit lasts until its curated file next changes", async () => {
    const { entity } = await createOk({ kind: "group", name: "Reader's Group" });
    expect((await patch(entity.id, { description: "Checked by an editor." }, editor)).status).toBe(200);
    const curatedId = "entities-layer-tarim-school";
    const edited = await patch(curatedId, { description: "Edited in the app." }, editor);
    expect(edited.status).toBe(200);
    expect((await edited.json()).origin).toBe("curated");
    expect((await getDb().entity.findUniqueOrThrow({ where: { id: curatedId } })).description).toBe("Edited in the app.");
    fs.writeFileSync(path.join(content.dir, `${DOC}.entities.yaml`), `${ENTITIES}\n# reviewed again\n`);
    await importDocument(getDb(), path.join(content.dir, `${DOC}.md`));
    expect((await getDb().entity.findUniqueOrThrow({ where: { id: curatedId } })).description).toBe("A school of the test text.");
    expect((await getDb().entity.findUniqueOrThrow({ where: { id: entity.id } })).description).toBe("Checked by an editor.");
  });
});

describe("identifying annotations that name an entity", () => {
  it("link the entity (served as its IRI, conformant) and count as its mentions in the document and the entity", async () => {
    const { entity } = await createOk({ kind: "person", name: "Sadiq Mention Test", aliases: ["Sadiq"] });
    const created = await client.create(identifying("Sadiq", entity.id, text.indexOf("Later")), maker);
    expect(created.annotation.body).toEqual({
      type: "SpecificResource",
      purpose: "identifying",
      source: `${ORIGIN}/entities/${entity.id}`,
    });
    expect(conformanceFailures(created.annotation)).toEqual([]);
    expect((await getDb().annotation.findUniqueOrThrow({ where: { id: created.id } })).entityId).toBe(entity.id);

    const listed = await (await documentEntitiesRoute(request(`/api/documents/${DOC}/entities`), slugParams(DOC))).json();
    const mine = listed.entities.find((e: { id: string }) => e.id === entity.id);
    expect(mine).toMatchObject({ origin: "user", mentions: [expect.objectContaining({ exact: "Sadiq", annotationId: created.id })] });
    const detail = await (await entityRoute(request(`/api/entities/${entity.id}`), idParams(entity.id))).json();
    expect(detail.mentions).toEqual([expect.objectContaining({ document: DOC, exact: "Sadiq" })]);
    const found = await (await lookup("q=sadiq%20mention")).json();
    expect(found.entities.find((e: { id: string }) => e.id === entity.id).mentions).toBe(1);
  });

  it("answers 422 when the entity does not exist, and relinks on PUT", async () => {
    const unknown = await client.post(identifying("Nurgul", "u--nobody-at-all"), maker);
    expect(unknown.status).toBe(422);
    expect((await unknown.json()).error.message).toMatch(/No entity "u--nobody-at-all"/);
    const first = await createOk({ kind: "person", name: "Relink One" });
    const second = await createOk({ kind: "person", name: "Relink Two" });
    const created = await client.create(identifying("Nurgul", first.entity.id), maker);
    const put = await client.put(created.id, identifying("Nurgul", second.entity.id), maker, created.etag);
    expect(put.status).toBe(200);
    expect((await put.json()).body.source).toBe(`${ORIGIN}/entities/${second.entity.id}`);
    expect((await getDb().annotation.findUniqueOrThrow({ where: { id: created.id } })).entityId).toBe(second.entity.id);
    expect((await client.put(created.id, identifying("Nurgul", "u--gone"), maker)).status).toBe(422);
  });

  it("keeps an identifying body pointing elsewhere (e.g. Wikidata) as a body, with no entity", async () => {
    const created = await client.create(
      onText(DOC, text, "press", {
        motivation: "identifying",
        body: { type: "SpecificResource", source: "https://www.wikidata.org/wiki/Q11396303" },
      }),
      maker,
    );
    expect(created.annotation.body.source).toBe("https://www.wikidata.org/wiki/Q11396303");
    expect((await getDb().annotation.findUniqueOrThrow({ where: { id: created.id } })).entityId).toBeNull();
  });
});

describe("GET /api/documents/:slug/entities/:id/occurrences and marking them through the import", () => {
  it("lists the unidentified occurrences of the name and aliases, and the import then marks them", async () => {
    const { entity } = await createOk({ kind: "organization", name: "Tarim school", aliases: ["the press"] }, stranger);
    const response = await occurrences(DOC, entity.id, stranger);
    expect(response.status).toBe(200);
    const found = (await response.json()).occurrences as Array<Record<string, unknown> & { start: number; end: number; exact: string }>;
    // The first "Tarim school" is a curated mention: not offered. "the press" does not occur (it is "a press").
    const second = text.indexOf("Tarim school", text.indexOf("Tarim school") + 1);
    expect(found).toEqual([
      {
        start: second,
        end: second + "Tarim school".length,
        exact: "Tarim school",
        prefix: text.slice(second - 32, second),
        suffix: text.slice(second + 12, second + 44),
        passageId: expect.any(String),
        passageLabel: "§1 ¶1",
        proposed: true,
      },
    ]);

    const items = found.map((o) => ({
      "@context": "http://www.w3.org/ns/anno.jsonld",
      type: "Annotation",
      motivation: "identifying",
      body: { type: "SpecificResource", purpose: "identifying", source: `${ORIGIN}/entities/${entity.id}` },
      target: {
        source: `${ORIGIN}/documents/${DOC}`,
        selector: [
          { type: "TextQuoteSelector", exact: o.exact, prefix: o.prefix, suffix: o.suffix },
          { type: "TextPositionSelector", start: o.start, end: o.end },
        ],
      },
    }));
    items.push({ ...items[0], body: { ...items[0].body, source: `${ORIGIN}/entities/u--missing-entity` } });
    const imported = await importRoute(
      request(`/api/documents/${DOC}/annotations/import`, { body: items, account: stranger, type: LD_JSON }),
      slugParams(DOC),
    );
    expect(imported.status).toBe(200);
    const report = await imported.json();
    expect(report.imported).toBe(1);
    expect(report.failed).toEqual([expect.objectContaining({ index: 1, reason: expect.stringMatching(/No entity "u--missing-entity"/) })]);
    const stored = await getDb().annotation.findFirstOrThrow({ where: { entityId: entity.id, creatorId: stranger.id } });
    expect(stored).toMatchObject({ start: second, motivation: "identifying", visibility: "public" });
    expect((await (await occurrences(DOC, entity.id, stranger)).json()).occurrences).toEqual([]);
  });

  it("answers 404 for an unknown document or entity", async () => {
    expect((await occurrences("no-such-doc", "sheng-shicai")).status).toBe(404);
    const unknown = await occurrences(DOC, "no-such-entity");
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe("not_found");
  });

  it("finds occurrences in the real edition, none where a curated mention stands", async () => {
    const found = (await (await occurrences(EDITION, "sheng-shicai")).json()).occurrences as Array<{ start: number; end: number }>;
    const edition = await getDb().document.findUniqueOrThrow({ where: { slug: EDITION }, include: { currentVersion: true } });
    const mentions = await getDb().annotation.findMany({
      where: { versionId: edition.currentVersionId!, motivation: "identifying", visibility: "public" },
      select: { start: true, end: true },
    });
    for (const o of found) {
      expect(["Sheng Shicai", "Sheng"]).toContain(edition.currentVersion!.text.slice(o.start, o.end));
      expect(mentions.some((m) => m.start < o.end && o.start < m.end)).toBe(false);
    }
  });

  it("proposes none of the edition's Soviet adjectives and headings as mentions of the Soviet Union, giving the curators' reasons", async () => {
    const found = (await (await occurrences(EDITION, "soviet-union")).json()).occurrences as Array<{
      exact: string;
      prefix: string;
      suffix: string;
      proposed: boolean;
      unlinked?: string;
    }>;
    const setbacks = found.find((o) => o.suffix.startsWith(" setbacks"));
    expect(setbacks).toMatchObject({ exact: "Soviet", proposed: false, unlinked: expect.stringMatching(/^Adjective/) });
    const heading = found.find((o) => o.suffix.startsWith(" Pressure\n"));
    expect(heading).toMatchObject({ exact: "Soviet", proposed: false, unlinked: expect.stringMatching(/section heading/) });
    expect(found.filter((o) => o.proposed)).toEqual([]);
    expect(found.length).toBeGreaterThanOrEqual(8);
  });
});

describe("which occurrences the alias matcher proposes as mentions", () => {
  const SLUG = "occurrences-proposed-doc";
  const SCHOOL = "occurrences-tarim-school";
  const body = [
    "Opening words.",
    "## Tarim Pressure",
    "The Tarim school opened in 1931, under Tarim pressure. Sadiq taught at the Tarim school until the Tarim Basin Company bought it. The Tarim Basin Company closed it.",
  ].join("\n\n");
  const entities = `entities:
  - id: ${SCHOOL}
    kind: organization
    name: Tarim school
    aliases: [Tarim]
    description: A school of the test text.
    mentions:
      - "The {Tarim school} opened"
  - id: occurrences-tarim-company
    kind: organization
    name: Tarim Basin Company
    description: A company of the test text.
    mentions:
      - "until the {Tarim Basin Company} bought"
unlinked:
  - snippet: "under {Tarim} pressure"
    reason: Adjective (Tarim pressure), not the school.
  - snippet: "^{Tarim} Pressure$"
    reason: The heading's adjective, not the school.
`;
  let proposed: Awaited<ReturnType<typeof importContent>>;

  beforeAll(async () => {
    proposed = await importContent({ [`${SLUG}.md`]: smallDocument(body), [`${SLUG}.entities.yaml`]: entities });
  });

  afterAll(async () => {
    await getDb().document.deleteMany({ where: { slug: SLUG } });
    await getDb().entity.deleteMany({ where: { id: { in: [SCHOOL, "occurrences-tarim-company"] } } });
    proposed.remove();
  });

  it("proposes an occurrence only where the matcher gives it to the entity and the curators did not list it as not a mention", async () => {
    const text = proposed.texts[SLUG];
    const response = await occurrences(SLUG, SCHOOL);
    expect(response.status).toBe(200);
    const found = (await response.json()).occurrences;
    const heading = text.indexOf("Tarim Pressure");
    const adjective = text.indexOf("Tarim pressure");
    const school = text.indexOf("Tarim school", text.indexOf("Tarim school") + 1);
    const company = text.lastIndexOf("Tarim Basin Company");
    expect(found.map((o: { start: number }) => o.start)).toEqual([heading, adjective, school, company]);
    expect(found[0]).toMatchObject({ exact: "Tarim", proposed: false, unlinked: "The heading's adjective, not the school." });
    expect(found[1]).toMatchObject({ exact: "Tarim", proposed: false, unlinked: "Adjective (Tarim pressure), not the school." });
    expect(found[2]).toMatchObject({ exact: "Tarim school", proposed: true });
    expect(found[2]).not.toHaveProperty("unlinked");
    // A longer name of another entity of the text holds these words: the matcher gives them to it.
    expect(found[3]).toMatchObject({ exact: "Tarim", proposed: false });
    expect(found[3]).not.toHaveProperty("unlinked");
  });
});

describe("the import and readers' entities", () => {
  it("never overwrites a reader's entity, and leaves readers' entities, claims and annotations in place on re-import", async () => {
    const slug = "entities-layer-guard";
    const guarded = await importContent({ [`${slug}.md`]: smallDocument("Guarded words here.", "Guard") });
    try {
      const { entity } = await createOk({ kind: "place", name: "Guard Place" });
      const note = await annotationClient(slug).create(onText(slug, guarded.texts[slug], "Guarded"), maker);
      // A reader's entity whose id a curated file then claims (not possible through the API, whose ids start u--).
      await getDb().entity.create({ data: { id: "entities-layer-taken", kind: "place", name: "Mine", description: "", origin: "user" } });
      fs.writeFileSync(
        path.join(guarded.dir, `${slug}.entities.yaml`),
        'entities:\n  - id: entities-layer-taken\n    kind: place\n    name: Guarded\n    description: Curated.\n    mentions:\n      - "{Guarded} words"\n',
      );
      await expect(importDocument(getDb(), path.join(guarded.dir, `${slug}.md`))).rejects.toThrow(/belongs to a reader's entity/);
      expect((await getDb().entity.findUniqueOrThrow({ where: { id: "entities-layer-taken" } })).name).toBe("Mine");
      fs.rmSync(path.join(guarded.dir, `${slug}.entities.yaml`));
      fs.writeFileSync(path.join(guarded.dir, `${slug}.md`), smallDocument("Guarded words here, and more.", "Guard"));
      await importDocument(getDb(), path.join(guarded.dir, `${slug}.md`));
      expect(await getDb().entity.findUnique({ where: { id: entity.id } })).not.toBeNull();
      expect(await getDb().annotation.findUnique({ where: { id: note.id } })).not.toBeNull();
    } finally {
      guarded.remove();
    }
  });
});

import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getAnnotationRoute } from "@/app/api/documents/[slug]/annotations/[id]/route";
import { GET as listAnnotationsRoute } from "@/app/api/documents/[slug]/annotations/route";
import { GET as documentEntitiesRoute } from "@/app/api/documents/[slug]/entities/route";
import { GET as entityRoute } from "@/app/api/entities/[id]/route";
import { disconnectDb, getDb } from "@/lib/db";
import { importDocument } from "@/lib/documents/import-document";
import { conformanceFailures } from "../support/w3c-conformance";
import { editionPath, makeContentFolder, smallDocument } from "./helpers";

const SLUG = "second-east-turkistan-republic";
const ORIGIN = "http://gloss.test";
const slugParams = (slug: string) => ({ params: Promise.resolve({ slug }) });
const idParams = (id: string) => ({ params: Promise.resolve({ id }) });
const annotationParams = (slug: string, id: string) => ({ params: Promise.resolve({ slug, id }) });
const request = (pathAndQuery: string) => new Request(`${ORIGIN}${pathAndQuery}`);

let text: string;

beforeAll(async () => {
  const result = await importDocument(getDb(), editionPath);
  expect(result.entities?.mentions).toBeGreaterThan(500);
  text = (await getDb().documentVersion.findFirstOrThrow({ where: { hash: result.version } })).text;
});

afterAll(async () => {
  await disconnectDb();
});

describe("GET /api/documents/:slug/entities", () => {
  it("lists every entity with its kind, aliases, description and mentions that match the text", async () => {
    const response = await documentEntitiesRoute(request(`/api/documents/${SLUG}/entities`), slugParams(SLUG));
    expect(response.status).toBe(200);
    const { entities } = await response.json();
    expect(entities.length).toBeGreaterThan(80);
    const kinds = new Set(entities.map((e: { kind: string }) => e.kind));
    expect([...kinds].sort()).toEqual(["event", "group", "organization", "person", "place", "work"]);
    for (const entity of entities) {
      expect(Object.keys(entity)).toEqual(expect.arrayContaining(["id", "name", "kind", "aliases", "description", "mentions"]));
      expect(entity.mentions.length).toBeGreaterThan(0);
      for (const mention of entity.mentions) {
        expect(text.slice(mention.start, mention.end)).toBe(mention.exact);
        expect([entity.name, ...entity.aliases]).toContain(mention.exact.replace(/\s+/g, " "));
      }
    }
  });

  it("links every spelling of a name to the one entity it names", async () => {
    const { entities } = await (await documentEntitiesRoute(request(`/api/documents/${SLUG}/entities`), slugParams(SLUG))).json();
    const qasimi = entities.find((e: { name: string }) => e.name === "Ahmetjan Qasimi");
    const spellings = new Set(qasimi.mentions.map((m: { exact: string }) => m.exact));
    expect(spellings).toEqual(new Set(["Ahmetjan Qasimi", "Ahmatjan Qasimi", "Ahmetjan Qasim"]));
  });

  it("answers an unknown document with the JSON 404", async () => {
    const response = await documentEntitiesRoute(request("/api/documents/nope/entities"), slugParams("nope"));
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe("not_found");
  });
});

describe("GET /api/entities/:id", () => {
  it("serves one entity with its mentions across documents and its companions", async () => {
    const response = await entityRoute(request("/api/entities/sheng-shicai"), idParams("sheng-shicai"));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ id: "sheng-shicai", name: "Sheng Shicai", kind: "person" });
    expect(body.documents[0].slug).toBe(SLUG);
    expect(body.mentions.length).toBe(body.documents[0].mentions.length);
    expect(body.mentions.map((m: { exact: string }) => m.exact)).toEqual(expect.arrayContaining(["Sheng Shicai", "Sheng"]));
    expect(body.documents[0].mentions[0].passageLabel).toBe("§1 ¶1");
    expect(body.documents[0].companions.length).toBeGreaterThan(0);
  });

  it("answers an unknown entity with the JSON 404", async () => {
    const response = await entityRoute(request("/api/entities/nobody"), idParams("nobody"));
    expect(response.status).toBe(404);
  });
});

describe("the W3C annotation collection", () => {
  it("pages every mention as a valid Web Annotation with an identifying SpecificResource body", async () => {
    const first = await listAnnotationsRoute(request(`/api/documents/${SLUG}/annotations?motivation=identifying`), slugParams(SLUG));
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe('application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"');
    const collection = await first.json();
    expect(collection.type).toEqual(["BasicContainer", "AnnotationCollection"]);
    expect(collection.total).toBeGreaterThan(500);

    const served: Array<Record<string, unknown>> = [...collection.first.items];
    let next: string | undefined = collection.first.next;
    while (next) {
      const url = new URL(next);
      const response = await listAnnotationsRoute(request(url.pathname + url.search), slugParams(SLUG));
      const page = await response.json();
      expect(page.type).toBe("AnnotationPage");
      expect(page.partOf.total).toBe(collection.total);
      served.push(...page.items);
      next = page.next;
    }
    expect(served).toHaveLength(collection.total);

    for (const annotation of served) {
      expect(conformanceFailures(annotation)).toEqual([]);
      expect(annotation["@context"]).toBe("http://www.w3.org/ns/anno.jsonld");
      expect(annotation).toMatchObject({
        motivation: "identifying",
        body: { type: "SpecificResource", purpose: "identifying" },
        anchoring: { state: "exact" },
      });
      const [quote, position] = (annotation.target as { selector: Array<Record<string, unknown>> }).selector;
      expect(text.slice(position.start as number, position.end as number)).toBe(quote.exact);
      expect(text.slice(0, position.start as number).endsWith(quote.prefix as string)).toBe(true);
      expect(text.slice(position.end as number).startsWith(quote.suffix as string)).toBe(true);
    }
  });

  it("filters by motivation and rejects an unknown one or a bad page with a 400", async () => {
    const none = await (
      await listAnnotationsRoute(request(`/api/documents/${SLUG}/annotations?motivation=commenting`), slugParams(SLUG))
    ).json();
    expect(none.total).toBe(0);
    for (const query of ["motivation=shouting", "page=-1", "page=abc", "colour=red"]) {
      const response = await listAnnotationsRoute(request(`/api/documents/${SLUG}/annotations?${query}`), slugParams(SLUG));
      expect(response.status).toBe(400);
      expect((await response.json()).error.code).toBe("bad_request");
    }
    const beyond = await listAnnotationsRoute(request(`/api/documents/${SLUG}/annotations?page=999`), slugParams(SLUG));
    expect(beyond.status).toBe(404);
  });

  it("filters by a range of the text: exactly the annotations overlapping it, with the range kept in its paging links", async () => {
    const all: Array<{ id: string; target: { selector: Array<{ start?: number; end?: number }> } }> = [];
    let next: string | undefined = `/api/documents/${SLUG}/annotations?motivation=identifying`;
    while (next) {
      const url: URL = new URL(next, "http://gloss.test");
      const body: { first?: { items: typeof all; next?: string }; items?: typeof all; next?: string } = await (
        await listAnnotationsRoute(request(url.pathname + url.search), slugParams(SLUG))
      ).json();
      const page = body.first ?? { items: body.items ?? [], next: body.next };
      all.push(...page.items);
      next = page.next;
    }
    const [start, end] = [Math.floor(text.length / 3), Math.floor(text.length / 3) + 2000];
    const overlapping = all.filter((a) => {
      const position = a.target.selector[1];
      return position.start! < end && position.end! > start;
    });
    expect(overlapping.length).toBeGreaterThan(5);
    expect(overlapping.length).toBeLessThan(all.length);
    const ranged = await (
      await listAnnotationsRoute(
        request(`/api/documents/${SLUG}/annotations?motivation=identifying&start=${start}&end=${end}`),
        slugParams(SLUG),
      )
    ).json();
    expect(ranged.total).toBe(overlapping.length);
    expect(ranged.id).toContain(`start=${start}&end=${end}`);
    expect(ranged.first.items.map((a: { id: string }) => a.id).sort()).toEqual(overlapping.map((a) => a.id).sort());
    for (const query of [`start=${start}`, `end=${end}`, `start=${end}&end=${start}`, "start=-1&end=5", "start=a&end=b"]) {
      const response = await listAnnotationsRoute(request(`/api/documents/${SLUG}/annotations?${query}`), slugParams(SLUG));
      expect(response.status).toBe(400);
      expect((await response.json()).error.code).toBe("bad_request");
    }
  });

  it("serves one annotation at its id, and a JSON 404 for an unknown one", async () => {
    const collection = await (await listAnnotationsRoute(request(`/api/documents/${SLUG}/annotations`), slugParams(SLUG))).json();
    const item = collection.first.items[0];
    const id = decodeURIComponent(new URL(item.id).pathname.split("/").pop()!);
    expect(item.id).toBe(`${ORIGIN}/api/documents/${SLUG}/annotations/${encodeURIComponent(id)}`);
    const response = await getAnnotationRoute(request(new URL(item.id).pathname), annotationParams(SLUG, id));
    expect(response.status).toBe(200);
    expect(response.headers.get("etag")).toBeTruthy();
    const annotation = await response.json();
    expect(annotation).toEqual(item);
    expect(conformanceFailures(annotation)).toEqual([]);
    expect((await getAnnotationRoute(request(`/api/documents/${SLUG}/annotations/zzz`), annotationParams(SLUG, "zzz"))).status).toBe(404);
    // An annotation's id under another document's container names nothing.
    expect((await getAnnotationRoute(request(`/api/documents/other/annotations/${id}`), annotationParams("other", id))).status).toBe(404);
  });
});

describe("importing curated entities", () => {
  const entities = (snippet: string) =>
    `entities:\n  - id: test-person\n    kind: person\n    name: Test Person\n    aliases: [Person]\n    description: A person of the test text.\n    mentions:\n      - "${snippet}"\n`;

  it("fails loudly with the quote when a mention cannot be anchored, and changes nothing", async () => {
    const dir = makeContentFolder({
      "entity-doc.md": smallDocument("Test Person met Person."),
      "entity-doc.entities.yaml": entities("met {Person}."),
    });
    try {
      const db = getDb();
      const ok = await importDocument(db, path.join(dir, "entity-doc.md"), "content/entity-doc.md");
      expect(ok.entities).toMatchObject({ status: "updated", entities: 1, mentions: 1 });
      fs.writeFileSync(path.join(dir, "entity-doc.entities.yaml"), entities("greeted {Person}."));
      await expect(importDocument(db, path.join(dir, "entity-doc.md"), "content/entity-doc.md")).rejects.toThrow(
        'content/entity-doc.entities.yaml:8: mention of "test-person" not found in the text: "greeted {Person}."',
      );
      const stored = await db.annotation.findMany({ where: { document: { slug: "entity-doc" } } });
      expect(stored.map((a) => a.exact)).toEqual(["Person"]);
      expect(stored[0].start).toBe("Test Person met ".length + "First section\n\n".length);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("fails loudly, with the line, when an occurrence listed as not a mention cannot be anchored", async () => {
    const dir = makeContentFolder({
      "unlinked-doc.md": smallDocument("Test Person met Person."),
      "unlinked-doc.entities.yaml": `${entities("met {Person}.")}unlinked:\n  - snippet: "greeted {Person}"\n    reason: Not here.\n`,
    });
    try {
      await expect(importDocument(getDb(), path.join(dir, "unlinked-doc.md"), "content/unlinked-doc.md")).rejects.toThrow(
        'content/unlinked-doc.entities.yaml:10: occurrence listed as not a mention not found in the text: "greeted {Person}"',
      );
      expect(await getDb().document.findUnique({ where: { slug: "unlinked-doc" } })).toBeNull();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("rejects an ambiguous snippet with the quote", async () => {
    const dir = makeContentFolder({
      "ambiguous-doc.md": smallDocument("Person and Person."),
      "ambiguous-doc.entities.yaml": entities("{Person}"),
    });
    try {
      await expect(importDocument(getDb(), path.join(dir, "ambiguous-doc.md"))).rejects.toThrow(
        /found in more than one place.*"\{Person\}"/,
      );
      expect(await getDb().document.findUnique({ where: { slug: "ambiguous-doc" } })).toBeNull();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

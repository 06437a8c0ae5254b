import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb, getDb } from "@/lib/db";
import { signUp, type Account } from "./accounts";
import { dispatch } from "./api-router";
import { smallDocument } from "./helpers";
import { importContent, LD_JSON, ORIGIN, idOf, onText } from "./layer";

process.env.BETTER_AUTH_SECRET ??= "test-secret-for-the-annotation-protocol-tests-0123456789";

// A reader's private layer: the reader's page is one copy for everyone, and what is a reader's own
// and not in it (their private identifications) their browser asks for here. It is theirs
// alone: never another reader's private items, nor anything public, nor anything to nobody.

const SLUG = "private-layer-harbour-log";
const OWN = "private-layer-own-notebook";
const TEXT = "The harbour log names Pellinore, the pilot, and Ravensmoor, the ship, on the morning of 3 May 1921.";
const OWN_TEXT = "Pellinore kept a notebook of his own about Ravensmoor and the harbour.";

let content: Awaited<ReturnType<typeof importContent>>;
let reader: Account;
let other: Account;
const ids: Record<string, string> = {};

const get = (path: string, account?: Account) =>
  dispatch(new Request(`${ORIGIN}${path}`, { headers: account ? { cookie: account.cookie } : {} }));

async function identify(account: Account, slug: string, text: string, exact: string, entity: string, visibility: "public" | "private") {
  const response = await dispatch(
    new Request(`${ORIGIN}/api/documents/${slug}/annotations/`, {
      method: "POST",
      headers: { cookie: account.cookie, "content-type": LD_JSON },
      body: JSON.stringify(
        onText(slug, text, exact, {
          motivation: "identifying",
          visibility,
          body: { type: "SpecificResource", source: `${ORIGIN}/entities/${entity}` },
        }),
      ),
    }),
  );
  expect(response.status, await response.clone().text()).toBe(201);
  return idOf((await response.json()).id);
}

async function entity(account: Account, name: string, kind = "person") {
  const response = await dispatch(
    new Request(`${ORIGIN}/api/entities`, {
      method: "POST",
      headers: { cookie: account.cookie, "content-type": "application/json" },
      body: JSON.stringify({ kind, name, description: `${name}, made by the private layer test.` }),
    }),
  );
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()).id as string;
}

beforeAll(async () => {
  content = await importContent({
    [`${SLUG}.md`]: smallDocument(TEXT, "A harbour log"),
    [`${OWN}.md`]: smallDocument(OWN_TEXT, "A pilot's notebook"),
  });
  reader = await signUp("reader.private-layer@example.org");
  other = await signUp("other.private-layer@example.org");
  await getDb().document.update({ where: { slug: OWN }, data: { ownerId: reader.id, visibility: "private", format: "text" } });
  ids.pilot = await entity(reader, "Pellinore");
  ids.ship = await entity(other, "Ravensmoor", "work");
  const text = content.texts[SLUG];
  ids.readerPrivate = await identify(reader, SLUG, text, "Pellinore", ids.pilot, "private");
  ids.readerPublic = await identify(reader, SLUG, text, "harbour log", ids.pilot, "public");
  ids.otherPrivate = await identify(other, SLUG, text, "Ravensmoor", ids.ship, "private");
  ids.ownPrivate = await identify(reader, OWN, content.texts[OWN], "Pellinore", ids.pilot, "private");
  // A private note of the reader's is not an identification: notes load from the annotation collection.
  const note = await dispatch(
    new Request(`${ORIGIN}/api/documents/${SLUG}/annotations/`, {
      method: "POST",
      headers: { cookie: reader.cookie, "content-type": LD_JSON },
      body: JSON.stringify(onText(SLUG, text, "the pilot", { visibility: "private" })),
    }),
  );
  expect(note.status).toBe(201);
});

afterAll(async () => {
  content.remove();
  await disconnectDb();
});

describe("a reader's private layer", () => {
  it("holds the reader's own private identifications on the current version, with their entities' cards, and nothing else", async () => {
    const response = await get(`/api/documents/${SLUG}/private-layer`, reader);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const layer = await response.json();
    const version = await getDb().document.findUniqueOrThrow({
      where: { slug: SLUG },
      select: { currentVersion: { select: { hash: true } } },
    });
    expect(layer.version).toBe(version.currentVersion!.hash);
    const start = content.texts[SLUG].indexOf("Pellinore");
    expect(layer.mentions).toEqual([
      {
        annotationId: ids.readerPrivate,
        entityId: ids.pilot,
        start,
        end: start + "Pellinore".length,
        exact: "Pellinore",
        passageId: expect.any(String),
      },
    ]);
    expect(layer.entities).toEqual([
      {
        id: ids.pilot,
        name: "Pellinore",
        kind: "person",
        description: "Pellinore, made by the private layer test.",
        aliases: [],
        mentions: 1,
      },
    ]);
    // Neither the reader's public identification, nor their private note, nor another reader's private identification.
    const body = JSON.stringify(layer);
    for (const absent of [ids.readerPublic, ids.otherPrivate, ids.ship, "Ravensmoor", "the pilot"]) expect(body).not.toContain(absent);
  });

  it("gives another reader only their own, and nobody a 401", async () => {
    const others = await (await get(`/api/documents/${SLUG}/private-layer`, other)).json();
    expect(others.mentions.map((m: { annotationId: string }) => m.annotationId)).toEqual([ids.otherPrivate]);
    expect(JSON.stringify(others)).not.toContain("Pellinore");
    const nobody = await get(`/api/documents/${SLUG}/private-layer`);
    expect(nobody.status).toBe(401);
    expect((await nobody.json()).error.code).toBe("unauthenticated");
  });

  it("serves the owner of a private document their layer there, and anyone else the 404 of an unknown slug", async () => {
    const own = await (await get(`/api/documents/${OWN}/private-layer`, reader)).json();
    expect(own.mentions.map((m: { annotationId: string }) => m.annotationId)).toEqual([ids.ownPrivate]);
    const refused = await get(`/api/documents/${OWN}/private-layer`, other);
    const unknown = await get(`/api/documents/no-such-notebook/private-layer`, other);
    expect(refused.status).toBe(404);
    expect((await refused.text()).replaceAll(OWN, "no-such-notebook")).toBe(await unknown.text());
  });

  it("leaves out a private identification whose words are gone", async () => {
    await getDb().annotation.update({ where: { id: ids.readerPrivate }, data: { state: "orphaned" } });
    try {
      const layer = await (await get(`/api/documents/${SLUG}/private-layer`, reader)).json();
      expect(layer.mentions).toEqual([]);
      expect(layer.entities).toEqual([]);
    } finally {
      await getDb().annotation.update({ where: { id: ids.readerPrivate }, data: { state: "exact" } });
    }
  });
});

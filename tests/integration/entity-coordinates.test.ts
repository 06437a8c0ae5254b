import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as entityRoute, PATCH as patchRoute } from "@/app/api/entities/[id]/route";
import { GET as documentEntitiesRoute } from "@/app/api/documents/[slug]/entities/route";
import { disconnectDb, getDb } from "@/lib/db";
import { getDocumentPlaces } from "@/lib/maps/document-places";
import { fillCoordinates } from "@/lib/maps/fill-coordinates";
import { signUp, type Account } from "./accounts";
import { smallDocument } from "./helpers";
import { idParams, importContent, request, signUpEditor, slugParams } from "./layer";

process.env.BETTER_AUTH_SECRET ??= "test-secret-for-the-annotation-protocol-tests-0123456789";

const DOC = "coordinates-doc";
const PARAGRAPH =
  "The caravan left Kashgar for Khotan, then Kashgar again; the consul in Kucha wrote to China. " +
  "The Tarim school of Kashgar sent word.";
const ENTITIES = `entities:
  - id: coords-kashgar
    kind: place
    name: Kashgar
    description: A city of the test text.
    mentions:
      - "left {Kashgar} for"
      - "then {Kashgar} again"
      - "school of {Kashgar} sent"
  - id: coords-khotan
    kind: place
    name: Khotan
    description: A city of the test text.
    mentions:
      - "for {Khotan}, then"
  - id: coords-kucha
    kind: place
    name: Kucha
    description: A town of the test text, which the gazetteer knows by no close spelling.
    mentions:
      - "consul in {Kucha} wrote"
  - id: coords-china
    kind: place
    name: China
    description: A country, not a town.
    mentions:
      - "wrote to {China}."
  - id: coords-tarim-school
    kind: organization
    name: Tarim school
    description: A school.
    mentions:
      - "The {Tarim school} of"
`;

let content: Awaited<ReturnType<typeof importContent>>;
let annotator: Account;
let editor: Account;

const patch = (id: string, body: unknown, account?: Account) =>
  patchRoute(request(`/api/entities/${id}`, { method: "PATCH", body, account }), idParams(id));
const stored = (id: string) =>
  getDb().entity.findUniqueOrThrow({ where: { id }, select: { latitude: true, longitude: true, coordinatesSource: true } });

beforeAll(async () => {
  content = await importContent({ [`${DOC}.md`]: smallDocument(PARAGRAPH, "Coordinates"), [`${DOC}.entities.yaml`]: ENTITIES });
  annotator = await signUp("annotator.coordinates@example.org");
  editor = await signUpEditor("editor.coordinates@example.org");
});

afterAll(async () => {
  content.remove();
  await disconnectDb();
});

describe("coordinates from the gazetteer on import", () => {
  it("are given to the curated places one town stands out for, and to no other", async () => {
    const kashgar = await stored("coords-kashgar");
    expect(kashgar).toMatchObject({ coordinatesSource: "gazetteer" });
    expect(kashgar.latitude).toBeCloseTo(39.47, 1);
    expect(kashgar.longitude).toBeCloseTo(75.99, 1);
    expect(await stored("coords-khotan")).toMatchObject({ coordinatesSource: "gazetteer" });
    for (const id of ["coords-kucha", "coords-china", "coords-tarim-school"]) {
      expect(await stored(id), id).toEqual({ latitude: null, longitude: null, coordinatesSource: null });
    }
  });

  it("are served with the entity and the document's entities", async () => {
    const entity = await (await entityRoute(request("/api/entities/coords-khotan"), idParams("coords-khotan"))).json();
    expect(entity.coordinates).toMatchObject({ source: "gazetteer" });
    expect(entity.coordinates.latitude).toBeCloseTo(37.1, 1);
    const listed = await (await documentEntitiesRoute(request(`/api/documents/${DOC}/entities`), slugParams(DOC))).json();
    const byId = new Map(listed.entities.map((e: { id: string; coordinates: unknown }) => [e.id, e.coordinates]));
    expect(byId.get("coords-kucha")).toBeNull();
    expect(byId.get("coords-kashgar")).toMatchObject({ source: "gazetteer" });
  });
});

describe("PATCH /api/entities/:id with coordinates", () => {
  it("lets an editor set a place's coordinates (source editor), and remove them for good", async () => {
    const response = await patch("coords-kucha", { coordinates: { latitude: 41.72, longitude: 82.94 } }, editor);
    expect(response.status).toBe(200);
    expect((await response.json()).coordinates).toEqual({ latitude: 41.72, longitude: 82.94, source: "editor" });
    expect(await stored("coords-kucha")).toEqual({ latitude: 41.72, longitude: 82.94, coordinatesSource: "editor" });
    const entity = await (await entityRoute(request("/api/entities/coords-kucha"), idParams("coords-kucha"))).json();
    expect(entity.coordinates).toEqual({ latitude: 41.72, longitude: 82.94, source: "editor" });

    // An editor's coordinates beat the gazetteer's, and a removal stays a removal.
    const removed = await patch("coords-khotan", { coordinates: null }, editor);
    expect(removed.status).toBe(200);
    expect((await removed.json()).coordinates).toBeNull();
    expect(await fillCoordinates(getDb(), ["coords-khotan", "coords-kucha"])).toBe(0);
    expect(await stored("coords-khotan")).toEqual({ latitude: null, longitude: null, coordinatesSource: "editor" });
  });

  it("answers 403 to an annotator, even on their own entity, and changes nothing", async () => {
    const before = await stored("coords-kashgar");
    const refused = await patch("coords-kashgar", { coordinates: { latitude: 1, longitude: 2 } }, annotator);
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe("forbidden");
    expect(await stored("coords-kashgar")).toEqual(before);

    const own = await getDb().entity.create({
      data: {
        id: "u--coords-own-place",
        kind: "place",
        name: "Own Place",
        aliases: [],
        description: "",
        origin: "user",
        createdById: annotator.id,
      },
    });
    expect((await patch(own.id, { description: "Mine." }, annotator)).status).toBe(200);
    expect((await patch(own.id, { coordinates: { latitude: 1, longitude: 2 } }, annotator)).status).toBe(403);
    expect(await stored(own.id)).toEqual({ latitude: null, longitude: null, coordinatesSource: null });
    expect((await patch(own.id, { coordinates: null })).status).toBe(401);
  });

  it("answers 400 for coordinates out of range or malformed, 422 for an entity that is no place, and stores nothing", async () => {
    const before = await stored("coords-kashgar");
    for (const coordinates of [
      { latitude: 90.5, longitude: 10 },
      { latitude: -91, longitude: 10 },
      { latitude: 10, longitude: 180.01 },
      { latitude: 10, longitude: -181 },
      { latitude: "40", longitude: 80 },
      { latitude: 40 },
      { latitude: 40, longitude: 80, altitude: 1000 },
      [40, 80],
      "40,80",
    ]) {
      const response = await patch("coords-kashgar", { coordinates }, editor);
      expect(response.status, JSON.stringify(coordinates)).toBe(400);
      expect((await response.json()).error.code).toBe("bad_request");
    }
    // JSON reads 1e400 as Infinity: a number, but no degree.
    const infinite = await patchRoute(
      request("/api/entities/coords-kashgar", {
        method: "PATCH",
        body: '{"coordinates":{"latitude":1e400,"longitude":80}}',
        account: editor,
      }),
      idParams("coords-kashgar"),
    );
    expect(infinite.status).toBe(400);
    expect(await stored("coords-kashgar")).toEqual(before);
    const notAPlace = await patch("coords-tarim-school", { coordinates: { latitude: 39, longitude: 76 } }, editor);
    expect(notAPlace.status).toBe(422);
    expect(await stored("coords-tarim-school")).toEqual({ latitude: null, longitude: null, coordinatesSource: null });
  });
});

describe("a document's places (the map's query)", () => {
  it("lists the places with their mentions, most named first, and is null for a private document to anyone but its owner", async () => {
    const places = await getDocumentPlaces(DOC, null);
    expect(places!.map((p) => [p.id, p.mentions])).toEqual([
      ["coords-kashgar", 3],
      ["coords-china", 1],
      ["coords-khotan", 1],
      ["coords-kucha", 1],
    ]);
    await getDb().document.update({ where: { slug: DOC }, data: { visibility: "private", ownerId: annotator.id } });
    try {
      expect(await getDocumentPlaces(DOC, null)).toBeNull();
      expect(await getDocumentPlaces(DOC, { id: editor.id, role: "editor" })).toBeNull();
      expect((await getDocumentPlaces(DOC, { id: annotator.id, role: "annotator" }))?.length).toBe(4);
    } finally {
      await getDb().document.update({ where: { slug: DOC }, data: { visibility: "public", ownerId: null } });
    }
    expect(await getDocumentPlaces("no-such-document", null)).toBeNull();
  });
});

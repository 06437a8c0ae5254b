import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as exportRoute } from "@/app/api/documents/[slug]/annotations/export/route";
import { POST as importRoute } from "@/app/api/documents/[slug]/annotations/import/route";
import { disconnectDb, getDb } from "@/lib/db";
import { conformanceFailures } from "../support/w3c-conformance";
import { signUp, type Account } from "./accounts";
import { smallDocument } from "./helpers";
import { annotationClient, importContent, itemIds, LD_JSON, ORIGIN, onText, replyTo, request, signUpEditor, slugParams } from "./layer";

process.env.BETTER_AUTH_SECRET ??= "test-secret-for-the-annotation-protocol-tests-0123456789";

const DOC = "replies-test-doc";
const OTHER = "replies-test-other";
const PARAGRAPH = "The caravan left Kashgar at dawn. The caravan reached Aksu in May. The caravan rested at Kucha.";
const ENTITIES = `entities:
  - id: replies-test-aksu
    kind: place
    name: Aksu
    description: A town of the test text.
    mentions:
      - "reached {Aksu}"
`;

let content: Awaited<ReturnType<typeof importContent>>;
let text: string;
let ann: Account;
let ben: Account;
let editor: Account;
const client = annotationClient(DOC);
const on = (exact: string, extra: Record<string, unknown> = {}) => onText(DOC, text, exact, extra);

beforeAll(async () => {
  content = await importContent({
    [`${DOC}.md`]: smallDocument(PARAGRAPH, "Replies test"),
    [`${DOC}.entities.yaml`]: ENTITIES,
    [`${OTHER}.md`]: smallDocument(PARAGRAPH, "Replies test, another document"),
  });
  text = content.texts[DOC];
  ann = await signUp("ann.replies@example.org");
  ben = await signUp("ben.replies@example.org");
  editor = await signUpEditor("editor.replies@example.org");
});

afterAll(async () => {
  content.remove();
  await disconnectDb();
});

describe("replies (motivation replying)", () => {
  it("answers an annotation: 201, the target served as the parent's IRI, conformant, the anchor copied from the parent", async () => {
    const root = await client.create(on("Kashgar"), ann);
    const reply = await client.create(replyTo(root.annotation.id, "**Kashgar** is *Qeshqer* in Uyghur."), ben);
    expect(reply.annotation).toMatchObject({
      motivation: "replying",
      target: root.annotation.id,
      body: { type: "TextualBody", value: "**Kashgar** is *Qeshqer* in Uyghur.", format: "text/markdown" },
      creator: { id: `${ORIGIN}/users/${ben.id}`, type: "Person", name: "ben.replies" },
      visibility: "public",
      anchoring: { state: "exact" },
    });
    expect(conformanceFailures(reply.annotation)).toEqual([]);
    const stored = await getDb().annotation.findUniqueOrThrow({ where: { id: reply.id } });
    const parent = await getDb().annotation.findUniqueOrThrow({ where: { id: root.id } });
    expect(stored.replyToId).toBe(root.id);
    for (const field of ["versionId", "exact", "prefix", "suffix", "start", "end", "passageId", "state"] as const)
      expect(stored[field], field).toEqual(parent[field]);
    const served = await (await client.get(reply.id)).json();
    expect(served).toEqual(reply.annotation);
  });

  it("accepts the target as { id } or { source } as well as the plain IRI, and serves the plain IRI", async () => {
    const root = await client.create(on("Aksu"), ann);
    for (const form of ["id", "source"] as const) {
      const reply = await client.create(replyTo(root.annotation.id, `As ${form}.`, {}, form), ben);
      expect(reply.annotation.target).toBe(root.annotation.id);
    }
  });

  it("joins the root's thread when answering a reply, so threads are flat", async () => {
    const root = await client.create(on("Kucha"), ann);
    const first = await client.create(replyTo(root.annotation.id, "First."), ben);
    const second = await client.create(replyTo(first.annotation.id, "Second, to the first."), ann);
    expect(second.annotation.target).toBe(root.annotation.id);
    expect((await getDb().annotation.findUniqueOrThrow({ where: { id: second.id } })).replyToId).toBe(root.id);
  });

  it("lists replies in the collection, and only replies with ?motivation=replying", async () => {
    const root = await client.create(on("dawn"), ann);
    const reply = await client.create(replyTo(root.annotation.id, "Listed."), ben);
    const all = await client.list();
    expect(itemIds(all)).toEqual(expect.arrayContaining([root.id, reply.id]));
    const replies = await client.list(undefined, "motivation=replying");
    expect(replies.total).toBeGreaterThan(0);
    expect(itemIds(replies)).toContain(reply.id);
    expect(itemIds(replies)).not.toContain(root.id);
    expect(replies.first.items.every((a) => a.motivation === "replying" && typeof a.target === "string")).toBe(true);
    for (const item of replies.first.items) expect(conformanceFailures(item)).toEqual([]);
  });

  it("refuses a reply without a session (401), and counts replies against the write limit (429)", async () => {
    const root = await client.create(on("May"), ann);
    expect((await client.post(replyTo(root.annotation.id, "Anonymous."))).status).toBe(401);
    const busy = await signUp("busy.replies@example.org");
    await getDb().writeEvent.createMany({ data: Array.from({ length: 60 }, () => ({ userId: busy.id })) });
    const limited = await client.post(replyTo(root.annotation.id, "Too many."), busy);
    expect(limited.status).toBe(429);
    expect(await getDb().annotation.count({ where: { creatorId: busy.id } })).toBe(0);
  });

  it("answers 422 with the reason for a reply that targets text, a comment that targets an annotation, a target that is no annotation, an empty reply", async () => {
    const root = await client.create(on("Kashgar"), ann);
    const before = await getDb().annotation.count({ where: { replyToId: root.id } });
    const cases: Array<[unknown, RegExp]> = [
      [{ ...on("Kashgar"), motivation: "replying" }, /target is the IRI of the annotation/],
      [{ ...replyTo(root.annotation.id, "x"), motivation: "commenting" }, /Only a reply/],
      [replyTo(`${ORIGIN}/documents/${DOC}`, "Not an annotation."), /IRI of an annotation/],
      [replyTo(`${ORIGIN}/api/annotations/${root.id}/extra`, "Not an annotation."), /IRI of an annotation/],
      [replyTo(root.annotation.id, "   "), /non-empty TextualBody/],
      [{ ...replyTo(root.annotation.id, "x"), body: undefined }, /non-empty TextualBody/],
    ];
    for (const [body, reason] of cases) {
      const response = await client.post(body, ben);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect((await response.json()).error.message).toMatch(reason);
    }
    expect(await getDb().annotation.count({ where: { replyToId: root.id } })).toBe(before);
  });

  it("answers 400 for a target object with a selector and an IRI at once, or an IRI that is not http(s)", async () => {
    const root = await client.create(on("Kashgar"), ann);
    const mixed = replyTo(root.annotation.id, "x", {
      target: { id: root.annotation.id, selector: { type: "TextQuoteSelector", exact: "x" } },
    });
    expect((await client.post(mixed, ben)).status).toBe(400);
    expect((await client.post(replyTo("urn:uuid:1234", "x"), ben)).status).toBe(400);
  });

  it("answers 422 for a parent on another document or a curated parent, 404 for an unknown or invisible one", async () => {
    const elsewhere = await annotationClient(OTHER).create(onText(OTHER, content.texts[OTHER], "Kucha"), ann);
    const other = await client.post(replyTo(elsewhere.annotation.id, "Wrong document."), ben);
    expect(other.status).toBe(422);
    expect((await other.json()).error.message).toMatch(/another document/);

    const curated = await getDb().annotation.findFirstOrThrow({ where: { document: { slug: DOC }, origin: "curated" } });
    const toCurated = await client.post(replyTo(`${ORIGIN}/api/annotations/${curated.id}`, "On a curated mention."), ben);
    expect(toCurated.status).toBe(422);
    expect((await toCurated.json()).error.message).toMatch(/curated/);

    const unknown = await client.post(replyTo(`${ORIGIN}/api/annotations/no-such-annotation`, "Nobody there."), ben);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.message).toMatch(/no-such-annotation/);

    const secret = await client.create(on("Aksu", { visibility: "private" }), ann);
    const toSecret = await client.post(replyTo(secret.annotation.id, "I should not see this."), ben);
    expect(toSecret.status).toBe(404);
    expect((await client.post(replyTo(secret.annotation.id, "Nor an editor."), editor)).status).toBe(404);
    expect(await getDb().annotation.count({ where: { replyToId: secret.id } })).toBe(0);
  });

  it("makes a reply to a private annotation private, whatever it asks for, and hides it from everyone else", async () => {
    const secret = await client.create(on("Kucha", { visibility: "private" }), ann);
    const note = await client.create(replyTo(secret.annotation.id, "A note to myself.", { visibility: "public" }), ann);
    expect(note.annotation.visibility).toBe("private");
    expect((await client.get(note.id, ann)).status).toBe(200);
    expect((await client.get(note.id, ben)).status).toBe(404);
    expect((await client.get(note.id, editor)).status).toBe(404);
    expect((await client.get(note.id)).status).toBe(404);
    expect(itemIds(await client.list(ben, "motivation=replying"))).not.toContain(note.id);
    expect(itemIds(await client.list(ann, "motivation=replying"))).toContain(note.id);
  });

  it("deletes a thread's replies with its root", async () => {
    const root = await client.create(on("Kashgar"), ann);
    const a = await client.create(replyTo(root.annotation.id, "One."), ben);
    const b = await client.create(replyTo(a.annotation.id, "Two."), ann);
    expect((await client.remove(root.id, ann, root.etag)).status).toBe(204);
    for (const id of [root.id, a.id, b.id]) expect((await client.get(id, ann)).status).toBe(404);
    expect(await getDb().annotation.count({ where: { id: { in: [a.id, b.id] } } })).toBe(0);
  });

  it("deletes only the reply when a reply is deleted", async () => {
    const root = await client.create(on("Aksu"), ann);
    const reply = await client.create(replyTo(root.annotation.id, "Soon gone."), ben);
    expect((await client.remove(reply.id, ben, reply.etag)).status).toBe(204);
    expect((await client.get(root.id)).status).toBe(200);
  });

  it("lets a reply's author change its body, round-tripping what GET served; never its target or motivation", async () => {
    const root = await client.create(on("Kashgar"), ann);
    const otherRoot = await client.create(on("Aksu"), ann);
    const reply = await client.create(replyTo(root.annotation.id, "Draft."), ben);
    const served = await (await client.get(reply.id)).json();
    const edited = await client.put(reply.id, { ...served, body: { ...served.body, value: "Final." } }, ben, reply.etag);
    expect(edited.status).toBe(200);
    const after = await edited.json();
    expect(after).toMatchObject({ body: { value: "Final." }, target: root.annotation.id, motivation: "replying" });
    expect(conformanceFailures(after)).toEqual([]);

    const cases: Array<[unknown, RegExp]> = [
      [replyTo(otherRoot.annotation.id, "Moved."), /target cannot change/],
      [{ ...on("Kashgar"), motivation: "commenting" }, /stays a reply/],
      [{ ...on("Kashgar"), motivation: "replying" }, /target is the IRI/],
    ];
    for (const [body, reason] of cases) {
      const response = await client.put(reply.id, body, ben);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect((await response.json()).error.message).toMatch(reason);
    }
    expect((await getDb().annotation.findUniqueOrThrow({ where: { id: reply.id } })).replyToId).toBe(root.id);
    expect((await client.put(reply.id, replyTo(root.annotation.id, "Not yours."), ann)).status).toBe(403);
  });

  it("never turns an annotation into a reply", async () => {
    const root = await client.create(on("Kashgar"), ann);
    const comment = await client.create(on("Aksu"), ann);
    const response = await client.put(comment.id, replyTo(root.annotation.id, "Now a reply?"), ann, comment.etag);
    expect(response.status).toBe(422);
    expect((await response.json()).error.message).toMatch(/cannot become a reply/);
  });

  it("refuses (409) to make an annotation private once others replied; its author's own replies follow it into privacy", async () => {
    const answered = await client.create(on("Kashgar"), ann);
    await client.create(replyTo(answered.annotation.id, "Someone else's answer."), ben);
    const refused = await client.put(answered.id, on("Kashgar", { visibility: "private" }), ann, answered.etag);
    expect(refused.status).toBe(409);
    expect((await refused.json()).error).toMatchObject({ code: "conflict", details: { replies: 1 } });
    expect((await client.get(answered.id, ben)).status).toBe(200);

    const alone = await client.create(on("Kucha"), ann);
    const own = await client.create(replyTo(alone.annotation.id, "My own follow-up."), ann);
    const ok = await client.put(alone.id, on("Kucha", { visibility: "private" }), ann, alone.etag);
    expect(ok.status).toBe(200);
    expect((await client.get(own.id, ben)).status).toBe(404);
    expect((await (await client.get(own.id, ann)).json()).visibility).toBe("private");
    // and a reply under a private root stays private when its author asks for public
    const put = await client.put(own.id, replyTo(alone.annotation.id, "Public now?", { visibility: "public" }), ann);
    expect((await put.json()).visibility).toBe("private");
  });

  it("neither counts nor reveals another reader's private reply when its root turns private; that reply stays its author's, private", async () => {
    const root = await client.create(on("Aksu"), ann);
    const secret = await client.create(replyTo(root.annotation.id, "Ben's note to himself.", { visibility: "private" }), ben);
    expect((await (await client.get(secret.id, ben)).json()).visibility).toBe("private");
    const made = await client.put(root.id, on("Aksu", { visibility: "private" }), ann, root.etag);
    expect(made.status, JSON.stringify(await made.clone().json())).toBe(200);
    expect(JSON.stringify(await made.json())).not.toContain("Ben's note");
    // Ann sees neither the reply nor a count of it; Ben keeps his reply, and no longer sees the root.
    expect((await client.get(secret.id, ann)).status).toBe(404);
    const reply = await (await client.get(secret.id, ben)).json();
    expect(reply).toMatchObject({ visibility: "private", creator: { id: expect.stringContaining(ben.id) } });
    expect((await client.get(root.id, ben)).status).toBe(404);
    // A public reply by another reader still stops it, counted alone.
    const answered = await client.create(on("Kucha"), ann);
    await client.create(replyTo(answered.annotation.id, "Ben's private aside.", { visibility: "private" }), ben);
    await client.create(replyTo(answered.annotation.id, "Ben's public answer."), ben);
    const refused = await client.put(answered.id, on("Kucha", { visibility: "private" }), ann, answered.etag);
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.details).toEqual({ replies: 1 });
  });

  it("lets an editor remove another reader's public reply (moderation)", async () => {
    const root = await client.create(on("Aksu"), ann);
    const rude = await client.create(replyTo(root.annotation.id, "Rude words."), ben);
    expect((await client.remove(rude.id, editor, rude.etag)).status).toBe(204);
    expect((await client.get(rude.id)).status).toBe(404);
  });

  it("exports replies (target the parent's IRI, conformant) and refuses them on import, with a reason", async () => {
    const root = await client.create(on("Kashgar"), ann);
    const reply = await client.create(replyTo(root.annotation.id, "Exported."), ben);
    const exported = await (await exportRoute(request(`/api/documents/${DOC}/annotations/export`), slugParams(DOC))).json();
    const item = exported.first.items.find((a: { id: string }) => a.id === reply.annotation.id);
    expect(item).toMatchObject({ motivation: "replying", target: root.annotation.id });
    expect(conformanceFailures(item)).toEqual([]);

    const response = await importRoute(
      request(`/api/documents/${DOC}/annotations/import`, { body: [item], account: ann, type: LD_JSON }),
      slugParams(DOC),
    );
    expect(response.status).toBe(200);
    const report = await response.json();
    expect(report.imported).toBe(0);
    expect(report.failed).toEqual([expect.objectContaining({ index: 0, id: item.id, reason: expect.stringMatching(/reply/) })]);
  });
});

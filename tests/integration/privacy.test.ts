import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as exportRoute } from "@/app/api/documents/[slug]/annotations/export/route";
import { GET as claimsRoute } from "@/app/api/documents/[slug]/claims/route";
import { GET as occurrencesRoute } from "@/app/api/documents/[slug]/entities/[id]/occurrences/route";
import { GET as documentEntitiesRoute } from "@/app/api/documents/[slug]/entities/route";
import { GET as searchRoute } from "@/app/api/documents/[slug]/search/route";
import { GET as entityRoute } from "@/app/api/entities/[id]/route";
import { GET as lookupRoute, POST as createEntityRoute } from "@/app/api/entities/route";
import { disconnectDb, getDb } from "@/lib/db";
import { readerCacheKey } from "@/lib/documents/reader-key";
import { getProfile } from "@/lib/users/queries";
import { signUp, type Account } from "./accounts";
import { smallDocument } from "./helpers";
import { annotationClient, idParams, importContent, itemIds, ORIGIN, onText, request, signUpEditor, slugParams } from "./layer";

process.env.BETTER_AUTH_SECRET ??= "test-secret-for-the-annotation-protocol-tests-0123456789";

const DOC = "privacy-test-doc";
const PARAGRAPH = "Zordun the smith met Zordun the younger at the Ilqa bazaar. Later Zordun left the Ilqa bazaar for good.";

let content: Awaited<ReturnType<typeof importContent>>;
let text: string;
let owner: Account;
let other: Account;
let editor: Account;
let entityId: string;
const client = annotationClient(DOC);
const on = (exact: string, extra: Record<string, unknown> = {}, from = 0) => onText(DOC, text, exact, extra, from);
const identify = (exact: string, visibility: "public" | "private", from = 0) =>
  on(exact, { motivation: "identifying", body: { type: "SpecificResource", source: `${ORIGIN}/entities/${entityId}` }, visibility }, from);

beforeAll(async () => {
  content = await importContent({ [`${DOC}.md`]: smallDocument(PARAGRAPH, "Privacy test") });
  text = content.texts[DOC];
  owner = await signUp("owner.privacy@example.org");
  other = await signUp("other.privacy@example.org");
  editor = await signUpEditor("editor.privacy@example.org");
  const created = await createEntityRoute(
    request("/api/entities", { body: { kind: "person", name: "Zordun", description: "A smith of the privacy test." }, account: owner }),
  );
  expect(created.status).toBe(201);
  entityId = (await created.json()).id;
});

afterAll(async () => {
  content.remove();
  await disconnectDb();
});

describe("a private annotation is its author's alone, editors included", () => {
  it("answers an editor 404 on GET, PUT and DELETE of another reader's private annotation, and changes nothing", async () => {
    const secret = await client.create(on("smith", { visibility: "private" }), owner);
    expect((await client.get(secret.id, editor)).status).toBe(404);
    const put = await client.put(secret.id, on("smith", { visibility: "public" }), editor, secret.etag);
    expect(put.status).toBe(404);
    expect((await put.json()).error.code).toBe("not_found");
    expect((await client.remove(secret.id, editor, secret.etag)).status).toBe(404);
    const row = await getDb().annotation.findUniqueOrThrow({ where: { id: secret.id } });
    expect(row.visibility).toBe("private");
    expect((await client.get(secret.id, owner)).status).toBe(200);
  });

  it("still lets an editor change and remove another reader's public annotation (moderation)", async () => {
    const shown = await client.create(on("bazaar"), owner);
    const put = await client.put(shown.id, on("bazaar", { body: { type: "TextualBody", value: "Moderated." } }), editor, shown.etag);
    expect(put.status).toBe(200);
    expect((await put.json()).creator.id).toBe(`${ORIGIN}/users/${owner.id}`);
    expect((await client.remove(shown.id, editor)).status).toBe(204);
  });

  it("keeps others' private annotations out of an editor's collection and exports (JSON-LD and CSV)", async () => {
    const secret = await client.create(on("younger", { visibility: "private" }), owner);
    expect(itemIds(await client.list(editor))).not.toContain(secret.id);
    expect(itemIds(await client.list(owner))).toContain(secret.id);
    for (const [account, visible] of [
      [editor, false],
      [other, false],
      [undefined, false],
      [owner, true],
    ] as const) {
      const json = await (await exportRoute(request(`/api/documents/${DOC}/annotations/export`, { account }), slugParams(DOC))).json();
      expect(
        json.first.items.some((a: { id: string }) => a.id.endsWith(secret.id)),
        account?.id,
      ).toBe(visible);
      const csv = await (
        await exportRoute(request(`/api/documents/${DOC}/annotations/export?format=csv`, { account }), slugParams(DOC))
      ).text();
      expect(csv.includes(secret.id), account?.id).toBe(visible);
    }
  });

  it("counts only public identifying annotations as mentions: document entities, the entity, the look-up and search", async () => {
    const privateMention = await client.create(identify("Zordun", "private"), owner);
    const mentions = async () => {
      const documentEntities = await (await documentEntitiesRoute(request(`/api/documents/${DOC}/entities`), slugParams(DOC))).json();
      const entity = await (await entityRoute(request(`/api/entities/${entityId}`), idParams(entityId))).json();
      const lookup = await (await lookupRoute(request(`/api/entities?q=zordun`))).json();
      const search = await (await searchRoute(request(`/api/documents/${DOC}/search?q=Zordun`), slugParams(DOC))).json();
      return {
        document: documentEntities.entities.find((e: { id: string }) => e.id === entityId)?.mentions.length ?? 0,
        entity: entity.mentions.length,
        lookup: lookup.entities.find((e: { id: string }) => e.id === entityId)?.mentions,
        search: search.results.some((r: { type: string; id: string }) => r.type === "entity" && r.id === entityId),
      };
    };
    expect(privateMention.annotation.visibility).toBe("private");
    expect(await mentions()).toEqual({ document: 0, entity: 0, lookup: 0, search: false });
    await client.create(identify("Zordun", "public", text.indexOf("Zordun") + 1), other);
    expect(await mentions()).toEqual({ document: 1, entity: 1, lookup: 1, search: true });
  });

  it("lets only public and the viewer's own identifying annotations hide occurrences of a name", async () => {
    const occurrences = async (account?: Account) => {
      const response = await occurrencesRoute(request(`/api/documents/${DOC}/entities/${entityId}/occurrences`, { account }), {
        params: Promise.resolve({ slug: DOC, id: entityId }),
      });
      expect(response.status).toBe(200);
      return ((await response.json()).occurrences as Array<{ start: number }>).map((o) => o.start);
    };
    const third = text.lastIndexOf("Zordun");
    // (the previous test identified the first Zordun privately for `owner`, the second publicly)
    expect(await occurrences(other)).toEqual([text.indexOf("Zordun"), third]);
    expect(await occurrences(editor)).toEqual([text.indexOf("Zordun"), third]);
    expect(await occurrences(owner)).toEqual([third]);
    expect(await occurrences()).toEqual([text.indexOf("Zordun"), third]);
  });

  it("serves only public evidence of a claim", async () => {
    const claimId = "privacy-test-claim";
    const version = await getDb().documentVersion.findFirstOrThrow({ where: { document: { slug: DOC } } });
    const document = await getDb().document.findUniqueOrThrow({ where: { slug: DOC } });
    await getDb().claim.create({ data: { id: claimId, documentId: document.id, statement: "Zordun was a smith.", kind: "identity" } });
    const range = (exact: string) => {
      const start = text.indexOf(exact);
      return {
        exact,
        start,
        end: start + exact.length,
        prefix: "",
        suffix: "",
        passageId: "p",
        versionId: version.id,
        documentId: document.id,
      };
    };
    await getDb().annotation.createMany({
      data: [
        {
          ...range("the smith"),
          id: randomUUID(),
          motivation: "linking",
          origin: "user",
          claimId,
          stance: "supports",
          creatorId: owner.id,
        },
        {
          ...range("the younger"),
          id: randomUUID(),
          motivation: "linking",
          origin: "user",
          claimId,
          stance: "contradicts",
          creatorId: owner.id,
          visibility: "private",
        },
      ],
    });
    const { claims } = await (await claimsRoute(request(`/api/documents/${DOC}/claims`, { account: owner }), slugParams(DOC))).json();
    const claim = claims.find((c: { id: string }) => c.id === claimId);
    expect(claim.evidence.map((e: { exact: string }) => e.exact)).toEqual(["the smith"]);
  });

  it("keeps the reader's kept-copy key (its ETag) through a private identification's creation, edit and removal; changes it when one turns public or private", async () => {
    const key = () => readerCacheKey(DOC);
    const before = await key();
    const secret = await client.create(identify("Zordun", "private", text.indexOf("Later")), other);
    expect(await key()).toBe(before);
    // Moved to another occurrence of the name.
    const edited = await client.put(secret.id, identify("Zordun", "private", text.indexOf("younger") - 8), other, secret.etag);
    expect(edited.status).toBe(200);
    expect(await key()).toBe(before);
    expect((await client.remove(secret.id, other, edited.headers.get("etag"))).status).toBe(204);
    expect(await key()).toBe(before);

    // Visible to everyone, or no longer: the reader's names change, and so does the key.
    const turning = await client.create(identify("Zordun", "private", text.indexOf("Later")), other);
    expect(await key()).toBe(before);
    const shown = await client.put(turning.id, identify("Zordun", "public", text.indexOf("Later")), other, turning.etag);
    expect(shown.status).toBe(200);
    const afterPublic = await key();
    expect(afterPublic).not.toBe(before);
    const hidden = await client.put(turning.id, identify("Zordun", "private", text.indexOf("Later")), other, shown.headers.get("etag"));
    expect(hidden.status).toBe(200);
    expect(await key()).not.toBe(afterPublic);
  });

  it("never lists a private annotation, or the email, on the reader's page", async () => {
    const secret = await client.create(on("left", { visibility: "private", body: { type: "TextualBody", value: "Secret words." } }), other);
    const shown = await client.create(on("for good", { body: { type: "TextualBody", value: "Shown words." } }), other);
    const profile = (await getProfile(other.id))!;
    expect(profile.annotations.map((a) => a.id)).toContain(shown.id);
    expect(profile.annotations.map((a) => a.id)).not.toContain(secret.id);
    expect(JSON.stringify(profile)).not.toContain("Secret words.");
    expect(JSON.stringify(profile)).not.toContain("other.privacy@example.org");
  });
});

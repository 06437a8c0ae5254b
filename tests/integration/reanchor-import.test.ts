import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { disconnectDb, getDb } from "@/lib/db";
import { describeImport, importDocument } from "@/lib/documents/import-document";
import { signUp } from "./accounts";
import { EDITED_FIRST as FIRST, EDITED_SECOND as SECOND, editedEntities } from "./helpers";
import { annotationClient, idOf, importContent, onText, replyTo } from "./layer";

afterAll(async () => {
  await disconnectDb();
});

const SLUG = "reanchor-doc";
const ENTITIES = editedEntities("test");

describe("re-importing changed text", () => {
  it("re-anchors every annotation, orphans lost words with their last quote, reports and keeps the old anchors", async () => {
    const db = getDb();
    const content = await importContent({ [`${SLUG}.md`]: FIRST, [`${SLUG}.entities.yaml`]: ENTITIES });
    const file = path.join(content.dir, `${SLUG}.md`);
    try {
      const text = content.texts[SLUG];
      const account = await signUp("reanchor@example.test");
      const client = annotationClient(SLUG);
      const made = {
        unchanged: await client.create(onText(SLUG, text, "delegation to Urumqi"), account),
        respelled: await client.create(onText(SLUG, text, "Ahmetjan Qasimi"), account),
        deleted: await client.create(onText(SLUG, text, "Ghulja fell in November 1944."), account),
        shifted: await client.create(onText(SLUG, text, "Sheng Shicai"), account),
      };
      const reply = await client.create(replyTo(made.deleted.annotation.id, "And then?"), account);
      const v1 = await db.documentVersion.findFirstOrThrow({ where: { document: { slug: SLUG } } });
      const before = await db.annotation.findMany({ where: { documentId: v1.documentId } });
      expect(before.every((a) => a.madeOnVersionId === v1.id)).toBe(true);

      fs.writeFileSync(file, SECOND);
      const result = await importDocument(db, file);
      expect(result.status).toBe("updated");
      expect(result.reanchoring).toMatchObject({ from: { number: 1 }, to: { number: 2 }, unchanged: 2, moved: 1, fuzzy: 1, orphaned: 2 });
      expect(describeImport(result)).toMatch(/2 unchanged, 1 moved, 1 fuzzy, 2 orphaned/);
      expect(describeImport(result)).toContain('"Ahmetjan Qasimi" is now "Ahmetjan Kasimi"');
      // Curated annotations re-anchored with the rest: the text change did not fail on "{Ghulja} fell".
      expect(result.entities).toMatchObject({ status: "unchanged", entities: 2, mentions: 2 });

      const v2 = await db.documentVersion.findFirstOrThrow({ where: { documentId: v1.documentId, number: 2 } });
      const byId = new Map((await db.annotation.findMany({ where: { documentId: v1.documentId } })).map((a) => [a.id, a]));
      const unchanged = byId.get(made.unchanged.id)!;
      expect(unchanged).toMatchObject({ state: "exact", versionId: v2.id, exact: "delegation to Urumqi" });
      expect(v2.text.slice(unchanged.start, unchanged.end)).toBe("delegation to Urumqi");
      const shifted = byId.get(made.shifted.id)!;
      expect(shifted).toMatchObject({ state: "moved", versionId: v2.id, exact: "Sheng Shicai" });
      expect(v2.text.slice(shifted.start, shifted.end)).toBe("Sheng Shicai");
      expect(shifted.start).toBe(v2.text.indexOf("Sheng Shicai"));
      expect(byId.get(made.respelled.id)).toMatchObject({
        state: "fuzzy",
        exact: "Ahmetjan Kasimi",
        priorExact: "Ahmetjan Qasimi",
        versionId: v2.id,
      });
      // The orphan keeps its last selectors and the version they refer to; its reply follows it.
      const orphan = byId.get(made.deleted.id)!;
      expect(orphan).toMatchObject({ state: "orphaned", versionId: v1.id, exact: "Ghulja fell in November 1944." });
      expect(v1.text.slice(orphan.start, orphan.end)).toBe(orphan.exact);
      expect(byId.get(reply.id)).toMatchObject({ state: "orphaned", versionId: v1.id });
      const curated = [...byId.values()].filter((a) => a.origin === "curated");
      expect(curated.map((a) => [a.exact, a.state]).sort()).toEqual([
        ["Ghulja", "orphaned"],
        ["Ili", "exact"],
      ]);

      // Where everything was in version 1 is kept, and the report is stored.
      const anchors = await db.annotationAnchor.findMany({ where: { versionId: v1.id } });
      expect(anchors).toHaveLength(before.length);
      for (const a of anchors) expect(v1.text.slice(a.start, a.end)).toBe(a.exact);
      const report = await db.reanchoring.findFirstOrThrow({ where: { documentId: v1.documentId } });
      expect(report).toMatchObject({ fromVersionId: v1.id, toVersionId: v2.id, unchanged: 2, moved: 1, fuzzy: 1, orphaned: 2 });
      expect((report.details as Array<{ id: string }>).map((d) => d.id).sort()).toEqual(
        [made.respelled.id, made.deleted.id, curated.find((a) => a.exact === "Ghulja")!.id].sort(),
      );

      // The protocol serves each with where it stands, and lists the orphans.
      const orphans = await client.list(undefined, "state=orphaned");
      const ghulja = curated.find((a) => a.exact === "Ghulja")!;
      expect(orphans.first.items.map((a) => idOf(a.id)).sort()).toEqual([made.deleted.id, reply.id, ghulja.id].sort());
      const served = await (await client.get(made.deleted.id)).json();
      expect(served.anchoring).toMatchObject({ state: "orphaned", version: v1.hash });
      const fuzzy = await (await client.get(made.respelled.id)).json();
      expect(fuzzy.anchoring).toMatchObject({ state: "fuzzy", version: v2.hash, previousQuote: "Ahmetjan Qasimi", madeOn: v1.hash });

      // Back to the first text: the orphan's words are back, and it finds them.
      fs.writeFileSync(file, FIRST);
      const restored = await importDocument(db, file);
      expect(restored.status).toBe("restored");
      const back = await db.annotation.findUniqueOrThrow({ where: { id: made.deleted.id } });
      expect(back).toMatchObject({ state: "exact", versionId: v1.id, start: orphan.start, end: orphan.end });
      expect(restored.reanchoring!.orphaned).toBe(0);
    } finally {
      content.remove();
    }
  });

  it("re-derives the curated layer when its file changes with the text, and re-anchors readers' annotations", async () => {
    const db = getDb();
    const slug = "reanchor-curated";
    const content = await importContent({ [`${slug}.md`]: FIRST, [`${slug}.entities.yaml`]: ENTITIES });
    try {
      const account = await signUp("reanchor-curated@example.test");
      const note = await annotationClient(slug).create(onText(slug, content.texts[slug], "Sheng Shicai"), account);
      fs.writeFileSync(path.join(content.dir, `${slug}.md`), SECOND);
      fs.writeFileSync(path.join(content.dir, `${slug}.entities.yaml`), editedEntities("test", false));
      const result = await importDocument(db, path.join(content.dir, `${slug}.md`));
      expect(result.entities).toMatchObject({ status: "updated", mentions: 1 });
      expect(result.reanchoring).toMatchObject({ unchanged: 0, moved: 1, fuzzy: 0, orphaned: 0 });
      expect(await db.annotation.findUniqueOrThrow({ where: { id: note.id } })).toMatchObject({ state: "moved", exact: "Sheng Shicai" });
    } finally {
      content.remove();
    }
  });
});

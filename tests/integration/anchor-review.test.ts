import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { POST as anchorPost } from "@/app/api/documents/[slug]/annotations/[id]/anchor/route";
import { anchorQueue } from "@/lib/annotations/anchor-queue";
import { disconnectDb, getDb } from "@/lib/db";
import { importDocument } from "@/lib/documents/import-document";
import { signUp, type Account } from "./accounts";
import { smallDocument } from "./helpers";
import { annotationClient, annotationParams, importContent, onText, replyTo, request, signUpEditor } from "./layer";

afterAll(async () => {
  await disconnectDb();
});

const SLUG = "anchor-review-doc";
const FIRST = smallDocument(
  ["Ahmetjan Qasimi led the delegation to Urumqi in 1946.", "Ghulja fell in November 1944 after a short siege."].join("\n\n"),
);
const SECOND = smallDocument(["Ahmetjan Kasimi led the delegation to Urumqi in 1946.", "The town fell after a short siege."].join("\n\n"));

const act = (id: string, body: unknown, account?: Account, ifMatch?: string, slug = SLUG) =>
  anchorPost(
    request(`/api/documents/${slug}/annotations/${encodeURIComponent(id)}/anchor`, {
      body,
      account,
      headers: ifMatch ? { "if-match": ifMatch } : {},
    }),
    annotationParams(slug, id),
  );

describe("the anchor queue and its review", () => {
  it("lists orphans and fuzzy anchors for editors, and re-attaches, confirms, dismisses and detaches them", async () => {
    const db = getDb();
    const content = await importContent({ [`${SLUG}.md`]: FIRST });
    try {
      const author = await signUp("anchor-author@example.test");
      const other = await signUp("anchor-other@example.test");
      const editor = await signUpEditor("anchor-editor@example.test");
      const client = annotationClient(SLUG);
      const text = content.texts[SLUG];
      const fuzzy = await client.create(onText(SLUG, text, "Ahmetjan Qasimi"), author);
      const orphan = await client.create(onText(SLUG, text, "Ghulja fell in November 1944"), author);
      const reply = await client.create(replyTo(orphan.annotation.id, "Which month?"), other);
      const hidden = await client.create(onText(SLUG, text, "November 1944", { visibility: "private" }), author);

      fs.writeFileSync(path.join(content.dir, `${SLUG}.md`), SECOND);
      const result = await importDocument(db, path.join(content.dir, `${SLUG}.md`));
      expect(result.reanchoring).toMatchObject({ fuzzy: 1, orphaned: 2 });

      // The queue: the editor sees the public fuzzy and orphaned roots, not the author's private one, not replies.
      const queue = await anchorQueue({ id: editor.id, role: "editor" });
      const mine = queue.items.filter((i) => [fuzzy.id, orphan.id, hidden.id, reply.id].includes(i.id));
      expect(mine.map((i) => [i.id, i.state]).sort()).toEqual(
        [
          [fuzzy.id, "fuzzy"],
          [orphan.id, "orphaned"],
        ].sort(),
      );
      const fuzzyItem = mine.find((i) => i.id === fuzzy.id)!;
      expect(fuzzyItem).toMatchObject({ exact: "Ahmetjan Kasimi", priorExact: "Ahmetjan Qasimi", what: { kind: "note" } });
      expect(mine.find((i) => i.id === orphan.id)).toMatchObject({ exact: "Ghulja fell in November 1944", version: { number: 1 } });
      // Its author sees their private orphan in their own queue view.
      expect((await anchorQueue({ id: author.id, role: "annotator" })).items.map((i) => i.id)).toContain(hidden.id);

      // Bad requests change nothing.
      expect((await act(orphan.id, { action: "attach", start: 0, end: 3 })).status).toBe(401);
      expect((await act(orphan.id, { action: "attach", start: 0, end: 3 }, other)).status).toBe(403);
      expect((await act(hidden.id, { action: "dismiss" }, editor)).status).toBe(404);
      expect((await act(reply.id, { action: "dismiss" }, editor)).status).toBe(409);
      expect((await act(orphan.id, { action: "confirm" }, editor)).status).toBe(409);
      expect((await act(orphan.id, { action: "attach" }, editor)).status).toBe(400);
      expect((await act(orphan.id, { action: "move" }, editor)).status).toBe(400);
      expect((await act(orphan.id, { action: "attach", exact: "not in the text at all" }, editor)).status).toBe(422);
      expect((await act(orphan.id, { action: "dismiss" }, editor, '"stale"')).status).toBe(412);
      expect(await db.annotation.findUniqueOrThrow({ where: { id: orphan.id } })).toMatchObject({ state: "orphaned", reviewedAt: null });

      // Re-attach the orphan by selecting new words (offsets and quote); its reply moves with it.
      const v2 = await db.documentVersion.findFirstOrThrow({ where: { document: { slug: SLUG }, number: 2 } });
      const start = v2.text.indexOf("The town fell");
      const attached = await act(
        orphan.id,
        { action: "attach", start, end: start + "The town fell".length, exact: "The town fell" },
        editor,
      );
      expect(attached.status, await attached.clone().text()).toBe(200);
      const served = await attached.json();
      expect(served.anchoring).toMatchObject({ state: "exact", version: v2.hash, previousQuote: "Ghulja fell in November 1944" });
      expect(await db.annotation.findUniqueOrThrow({ where: { id: reply.id } })).toMatchObject({
        state: "exact",
        versionId: v2.id,
        exact: "The town fell",
      });

      // Confirm the fuzzy one: it leaves the queue.
      expect((await act(fuzzy.id, { action: "confirm" }, editor)).status).toBe(200);
      expect(await db.annotation.findUniqueOrThrow({ where: { id: fuzzy.id } })).toMatchObject({ state: "exact", reviewedById: editor.id });
      const after = (await anchorQueue({ id: editor.id, role: "editor" })).items.map((i) => i.id);
      expect(after).not.toContain(fuzzy.id);
      expect(after).not.toContain(orphan.id);

      // The author dismisses their private orphan; it stays orphaned but leaves the queue.
      expect((await act(hidden.id, { action: "dismiss" }, author)).status).toBe(200);
      expect(await db.annotation.findUniqueOrThrow({ where: { id: hidden.id } })).toMatchObject({ state: "orphaned" });
      expect((await anchorQueue({ id: author.id, role: "annotator" })).items.map((i) => i.id)).not.toContain(hidden.id);
    } finally {
      content.remove();
    }
  });

  it("detaches a fuzzy anchor back to the words it had, as an orphan", async () => {
    const db = getDb();
    const slug = "anchor-detach-doc";
    const content = await importContent({ [`${slug}.md`]: FIRST });
    try {
      const author = await signUp("anchor-detach@example.test");
      const editor = await signUpEditor("anchor-detach-editor@example.test");
      const note = await annotationClient(slug).create(onText(slug, content.texts[slug], "Ahmetjan Qasimi"), author);
      fs.writeFileSync(path.join(content.dir, `${slug}.md`), SECOND);
      await importDocument(db, path.join(content.dir, `${slug}.md`));
      expect((await db.annotation.findUniqueOrThrow({ where: { id: note.id } })).state).toBe("fuzzy");
      // Under another document's container, the annotation is not there.
      expect((await act(note.id, { action: "detach" }, editor, undefined, SLUG)).status).toBe(404);
      const response = await act(note.id, { action: "detach" }, editor, undefined, slug);
      expect(response.status).toBe(200);
      const v1 = await db.documentVersion.findFirstOrThrow({ where: { document: { slug }, number: 1 } });
      const row = await db.annotation.findUniqueOrThrow({ where: { id: note.id } });
      expect(row).toMatchObject({ state: "orphaned", exact: "Ahmetjan Qasimi", versionId: v1.id, reviewedAt: null });
      expect(v1.text.slice(row.start, row.end)).toBe("Ahmetjan Qasimi");
    } finally {
      content.remove();
    }
  });
});

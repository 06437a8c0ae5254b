import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb, getDb } from "@/lib/db";
import { getDocumentHistory, getVersionView, parseVersionRef, type HistoricalAnnotation, type VersionView } from "@/lib/documents/history";
import { importDocument } from "@/lib/documents/import-document";
import { followPassage } from "@/lib/documents/passage-link";
import { GET as getPassageRoute } from "@/app/api/documents/[slug]/passages/[anchor]/route";
import { signUp, type Account } from "./accounts";
import { EDITED_FIRST as FIRST, EDITED_SECOND as SECOND, editedEntities, smallDocument } from "./helpers";
import { annotationClient, importContent, onText, replyTo } from "./layer";

// The history queries: a version's text with its annotations where they were then, and the
// versions with their re-anchoring reports, as each reader may see them.

const SLUG = "history-doc";
// Everything shifts: a paragraph before all the others.
const THIRD = smallDocument(
  [
    "An opening paragraph added in the third edition.",
    "Ahmetjan Kasimi led the delegation to Urumqi in 1946.",
    "The Ili valley was the base of the rebellion.",
    "A paragraph added in the second edition.",
    "Sheng Shicai ruled the province until 1944. He had been allied with the Soviet Union.",
  ].join("\n\n"),
);
const ENTITIES = editedEntities("history");

let content: Awaited<ReturnType<typeof importContent>>;
let alice: Account;
let bob: Account;
const made: Record<string, string> = {};
let v1Text: string;

const body = (value: string) => ({ body: { type: "TextualBody", value, format: "text/plain" } });
const byId = (view: VersionView) => new Map(view.annotations.map((a) => [a.id, a]));
const wordsAt = (view: VersionView, a: HistoricalAnnotation) => view.text.slice(a.start, a.end);

beforeAll(async () => {
  content = await importContent({ [`${SLUG}.md`]: FIRST, [`${SLUG}.entities.yaml`]: ENTITIES });
  v1Text = content.texts[SLUG];
  alice = await signUp("history-alice@example.test");
  bob = await signUp("history-bob@example.test");
  const client = annotationClient(SLUG);
  const create = async (account: Account, exact: string, extra: Record<string, unknown>) =>
    (await client.create(onText(SLUG, v1Text, exact, extra), account)).id;
  made.unchanged = await create(alice, "delegation to Urumqi", body("Alice public on the delegation"));
  made.orphan = await create(alice, "Ghulja fell in November 1944.", body("Alice public on the fall"));
  made.fuzzy = await create(alice, "Ahmetjan Qasimi", { ...body("Alice private on the name"), visibility: "private" });
  made.moved = await create(alice, "Sheng Shicai", {
    motivation: "tagging",
    body: { type: "TextualBody", value: "alice-private-tag", purpose: "tagging" },
    visibility: "private",
  });
  made.bobPrivate = await create(bob, "The Ili valley", { ...body("Bob private on the valley"), visibility: "private" });
  const iri = (await client.get(made.unchanged).then((r) => r.json())).id as string;
  made.reply = (await client.create(replyTo(iri, "Bob answers in public"), bob)).id;
  made.privateReply = (await client.create(replyTo(iri, "Bob answers in private", { visibility: "private" }), bob)).id;

  const file = path.join(content.dir, `${SLUG}.md`);
  fs.writeFileSync(file, SECOND);
  expect((await importDocument(getDb(), file)).reanchoring).toMatchObject({ unchanged: 3, moved: 1, fuzzy: 1, orphaned: 2 });
});

afterAll(async () => {
  content?.remove();
  await disconnectDb();
});

describe("version references", () => {
  it("reads numbers, hashes and hash prefixes of at least 8 hex digits", () => {
    expect(parseVersionRef("2")).toEqual({ number: 2 });
    expect(parseVersionRef("ABCDEF12")).toEqual({ hashPrefix: "abcdef12" });
    expect(parseVersionRef("12345678")).toEqual({ number: 12345678, hashPrefix: "12345678" });
    for (const bad of ["", "0", "01", "-1", "1.5", "abc", "abcdef1", "v1", "1 ", "g".repeat(8), "a".repeat(65)])
      expect(parseVersionRef(bad)).toBeNull();
  });
});

describe("a version's page after the text changed", () => {
  it("shows version 1 with its annotations where they were, to anyone: public ones only", async () => {
    const view = (await getVersionView(SLUG, "1", null))!;
    expect(view).toMatchObject({
      version: { number: 1 },
      versionCount: 2,
      current: { number: 2 },
      isCurrent: false,
      sameTextAsCurrent: false,
    });
    expect(view.text).toBe(v1Text);
    const annotations = byId(view);
    // Readers' private notes are nobody else's: neither alice's nor bob's shows.
    expect([...annotations.keys()].sort()).toEqual(
      [made.unchanged, made.orphan, ...view.annotations.filter((a) => a.origin === "curated").map((a) => a.id)].sort(),
    );
    expect(JSON.stringify(view)).not.toMatch(/private on|alice-private-tag|answers in private/);
    for (const a of view.annotations) expect(wordsAt(view, a)).toBe(a.exact);
    expect(annotations.get(made.unchanged)).toMatchObject({
      layer: "note",
      exact: "delegation to Urumqi",
      orphanedLater: false,
      mine: false,
    });
    expect(annotations.get(made.unchanged)!.replies.map((r) => r.body.comments[0].value)).toEqual(["Bob answers in public"]);
    // The orphan is where it was last placed, and says its words are gone now.
    expect(annotations.get(made.orphan)).toMatchObject({ exact: "Ghulja fell in November 1944.", orphanedLater: true, madeOn: 1 });
    expect(annotations.get(made.orphan)!.body.comments).toEqual([{ value: "Alice public on the fall", format: "text/plain" }]);
    // The curated names as they were: Ghulja's mention, orphaned since, is underlined in version 1.
    const mentions = view.annotations.filter((a) => a.layer === "mention");
    expect(mentions.map((m) => [wordsAt(view, m), m.entity?.id, m.orphanedLater])).toEqual([
      ["Ili", "ili-history", false],
      ["Ghulja", "ghulja-history", true],
    ]);
    expect(view.entities.map((e) => [e.id, e.mentions])).toEqual([
      ["ghulja-history", 1],
      ["ili-history", 1],
    ]);
    // Passages whose words the current text still has keep their id there.
    expect(view.passages.map((p) => [p.text.slice(0, 20), p.inCurrent])).toEqual([
      ["First section", true],
      ["Ahmetjan Qasimi led ", false],
      ["The Ili valley was t", false],
      ["Sheng Shicai ruled t", true],
    ]);
  });

  it("shows its author their private notes on version 1 with the words they were made on", async () => {
    const view = (await getVersionView(SLUG, "1", { id: alice.id, role: "annotator" }))!;
    const annotations = byId(view);
    expect(annotations.get(made.fuzzy)).toMatchObject({
      exact: "Ahmetjan Qasimi",
      state: "exact",
      visibility: "private",
      mine: true,
      creator: { id: alice.id },
    });
    expect(wordsAt(view, annotations.get(made.fuzzy)!)).toBe("Ahmetjan Qasimi");
    expect(annotations.get(made.moved)).toMatchObject({ exact: "Sheng Shicai", start: v1Text.indexOf("Sheng Shicai") });
    expect(annotations.get(made.moved)!.body.tags).toEqual(["alice-private-tag"]);
    expect(annotations.has(made.bobPrivate)).toBe(false);
    // Bob's private reply is his alone, even on alice's note.
    expect(annotations.get(made.unchanged)!.replies.map((r) => r.id)).toEqual([made.reply]);
    const bobs = byId((await getVersionView(SLUG, "1", { id: bob.id, role: "annotator" }))!);
    expect(bobs.has(made.fuzzy)).toBe(false);
    expect(bobs.get(made.bobPrivate)).toMatchObject({ exact: "The Ili valley", mine: true });
    expect(bobs.get(made.unchanged)!.replies.map((r) => r.id)).toEqual([made.reply, made.privateReply]);
  });

  it("shows version 2, the current one, from the annotations' own rows, without the orphans", async () => {
    const view = (await getVersionView(SLUG, "2", { id: alice.id, role: "annotator" }))!;
    expect(view).toMatchObject({ isCurrent: true, sameTextAsCurrent: true, version: { number: 2 } });
    expect(view.passages.every((p) => p.inCurrent)).toBe(true);
    const annotations = byId(view);
    expect(annotations.has(made.orphan)).toBe(false);
    expect(view.annotations.some((a) => a.entity?.id === "ghulja-history")).toBe(false);
    expect(annotations.get(made.fuzzy)).toMatchObject({ exact: "Ahmetjan Kasimi", state: "fuzzy" });
    expect(annotations.get(made.moved)).toMatchObject({ state: "moved", start: view.text.indexOf("Sheng Shicai") });
    for (const a of view.annotations) expect(wordsAt(view, a)).toBe(a.exact);
  });

  it("finds a version by its hash or a hash prefix, and nothing for unknown or malformed references", async () => {
    const v1 = await getDb().documentVersion.findFirstOrThrow({ where: { document: { slug: SLUG }, number: 1 } });
    expect((await getVersionView(SLUG, v1.hash, null))?.version.number).toBe(1);
    expect((await getVersionView(SLUG, v1.hash.slice(0, 8).toUpperCase(), null))?.version.number).toBe(1);
    for (const bad of ["3", "0", "abc", "1.5", "ffffffffffff", v1.hash.slice(0, 7), `${v1.hash}0`]) {
      expect(await getVersionView(SLUG, bad, null), bad).toBeNull();
    }
    expect(await getVersionView("no-such-document", "1", null)).toBeNull();
  });
});

describe("the versions and their re-anchoring reports", () => {
  it("lists the versions newest first and the report of the change, without others' private notes", async () => {
    const history = (await getDocumentHistory(SLUG, null))!;
    expect(history.versions.map((v) => [v.number, v.current, v.passageCount])).toEqual([
      [2, true, 5],
      [1, false, 4],
    ]);
    expect(history.transitions).toHaveLength(1);
    const [change] = history.transitions;
    expect(change).toMatchObject({ from: { number: 1 }, to: { number: 2 } });
    // Stored: 3 unchanged, 1 moved, 1 fuzzy, 2 orphaned; three of them are private notes.
    expect([change.unchanged, change.moved, change.fuzzy, change.orphaned]).toEqual([2, 0, 0, 2]);
    expect(change.details.map((d) => [d.state, d.exact, d.origin, d.passageLabel, d.passageVersion]).sort()).toEqual([
      ["orphaned", "Ghulja fell in November 1944.", "user", "§1 ¶2", 1],
      ["orphaned", "Ghulja", "curated", "§1 ¶2", 1],
    ]);
    expect(JSON.stringify(history)).not.toContain("Qasimi");

    const alices = (await getDocumentHistory(SLUG, { id: alice.id, role: "annotator" }))!.transitions[0];
    expect([alices.unchanged, alices.moved, alices.fuzzy, alices.orphaned]).toEqual([2, 1, 1, 2]);
    expect(alices.details.find((d) => d.state === "fuzzy")).toMatchObject({
      id: made.fuzzy,
      priorExact: "Ahmetjan Qasimi",
      exact: "Ahmetjan Kasimi",
      passageLabel: "§1 ¶1",
      passageVersion: 2,
    });
    const bobs = (await getDocumentHistory(SLUG, { id: bob.id, role: "annotator" }))!.transitions[0];
    expect([bobs.unchanged, bobs.moved, bobs.fuzzy, bobs.orphaned]).toEqual([3, 0, 0, 2]);
    expect(await getDocumentHistory("no-such-document", null)).toBeNull();
  });

  it("after another change keeps version 2's anchors for its page, and reports both changes", async () => {
    fs.writeFileSync(path.join(content.dir, `${SLUG}.md`), THIRD);
    expect((await importDocument(getDb(), path.join(content.dir, `${SLUG}.md`))).number).toBe(3);

    const v2 = (await getVersionView(SLUG, "2", { id: alice.id, role: "annotator" }))!;
    expect(v2).toMatchObject({ isCurrent: false, versionCount: 3, current: { number: 3 } });
    const annotations = byId(v2);
    expect(annotations.get(made.fuzzy)).toMatchObject({
      exact: "Ahmetjan Kasimi",
      state: "fuzzy",
      start: v2.text.indexOf("Ahmetjan Kasimi"),
    });
    expect(annotations.get(made.moved)).toMatchObject({ state: "moved", start: v2.text.indexOf("Sheng Shicai") });
    expect(annotations.has(made.orphan)).toBe(false);
    for (const a of v2.annotations) expect(wordsAt(v2, a)).toBe(a.exact);
    // Version 1 is as it was.
    const v1 = (await getVersionView(SLUG, "1", { id: alice.id, role: "annotator" }))!;
    expect(v1.annotations.find((a) => a.id === made.moved)!.start).toBe(v1Text.indexOf("Sheng Shicai"));

    const history = (await getDocumentHistory(SLUG, null))!;
    expect(history.transitions.map((t) => [t.from.number, t.to.number])).toEqual([
      [2, 3],
      [1, 2],
    ]);
    // The first change's counts still leave out alice's private tag (moved): its anchor in version 2 says so.
    expect(history.transitions[1].moved).toBe(0);
    // Everything moved (alice's tag and bob's note are not counted for others); the orphans stay orphans.
    expect(history.transitions[0]).toMatchObject({ unchanged: 0, moved: 2, fuzzy: 0, orphaned: 2 });
    expect(history.transitions[0].details.find((d) => d.origin === "user")).toMatchObject({ id: made.orphan, wasOrphaned: true });
  });

  it("leaves a deleted note out of the report's details and counts", async () => {
    const response = await annotationClient(SLUG).remove(made.orphan, alice);
    expect(response.status).toBe(204);
    const change = (await getDocumentHistory(SLUG, null))!.transitions[1];
    expect(change.orphaned).toBe(1);
    expect(change.details.map((d) => d.origin)).toEqual(["curated"]);
  });
});

describe("links to passages made on an earlier version", () => {
  /** Version `number`'s paragraphs, or the current version's. */
  const passagesOf = async (number: number | "current") =>
    getDb().passage.findMany({
      where: {
        version: number === "current" ? { current: { is: { slug: SLUG } } } : { document: { slug: SLUG }, number },
        kind: "paragraph",
      },
      orderBy: { ordinal: "asc" },
      select: { anchor: true, label: true, text: true },
    });
  const follow = async (anchor: string) =>
    getPassageRoute(new Request(`http://gloss.test/api/documents/${SLUG}/passages/${anchor}`), {
      params: Promise.resolve({ slug: SLUG, anchor }),
    });

  it("finds an edited passage where its words went, an unchanged one where it is, and answers 404 to any other id", async () => {
    // Tests before this one may have made more versions: the link goes to the current one.
    const [v1, v2] = [await passagesOf(1), await passagesOf("current")];
    const valley1 = v1.find((p) => p.text.startsWith("The Ili valley"))!;
    const valley2 = v2.find((p) => p.text.startsWith("The Ili valley"))!;
    expect(valley1.anchor).not.toBe(valley2.anchor);
    const changed = await follow(valley1.anchor);
    expect(changed.status).toBe(200);
    expect(await changed.json()).toEqual({
      state: "changed",
      passageId: valley2.anchor,
      label: valley2.label,
      was: { label: valley1.label, version: 1 },
    });
    const sheng = v2.find((p) => p.text.startsWith("Sheng Shicai"))!;
    expect(await (await follow(sheng.anchor)).json()).toEqual({ state: "current", passageId: sheng.anchor, label: sheng.label });
    for (const unknown of ["p-00000000", "Not-An-Id", "p-" + "0".repeat(300)]) {
      const response = await follow(unknown);
      expect(response.status).toBe(404);
      expect((await response.json()).error.code).toBe("not_found");
    }
  });

  it("says a passage whose words are all gone is gone", async () => {
    const slug = `${SLUG}-gone`;
    const gone = await importContent({
      [`${slug}.md`]: smallDocument("One paragraph stays.\n\nThis paragraph will go entirely.\n\nAnother stays."),
    });
    try {
      const before = await getDb().passage.findFirstOrThrow({
        where: { text: "This paragraph will go entirely.", version: { document: { slug } } },
      });
      const file = path.join(gone.dir, `${slug}.md`);
      fs.writeFileSync(file, smallDocument("One paragraph stays.\n\nAnother stays."));
      await importDocument(getDb(), file);
      expect(await followPassage(slug, before.anchor, null)).toEqual({ state: "gone", was: { label: before.label, version: 1 } });
    } finally {
      gone.remove();
    }
  });
});

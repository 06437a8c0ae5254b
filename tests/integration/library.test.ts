import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb, getDb } from "@/lib/db";
import { importDocument } from "@/lib/documents/import-document";
import { listLibrary, type Library } from "@/lib/documents/library";
import { mayReviseDocument } from "@/lib/documents/revise-document";
import { signUp } from "./accounts";
import { makeContentFolder, smallDocument } from "./helpers";

// The library lists what its reader may see: their own documents apart (private ones with them),
// everyone's public ones, and nobody else's private ones, not even to an editor.

process.env.BETTER_AUTH_SECRET ??= "test-secret-for-the-library-tests-0123456789abcdef";

const run = Date.now().toString(36);
const db = () => getDb();
let owner: { id: string; role: "annotator" };
let editor: { id: string; role: "editor" };
let dir: string;
const slugs = {
  mine: `library-mine-${run}`,
  published: `library-published-${run}`,
  editors: `library-editors-${run}`,
  edition: `library-edition-${run}`,
};

/** Imports a small document as `slug` and gives it an owner, a visibility, a format and metadata. */
async function ownedDocument(slug: string, ownerId: string | null, visibility: "public" | "private", format: string, extra: object = {}) {
  fs.writeFileSync(path.join(dir, `${slug}.md`), smallDocument(`The text of ${slug}.\n\nA second paragraph.`, `Title of ${slug}`));
  await importDocument(db(), path.join(dir, `${slug}.md`));
  const document = await db().document.findUniqueOrThrow({ where: { slug } });
  await db().document.update({
    where: { slug },
    data: { ownerId, visibility, format, metadata: { ...(document.metadata as object), ...extra } },
  });
}

const slugsOf = (library: Library) => ({
  own: library.own.map((d) => d.slug).filter((s) => s.endsWith(run)),
  public: library.public.map((d) => d.slug).filter((s) => s.endsWith(run)),
});

beforeAll(async () => {
  dir = makeContentFolder({});
  owner = { id: (await signUp(`library-owner-${run}@example.test`)).id, role: "annotator" };
  editor = { id: (await signUp(`library-editor-${run}@example.test`)).id, role: "editor" };
  await db().user.update({ where: { id: editor.id }, data: { role: "editor" } });
  await ownedDocument(slugs.mine, owner.id, "private", "pdf", {
    authors: ["Ehmetjan Qasimi", "Ahmad Jan"],
    author: "Ehmetjan Qasimi; Ahmad Jan",
    published: "1946-06",
  });
  await ownedDocument(slugs.published, owner.id, "public", "docx");
  await ownedDocument(slugs.editors, editor.id, "private", "html");
  await ownedDocument(slugs.edition, null, "public", "markdown");
});

afterAll(async () => {
  await db().document.deleteMany({ where: { slug: { in: Object.values(slugs) } } });
  await disconnectDb();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("listLibrary", () => {
  it("gives the owner their documents, private and public, apart from the public ones", async () => {
    const library = await listLibrary(owner);
    expect(slugsOf(library)).toEqual({ own: [slugs.mine, slugs.published].sort(), public: [slugs.edition] });
    expect(library.own.find((d) => d.slug === slugs.mine)).toEqual({
      slug: slugs.mine,
      title: `Title of ${slugs.mine}`,
      authors: ["Ehmetjan Qasimi", "Ahmad Jan"],
      date: "1946-06",
      format: "PDF",
      passageCount: 3,
      visibility: "private",
      publishable: false,
    });
    expect(library.own.find((d) => d.slug === slugs.published)).toMatchObject({ format: "Word", authors: [], date: null });
    // An edition of content/ (no owner) is everyone's.
    expect(library.public.find((d) => d.slug === slugs.edition)).toMatchObject({ format: "Markdown", visibility: "public" });
  });

  it("shows nobody else a private document: not another reader, not an editor, not the signed out", async () => {
    expect(slugsOf(await listLibrary(editor))).toEqual({ own: [slugs.editors], public: [slugs.edition, slugs.published] });
    expect(slugsOf(await listLibrary(null))).toEqual({ own: [], public: [slugs.edition, slugs.published] });
  });

  it("offers an editor to publish their own private documents only", async () => {
    const library = await listLibrary(editor);
    expect(library.own.find((d) => d.slug === slugs.editors)?.publishable).toBe(true);
    expect(library.public.find((d) => d.slug === slugs.published)?.publishable).toBe(false);
  });
});

describe("mayReviseDocument", () => {
  it("is the owner's, or an editor's on a public document; never on the editions or another's private one", async () => {
    expect(await mayReviseDocument(db(), slugs.mine, owner)).toBe(true);
    expect(await mayReviseDocument(db(), slugs.mine, editor)).toBe(false);
    expect(await mayReviseDocument(db(), slugs.mine, null)).toBe(false);
    expect(await mayReviseDocument(db(), slugs.published, editor)).toBe(true);
    expect(await mayReviseDocument(db(), slugs.editors, owner)).toBe(false);
    expect(await mayReviseDocument(db(), slugs.edition, editor)).toBe(false);
    expect(await mayReviseDocument(db(), `no-such-${run}`, owner)).toBe(false);
  });
});

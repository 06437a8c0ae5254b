import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as exportRoute } from "@/app/api/documents/[slug]/annotations/export/route";
import UserPage from "@/app/users/[id]/page";
import { disconnectDb, getDb } from "@/lib/db";
import { conformanceFailures } from "../support/w3c-conformance";
import { signUp, type Account } from "./accounts";
import { smallDocument } from "./helpers";
import { annotationClient, importContent, ORIGIN, onText, replyTo, request, slugParams } from "./layer";

process.env.BETTER_AUTH_SECRET ??= "test-secret-for-the-annotation-protocol-tests-0123456789";

const DOC = "users-test-doc";
const PARAGRAPH = "The poet Abdukhaliq Uyghur wrote in Turpan. His poems were read aloud in Turpan and beyond.";

let content: Awaited<ReturnType<typeof importContent>>;
let text: string;
let writer: Account;
let reader: Account;
const client = annotationClient(DOC);
const on = (exact: string, extra: Record<string, unknown> = {}) => onText(DOC, text, exact, extra);

async function renderPage(id: string): Promise<string> {
  return renderToStaticMarkup(await UserPage({ params: Promise.resolve({ id }) }));
}

beforeAll(async () => {
  content = await importContent({ [`${DOC}.md`]: smallDocument(PARAGRAPH, "Users test") });
  text = content.texts[DOC];
  writer = await signUp("writer.users@example.org");
  reader = await signUp("reader.users@example.org");
  await getDb().user.update({ where: { id: writer.id }, data: { name: "Rabiä <Writer>" } });
});

afterAll(async () => {
  content.remove();
  await disconnectDb();
});

describe("creator names", () => {
  it("serves every user annotation's creator as { id: the user's IRI, type: Person, name } in POST, GET, the collection and the export", async () => {
    const created = await client.create(on("poet"), writer);
    const expected = { id: `${ORIGIN}/users/${writer.id}`, type: "Person", name: "Rabiä <Writer>" };
    expect(created.annotation.creator).toEqual(expected);
    expect(conformanceFailures(created.annotation)).toEqual([]);
    expect((await (await client.get(created.id, reader)).json()).creator).toEqual(expected);
    const listed = (await client.list()).first.items.find((a) => a.id === created.annotation.id);
    expect(listed?.creator).toEqual(expected);
    const exported = await (await exportRoute(request(`/api/documents/${DOC}/annotations/export`), slugParams(DOC))).json();
    expect(exported.first.items.find((a: { id: string }) => a.id === created.annotation.id).creator).toEqual(expected);
    const reply = await client.create(replyTo(created.annotation.id, "Which poems?"), reader);
    expect(reply.annotation.creator).toEqual({ id: `${ORIGIN}/users/${reader.id}`, type: "Person", name: "reader.users" });
  });

  it("follows a change of name", async () => {
    const created = await client.create(on("Turpan"), reader);
    await getDb().user.update({ where: { id: reader.id }, data: { name: "Renamed Reader" } });
    expect((await (await client.get(created.id)).json()).creator.name).toBe("Renamed Reader");
  });
});

describe("the reader's page (/users/:id)", () => {
  it("shows the name and the public annotations with quote, words, kind and a link to the passage; never the private ones or the email", async () => {
    await client.create(on("wrote", { body: { type: "TextualBody", value: "A public remark & more." } }), writer);
    await client.create(on("read aloud", { body: { type: "TextualBody", value: "A private thought." }, visibility: "private" }), writer);
    const tagged = await client.create(
      on("beyond", {
        motivation: "tagging",
        body: [
          { type: "TextualBody", purpose: "tagging", value: "geography" },
          { type: "TextualBody", purpose: "tagging", value: "reach" },
        ],
      }),
      writer,
    );
    const html = await renderPage(writer.id);
    expect(html).toContain("<h1>Rabiä &lt;Writer&gt;</h1>");
    expect(html).toContain("A public remark &amp; more.");
    expect(html).toContain("geography, reach");
    expect(html).toMatch(/<blockquote[^>]*><p>wrote<\/p><\/blockquote>/);
    const passage = (await getDb().annotation.findUniqueOrThrow({ where: { id: tagged.id } })).passageId;
    expect(html).toContain(`href="/documents/${DOC}#${passage}"`);
    expect(html).toContain("Users test, §1 ¶1");
    expect(html).toContain(">Tags<");
    expect(html).not.toContain("A private thought.");
    expect(html).not.toContain("read aloud");
    expect(html).not.toContain("writer.users@example.org");
    const publicCount = await getDb().annotation.count({ where: { creatorId: writer.id, visibility: "public" } });
    expect(html).toContain(`${publicCount} public annotations.`);
  });

  it("lists a reader with nothing public as such", async () => {
    const quiet = await signUp("quiet.users@example.org");
    await client.create(on("poems", { visibility: "private" }), quiet);
    const html = await renderPage(quiet.id);
    expect(html).toContain("<h1>quiet.users</h1>");
    expect(html).toContain("No public annotations yet.");
    expect(html).not.toContain("<ol");
  });

  it("is not found for an unknown id or a malformed one", async () => {
    for (const id of ["no-such-user", "%E0%A4%A", "x".repeat(500)]) {
      await expect(renderPage(id), id).rejects.toMatchObject({ digest: expect.stringMatching(/404/) });
    }
  });
});

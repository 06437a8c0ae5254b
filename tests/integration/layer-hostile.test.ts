import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELETE as claimDelete, GET as claimGet, PATCH as claimPatch } from "@/app/api/claims/[id]/route";
import { POST as claimPost } from "@/app/api/documents/[slug]/claims/route";
import { GET as occurrencesRoute } from "@/app/api/documents/[slug]/entities/[id]/occurrences/route";
import { GET as entityGet, PATCH as entityPatch } from "@/app/api/entities/[id]/route";
import { GET as lookupRoute, POST as entityPost } from "@/app/api/entities/route";
import UserPage from "@/app/users/[id]/page";
import { disconnectDb, getDb } from "@/lib/db";
import { signUp, type Account } from "./accounts";
import { smallDocument } from "./helpers";
import { annotationClient, idParams, importContent, ORIGIN, onText, replyTo, request, signUpEditor } from "./layer";

process.env.BETTER_AUTH_SECRET ??= "test-secret-for-the-annotation-protocol-tests-0123456789";

// The new routes answer hostile input with a 4xx, never a 5xx (the contract: no 500 for bad input).

const DOC = "hostile-layer-doc";
let content: Awaited<ReturnType<typeof importContent>>;
let text: string;
let editor: Account;
let reader: Account;
let rootIri: string;
let claimId: string;
let entityId: string;

const strings = fc.oneof(
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.constantFrom("", "\u0000", "a\u0000b", "\uD800", "%00", "%E0%A4%A", "../..", "u--", "-", "x".repeat(300), "ئۇيغۇر", "🏔️"),
);
const values = fc.oneof(
  strings,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(strings, { maxLength: 3 }),
  fc.jsonValue(),
);

/** `id` percent-encoded (a lone surrogate cannot be: its replacement character then). */
const encoded = (id: string) => encodeURIComponent(id.replace(/[\uD800-\uDFFF]/g, "\uFFFD"));

beforeAll(async () => {
  content = await importContent({ [`${DOC}.md`]: smallDocument("Hostile words in a calm paragraph, twice hostile.", "Hostile") });
  text = content.texts[DOC];
  editor = await signUpEditor("editor.hostile@example.org");
  reader = await signUp("reader.hostile@example.org");
  rootIri = (await annotationClient(DOC).create(onText(DOC, text, "calm"), reader)).annotation.id;
  const claim = await claimPost(
    request(`/api/documents/${DOC}/claims`, {
      body: {
        statement: "Calm.",
        kind: "event",
        evidence: [{ start: text.indexOf("calm"), end: text.indexOf("calm") + 4, stance: "supports" }],
      },
      account: editor,
    }),
    { params: Promise.resolve({ slug: DOC }) },
  );
  claimId = (await claim.json()).id;
  entityId = (
    await (await entityPost(request("/api/entities", { body: { kind: "person", name: "Hostile Person" }, account: editor }))).json()
  ).id;
});

afterAll(async () => {
  content.remove();
  await disconnectDb();
});

describe("hostile input to the readers' layer routes", () => {
  it("never answers 5xx to random bodies, parameters and ids", async () => {
    const bodies = fc.oneof(
      fc.record({ kind: values, name: values, aliases: values, description: values, identifiers: values }, { requiredKeys: [] }),
      fc.record(
        {
          statement: values,
          kind: values,
          date: fc.oneof(values, fc.record({ value: values, precision: values, approximate: values, end: values }, { requiredKeys: [] })),
          entities: fc.oneof(values, fc.array(strings, { maxLength: 3 })),
          evidence: fc.oneof(
            values,
            fc.array(fc.record({ start: values, end: values, stance: values }, { requiredKeys: [] }), { maxLength: 3 }),
            fc.array(
              fc.record({
                start: fc.integer({ min: -3, max: text.length + 3 }),
                end: fc.integer({ min: -3, max: text.length + 3 }),
                stance: fc.constantFrom("supports", "contradicts", "qualifies"),
              }),
              { minLength: 1, maxLength: 3 },
            ),
          ),
        },
        { requiredKeys: [] },
      ),
      fc.jsonValue(),
      fc.string({ unit: "binary", maxLength: 100 }),
    );
    await fc.assert(
      fc.asyncProperty(bodies, strings, strings, async (body, id, query) => {
        const raw = typeof body === "string" ? body : JSON.stringify(body);
        // Hostile writes must reach validation, not stop at the write limit.
        await getDb().writeEvent.deleteMany({ where: { userId: { in: [reader.id, editor.id] } } });
        const responses = await Promise.all([
          entityPost(request("/api/entities", { method: "POST", body: raw, account: reader })),
          entityPatch(request(`/api/entities/${entityId}`, { method: "PATCH", body: raw, account: editor }), idParams(entityId)),
          entityPatch(request(`/api/entities/x`, { method: "PATCH", body: raw, account: editor }), idParams(id)),
          entityGet(request(`/api/entities/x`), idParams(id)),
          claimPost(request(`/api/documents/${DOC}/claims`, { method: "POST", body: raw, account: reader }), {
            params: Promise.resolve({ slug: DOC }),
          }),
          claimPost(request(`/api/documents/x/claims`, { method: "POST", body: raw, account: reader }), {
            params: Promise.resolve({ slug: id }),
          }),
          claimPatch(request(`/api/claims/${claimId}`, { method: "PATCH", body: raw, account: editor }), idParams(claimId)),
          claimPatch(
            request(`/api/claims/x`, {
              method: "PATCH",
              body: raw,
              account: editor,
              headers: { "if-match": query.replace(/[^\x21-\x7e]/g, "") || "*" },
            }),
            idParams(id),
          ),
          claimGet(request(`/api/claims/x`), idParams(id)),
          claimDelete(request(`/api/claims/x`, { method: "DELETE", account: reader }), idParams(id)),
          lookupRoute(request(`/api/entities?${new URLSearchParams({ q: query, limit: id })}`)),
          lookupRoute(request(`/api/entities?${new URLSearchParams({ q: query })}`)),
          occurrencesRoute(request(`/api/documents/x/entities/y/occurrences`), { params: Promise.resolve({ slug: DOC, id }) }),
          occurrencesRoute(request(`/api/documents/x/entities/y/occurrences`), { params: Promise.resolve({ slug: id, id: entityId }) }),
          annotationClient(DOC).post(replyTo(`${ORIGIN}/api/annotations/${encoded(id)}`, "A reply."), reader),
          annotationClient(DOC).post(replyTo(`${ORIGIN}/api/annotations/${id}`, "A reply."), reader),
          annotationClient(DOC).post({ ...replyTo(rootIri, "A reply."), body }, reader),
        ]);
        for (const response of responses) {
          expect(response.status, `${raw.slice(0, 80)} | ${JSON.stringify(id)} | ${JSON.stringify(query)}`).toBeLessThan(500);
          if (response.status >= 400) expect(typeof (await response.json()).error.code).toBe("string");
        }
        await UserPage({ params: Promise.resolve({ id }) }).catch((error: { digest?: string }) => {
          expect(error.digest).toMatch(/404/);
        });
      }),
      { numRuns: 150 },
    );
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getDocumentRoute } from "@/app/api/documents/[slug]/route";
import { GET as listDocumentsRoute } from "@/app/api/documents/route";
import { GET as unknownApiRoute } from "@/app/api/[...path]/route";
import { disconnectDb, getDb } from "@/lib/db";
import { importDocument } from "@/lib/documents/import-document";
import { editionPath } from "./helpers";

const SLUG = "second-east-turkistan-republic";
const params = (slug: string) => ({ params: Promise.resolve({ slug }) });
const request = (path: string, headers: Record<string, string> = {}) => new Request(`http://localhost${path}`, { headers });

beforeAll(async () => {
  await importDocument(getDb(), editionPath);
});

afterAll(async () => {
  await disconnectDb();
});

describe("GET /api/documents", () => {
  it("lists the edition with its slug, title and current version", async () => {
    const response = await listDocumentsRoute(new Request("http://gloss.test/api/documents"));
    expect(response.status).toBe(200);
    const body = await response.json();
    const entry = body.documents.find((d: { slug: string }) => d.slug === SLUG);
    expect(entry).toMatchObject({ slug: SLUG, title: "Second East Turkistan Republic", language: "en", passageCount: 107 });
    expect(entry.version).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("GET /api/documents/:slug", () => {
  it("serves metadata, version, plain text and passages exactly per the contract", async () => {
    const response = await getDocumentRoute(request(`/api/documents/${SLUG}`), params(SLUG));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    const body = await response.json();
    expect(Object.keys(body).sort()).toEqual(["metadata", "passages", "slug", "text", "title", "version"]);
    expect(body.metadata).toMatchObject({ author: "unknown", publisher: "unknown", url: "unknown", language: "en" });
    expect(body.metadata.editorialNote).toContain("Menu Close");
    expect(response.headers.get("etag")).toBe(`"${body.version}"`);
    for (const passage of body.passages) {
      expect(Object.keys(passage).sort()).toEqual(["end", "id", "kind", "label", "start"]);
      expect(passage.end).toBeGreaterThan(passage.start);
    }
    const byLabel = new Map(body.passages.map((p: { label: string }) => [p.label, p]));
    expect(byLabel.get("§1")).toMatchObject({ id: "origins-of-the-second-etr", kind: "heading" });
    const first = body.passages[0];
    expect(body.text.slice(first.start, first.end)).toMatch(/^The second East Turkistan Republic, officially known/);
    // The passages tile the plain text, separated by blank lines.
    expect(body.passages.map((p: { start: number; end: number }) => body.text.slice(p.start, p.end)).join("\n\n")).toBe(body.text);
  });

  it("answers 304 to a request that already holds the current version", async () => {
    const first = await getDocumentRoute(request(`/api/documents/${SLUG}`), params(SLUG));
    const etag = first.headers.get("etag")!;
    const again = await getDocumentRoute(request(`/api/documents/${SLUG}`, { "if-none-match": etag }), params(SLUG));
    expect(again.status).toBe(304);
  });

  it("answers an unknown slug with the JSON 404", async () => {
    const response = await getDocumentRoute(request("/api/documents/no-such-text"), params("no-such-text"));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: "not_found", message: 'No document "no-such-text".' } });
  });

  it("answers a hostile slug with a 404, never a 500", async () => {
    for (const slug of ["../../etc/passwd", "%00", "a".repeat(5000), '\'; DROP TABLE "Document"; --', "شەرقىي"]) {
      const response = await getDocumentRoute(request(`/api/documents/x`), params(slug));
      expect(response.status).toBe(404);
    }
    expect(await getDb().document.count()).toBeGreaterThan(0);
  });
});

describe("unknown API routes", () => {
  it("answer with the JSON 404, not an HTML page", async () => {
    const response = await unknownApiRoute(request("/api/nothing-here"));
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe("not_found");
  });
});

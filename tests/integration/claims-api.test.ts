import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listAnnotationsRoute } from "@/app/api/documents/[slug]/annotations/route";
import { GET as claimsRoute } from "@/app/api/documents/[slug]/claims/route";
import { GET as conflictsRoute } from "@/app/api/documents/[slug]/conflicts/route";
import { disconnectDb, getDb } from "@/lib/db";
import { importDocument } from "@/lib/documents/import-document";
import { conformanceFailures } from "../support/w3c-conformance";
import { editionPath } from "./helpers";

const SLUG = "second-east-turkistan-republic";
const ORIGIN = "http://gloss.test";
const params = (slug: string) => ({ params: Promise.resolve({ slug }) });
const request = (path: string) => new Request(`${ORIGIN}${path}`);

let text: string;
let passages: Map<string, { start: number; end: number; section: number }>;

beforeAll(async () => {
  const result = await importDocument(getDb(), editionPath);
  expect(result.claims?.claims).toBeGreaterThanOrEqual(40);
  const version = await getDb().documentVersion.findFirstOrThrow({ where: { hash: result.version }, include: { passages: true } });
  text = version.text;
  passages = new Map(version.passages.map((p) => [p.anchor, p]));
});

afterAll(async () => {
  await disconnectDb();
});

describe("GET /api/documents/:slug/claims", () => {
  it("serves at least 40 claims over every section, each with evidence that matches the text", async () => {
    const response = await claimsRoute(request(`/api/documents/${SLUG}/claims`), params(SLUG));
    expect(response.status).toBe(200);
    const { claims } = await response.json();
    expect(claims.length).toBeGreaterThanOrEqual(40);
    const sections = new Set<number>();
    for (const claim of claims) {
      expect(claim.statement.length).toBeGreaterThan(10);
      expect(claim.evidence.length).toBeGreaterThan(0);
      for (const e of claim.evidence) {
        expect(["supports", "contradicts", "qualifies"]).toContain(e.stance);
        expect(text.slice(e.start, e.end)).toBe(e.exact);
        const passage = passages.get(e.passageId)!;
        expect(e.start).toBeGreaterThanOrEqual(passage.start);
        expect(e.end).toBeLessThanOrEqual(passage.end);
        if (e.stance === "supports") sections.add(passage.section);
      }
    }
    expect([...sections].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(claims.filter((c: { date: unknown }) => c.date).length).toBeGreaterThanOrEqual(20);
  });

  it("answers an unknown document with the JSON 404", async () => {
    expect((await claimsRoute(request("/api/documents/nope/claims"), params("nope"))).status).toBe(404);
    expect((await conflictsRoute(request("/api/documents/nope/conflicts"), params("nope"))).status).toBe(404);
  });
});

describe("GET /api/documents/:slug/conflicts", () => {
  it("shows the text's own contradictions, the leaders' departure year and the crash date among them", async () => {
    const { conflicts } = await (await conflictsRoute(request(`/api/documents/${SLUG}/conflicts`), params(SLUG))).json();
    expect(conflicts.length).toBeGreaterThanOrEqual(3);
    const exacts = conflicts.flatMap((c: { sides: Array<{ exact: string }> }) => c.sides.map((s) => s.exact)).join(" | ");
    expect(exacts).toContain("August 24, 1945");
    expect(exacts).toMatch(/August 25, 1949/);
    for (const conflict of conflicts) {
      expect(conflict.reason.length).toBeGreaterThan(10);
      expect(conflict.sides.length).toBeGreaterThanOrEqual(2);
      for (const side of conflict.sides) expect(text.slice(side.start, side.end)).toBe(side.exact);
    }
  });
});

describe("claims in the W3C annotation collection", () => {
  it("serves evidence and conflict sides as valid Web Annotations with the stance in a property of our own", async () => {
    const fetchAll = async (motivation: string) => {
      const items: Array<Record<string, unknown>> = [];
      for (let page = 0; ; page++) {
        const response = await listAnnotationsRoute(
          request(`/api/documents/${SLUG}/annotations?motivation=${motivation}&page=${page}`),
          params(SLUG),
        );
        const body = await response.json();
        items.push(...body.items);
        if (!body.next) return items;
      }
    };
    const evidence = await fetchAll("linking");
    const sides = await fetchAll("questioning");
    expect(evidence.length).toBeGreaterThanOrEqual(40);
    expect(sides.length).toBeGreaterThanOrEqual(6);
    for (const annotation of [...evidence, ...sides]) expect(conformanceFailures(annotation)).toEqual([]);
    for (const annotation of evidence) {
      expect(["supports", "contradicts", "qualifies"]).toContain(annotation.stance);
      expect(annotation.claim).toMatch(new RegExp(`^${ORIGIN}/documents/${SLUG}\\?claim=`));
      const bodies = annotation.body as Array<{ purpose: string }>;
      expect(bodies.map((b) => b.purpose)).toEqual(["describing", "linking"]);
    }
    for (const annotation of sides) expect(annotation.conflict).toMatch(new RegExp(`/documents/${SLUG}/conflicts#`));
  });
});

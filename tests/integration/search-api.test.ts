import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as evidenceRoute } from "@/app/api/documents/[slug]/evidence/route";
import { GET as searchRoute } from "@/app/api/documents/[slug]/search/route";
import { disconnectDb, getDb } from "@/lib/db";
import { importDocument } from "@/lib/documents/import-document";
import { editionPath } from "./helpers";

const SLUG = "second-east-turkistan-republic";
const ORIGIN = "http://gloss.test";
const slugParams = (slug: string) => ({ params: Promise.resolve({ slug }) });
const get = (route: typeof searchRoute, slug: string, query: Record<string, string>) =>
  route(new Request(`${ORIGIN}/api/documents/${slug}/x?${new URLSearchParams(query)}`), slugParams(slug));

interface Segment {
  text: string;
  match: boolean;
}
interface Result {
  type: "passage" | "entity" | "claim";
  id: string;
  passageId?: string;
  label?: string;
  snippet: Segment[];
  score: number;
}

let passages: Map<string, { text: string; start: number; end: number; kind: string }>;
let plainText: string;

beforeAll(async () => {
  const result = await importDocument(getDb(), editionPath);
  const version = await getDb().documentVersion.findFirstOrThrow({ where: { hash: result.version }, include: { passages: true } });
  plainText = version.text;
  passages = new Map(version.passages.map((p) => [p.anchor, p]));
});

afterAll(async () => {
  await disconnectDb();
});

const passageHolding = (phrase: string) => [...passages.entries()].find(([, p]) => p.text.includes(phrase))![0];

describe("the search columns and indexes", () => {
  it("generates the English tsvector of every passage and indexes it and the text", async () => {
    const rows = await getDb().$queryRaw<Array<{ n: bigint; filled: bigint }>>`
      SELECT count(*) AS n, count(search) AS filled FROM "Passage"`;
    expect(Number(rows[0].filled)).toBe(Number(rows[0].n));
    const indexes = await getDb().$queryRaw<Array<{ indexname: string; indexdef: string }>>`
      SELECT indexname::text AS indexname, indexdef FROM pg_indexes WHERE tablename = 'Passage' AND indexdef LIKE '%USING gin%' ORDER BY indexname`;
    expect(indexes.map((i) => i.indexname)).toEqual(["Passage_search_idx", "Passage_text_trgm_idx"]);
    expect(indexes[1].indexdef).toContain("gin_trgm_ops");
  });
});

describe("GET /api/documents/:slug/evidence", () => {
  const firstFor = async (claim: string) => {
    const response = await get(evidenceRoute, SLUG, { claim, limit: "3" });
    expect(response.status).toBe(200);
    const { results } = await response.json();
    return results as Array<{ passageId: string; label: string; start: number; end: number; exact: string; score: number }>;
  };

  it("puts the supporting passage first for claims worded differently from the text", async () => {
    const cases: Array<[string, string]> = [
      [
        "At its peak in 1946 the army counted forty thousand soldiers on active service plus about twenty thousand reservists.",
        "had a total of 40,000 active duty troops",
      ],
      ["Gheni Batur's guerrilla band took Nilka County on 8 Oct. 1944.", "succeeded in capturing Nilka County in October 8, 1944"],
      [
        "A decision of Oct. 1945 made the twelfth of November the national holiday marking independence.",
        "Declares November 12 as East Turkistan",
      ],
      [
        "Some two hundred thousand or more Uyghurs and others were detained and put to death while Sheng Shicai held power.",
        "some 200,000 or more",
      ],
    ];
    for (const [claim, phrase] of cases) {
      const results = await firstFor(claim);
      expect(results[0]?.passageId, claim).toBe(passageHolding(phrase));
    }
  });

  it("serves passages with their label, offsets into the plain text and text, best first", async () => {
    const results = await firstFor("Mao asked Stalin for forty planes to fly a division to Urumchi.");
    expect(results.length).toBeGreaterThan(0);
    expect(results.length).toBeLessThanOrEqual(3);
    for (const r of results) {
      expect(plainText.slice(r.start, r.end)).toBe(r.exact);
      expect(r.label).toMatch(/^(§\d+ )?¶\d+$|^§\d+$/);
      expect(r.score).toBeGreaterThan(0);
    }
    expect(results.map((r) => r.score)).toEqual([...results.map((r) => r.score)].sort((a, b) => b - a));
  });

  it("answers a missing, empty or too long claim or a bad limit with a JSON 400", async () => {
    for (const query of [
      {},
      { claim: "   " },
      { claim: "x".repeat(2001) },
      { claim: "army", limit: "0" },
      { claim: "army", limit: "51" },
      { claim: "army", limit: "two" },
    ]) {
      const response = await get(evidenceRoute, SLUG, query as Record<string, string>);
      expect(response.status, JSON.stringify(query)).toBe(400);
      expect((await response.json()).error.code).toBe("bad_request");
    }
  });

  it("answers an unknown document with the JSON 404", async () => {
    const response = await get(evidenceRoute, "no-such-document", { claim: "anything" });
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe("not_found");
  });
});

describe("GET /api/documents/:slug/search", () => {
  const search = async (q: string, limit = "20") => {
    const response = await get(searchRoute, SLUG, { q, limit });
    expect(response.status).toBe(200);
    return (await response.json()) as { query: string; results: Result[] };
  };
  const marked = (r: Result) => r.snippet.filter((s) => s.match).map((s) => s.text);

  it("finds passages, the entity and claims for a name, with highlighted snippets", async () => {
    const body = await search("Ghulja");
    expect(body.query).toBe("Ghulja");
    expect(body.results[0]).toMatchObject({ type: "entity", id: "ghulja", label: "Ghulja", score: 1 });
    const types = new Set(body.results.map((r) => r.type));
    expect(types.has("passage")).toBe(true);
    expect(types.has("claim")).toBe(true);
    for (const r of body.results) {
      expect(marked(r).length, JSON.stringify(r)).toBeGreaterThan(0);
      expect(marked(r).every((t) => /ghulja/i.test(t))).toBe(true);
      if (r.type !== "entity") expect(passages.has(r.passageId!)).toBe(true);
    }
    const scores = body.results.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it("matches the last word as a prefix while it is being typed", async () => {
    const body = await search("Ghulj");
    expect(body.results.some((r) => r.type === "entity" && r.id === "ghulja")).toBe(true);
    const passageHits = body.results.filter((r) => r.type === "passage");
    expect(passageHits.length).toBeGreaterThan(2);
    for (const r of passageHits) expect(passages.get(r.id)!.text).toMatch(/Ghulja/);
    const two = await search("Osman Bat");
    expect(two.results.find((r) => r.type === "passage")).toBeTruthy();
    expect(
      two.results.filter((r) => r.type === "passage").every((r) => /Osman[\s\S]*Batur|Batur[\s\S]*Osman/.test(passages.get(r.id)!.text)),
    ).toBe(true);
  });

  it("finds a misspelt name by its trigrams", async () => {
    const body = await search("Qasimy");
    const entity = body.results.find((r) => r.type === "entity");
    expect(entity).toMatchObject({ id: "ahmetjan-qasimi" });
    expect(body.results.some((r) => r.type === "passage" && /Qasimi/.test(passages.get(r.id)!.text))).toBe(true);
    // A misspelling that no stemmer repairs.
    const munonov = await search("Munonof");
    expect(munonov.results[0]).toMatchObject({ type: "entity", id: "isaqbek-munonov" });
    const hit = munonov.results.find((r) => r.type === "passage")!;
    expect(marked(hit).some((t) => /^Munono[vw]$/.test(t))).toBe(true);
    expect(hit.score).toBeLessThan(0.5);
  });

  it("searches claim statements and links a claim to its passage", async () => {
    expect(await getDb().claim.count()).toBeGreaterThan(0);
    const body = await search("Koktokay rebellion");
    const claim = body.results.find((r) => r.type === "claim")!;
    expect(claim).toBeTruthy();
    expect(marked(claim).join(" ")).toMatch(/Koktokay/);
    expect(passages.get(claim.passageId!)!.text).toMatch(/Koktokay/);
    expect(claim.label).toMatch(/¶/);
  });

  it("returns segments, not HTML, and honours the limit", async () => {
    const body = await search("East Turkistan", "5");
    expect(body.results).toHaveLength(5);
    for (const r of body.results) for (const s of r.snippet) expect(Object.keys(s).sort()).toEqual(["match", "text"]);
    const none = await search("zzzzqqqq");
    expect(none.results).toEqual([]);
    const punctuation = await search("&|!:*");
    expect(punctuation.results).toEqual([]);
  });

  it("answers a missing, empty or too long query or a bad limit with a JSON 400", async () => {
    for (const query of [
      {},
      { q: "" },
      { q: "   " },
      { q: "x".repeat(201) },
      { q: "army", limit: "0" },
      { q: "army", limit: "51" },
      { q: "army", limit: "1.5" },
    ]) {
      const response = await get(searchRoute, SLUG, query as Record<string, string>);
      expect(response.status, JSON.stringify(query)).toBe(400);
      const body = await response.json();
      expect(body.error.code).toBe("bad_request");
      expect(Array.isArray(body.error.details)).toBe(true);
    }
  });

  it("answers an unknown document with the JSON 404", async () => {
    const response = await get(searchRoute, "no-such-document", { q: "Ghulja" });
    expect(response.status).toBe(404);
    expect((await response.json()).error).toMatchObject({ code: "not_found" });
  });
});

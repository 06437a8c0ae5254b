import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as citeRoute } from "@/app/api/documents/[slug]/cite/route";
import { findTextDirective, parseTextDirectives } from "@/lib/citations/text-fragment";
import { disconnectDb, getDb } from "@/lib/db";
import { importDocument } from "@/lib/documents/import-document";
import { getDocument, type DocumentView } from "@/lib/documents/queries";
import { editionPath, makeContentFolder, smallDocument } from "./helpers";

const SLUG = "second-east-turkistan-republic";
const ORIGIN = "http://gloss.test";
const params = (slug: string) => ({ params: Promise.resolve({ slug }) });
const cite = (query: string, slug = SLUG) => citeRoute(new Request(`${ORIGIN}/api/documents/${slug}/cite?${query}`), params(slug));
const today = new Date().toISOString().slice(0, 10);

let document: DocumentView;
const byLabel = (label: string) => document.passages.find((p) => p.label === label)!;

beforeAll(async () => {
  await importDocument(getDb(), editionPath);
  document = (await getDocument(SLUG, null))!;
});

afterAll(async () => {
  await disconnectDb();
});

describe("GET /api/documents/:slug/cite for a passage", () => {
  it("answers Chicago by default: the full note with the passage label, the permalink and a text fragment", async () => {
    const passage = byLabel("§3 ¶4");
    const response = await cite(`passage=${passage.id}`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      format: "chicago",
      style: "Chicago Manual of Style 17th edition (full note)",
      locator: "§3 ¶4",
      quote: passage.text,
      start: passage.start,
      end: passage.end,
      passages: [passage.id],
      permalink: `${ORIGIN}/documents/${SLUG}#${passage.id}`,
      accessed: today,
      document: { slug: SLUG, title: "Second East Turkistan Republic", version: document.version },
    });
    expect(body.citation).toMatch(
      /^“\[Second East Turkistan Republic\],” §3 ¶4, accessed [A-Z][a-z]+ \d{1,2}, \d{4}, http:\/\/gloss\.test\/documents\//,
    );
    expect(body.citation).toContain(body.permalink);
    expect(body.textFragment.startsWith(`${ORIGIN}/documents/${SLUG}#:~:text=`)).toBe(true);
    const [directive] = parseTextDirectives(body.textFragment);
    expect(findTextDirective(document.text, directive)).toEqual({ start: passage.start, end: passage.end });
  });

  it("answers every format", async () => {
    const passage = byLabel("¶2");
    const bodies: Record<string, { citation: string; format: string; locator: string; short: string }> = {};
    for (const format of ["chicago", "mla", "apa", "bibtex", "ris", "csl-json"]) {
      const response = await cite(`passage=${passage.id}&format=${format}`);
      expect(response.status, format).toBe(200);
      bodies[format] = await response.json();
      expect(bodies[format]).toMatchObject({ format, locator: "¶2" });
      expect(bodies[format].citation, format).not.toMatch(/undefined|\bunknown\b|\(\s*\)|\[\s*\]/);
      expect(bodies[format].short, format).toContain("¶2");
    }
    expect(bodies.mla.citation).toMatch(
      /^\[Second East Turkistan Republic\]\. http:\/\/gloss\.test\/\S+\. Accessed \d{1,2} [A-Z][a-z]+\.? \d{4}\.\n\(\[Second East Turkistan Republic\], ¶2\)$/,
    );
    expect(bodies.apa.citation).toMatch(
      /^\[Second East Turkistan Republic\]\. \(n\.d\.\)\. Retrieved [A-Z][a-z]+ \d{1,2}, \d{4}, from http:\/\/gloss\.test\/\S+\n\(\[Second East Turkistan Republic\], n\.d\., ¶2\)$/,
    );
    expect(bodies.bibtex.citation).toMatch(/^@misc\{second_east_turkistan_republic,\n/);
    expect(bodies.bibtex.citation).toContain(`url = {${ORIGIN}/documents/${SLUG}#${passage.id}}`);
    expect(bodies.ris.citation).toMatch(/^TY {2}- ELEC\n/);
    expect(bodies.ris.citation).toContain(`UR  - ${ORIGIN}/documents/${SLUG}#${passage.id}\n`);
    expect(bodies.ris.citation).toContain("N1  - ¶2\n");
    const [item] = JSON.parse(bodies["csl-json"].citation);
    expect(item).toMatchObject({
      type: "webpage",
      title: "[Second East Turkistan Republic]",
      URL: `${ORIGIN}/documents/${SLUG}#${passage.id}`,
      note: "¶2",
    });
    expect(item.accessed["date-parts"][0]).toEqual(today.split("-").map(Number));
    expect(item).not.toHaveProperty("author");
    expect(item).not.toHaveProperty("issued");
    expect(item).not.toHaveProperty("publisher");
  });

  it("gives styled formats as HTML too", async () => {
    const body = await (await cite(`passage=${byLabel("§1 ¶1").id}&format=apa`)).json();
    expect(body.html).toContain("<i>[Second East Turkistan Republic]</i>");
    expect(body.inText).toBe("([Second East Turkistan Republic], n.d., §1 ¶1)");
  });
});

describe("GET /api/documents/:slug/cite for a range", () => {
  it("cites words inside a passage with a quote permalink that resolves to them", async () => {
    const passage = byLabel("§2 ¶3");
    const start = passage.start + passage.text.indexOf(" ") + 1;
    const end = document.text.lastIndexOf(" ", start + 40);
    const response = await cite(`start=${start}&end=${end}&format=mla`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      format: "mla",
      locator: "§2 ¶3",
      start,
      end,
      quote: document.text.slice(start, end),
      passages: [passage.id],
    });
    const url = new URL(body.permalink);
    expect(url.pathname).toBe(`/documents/${SLUG}`);
    expect(url.hash).toBe(`#${passage.id}`);
    expect(url.searchParams.get("quote")).toBe(document.text.slice(start, end));
    expect(url.searchParams.get("start")).toBe(String(start));
    expect(url.searchParams.get("end")).toBe(String(end));
    expect(url.searchParams.get("prefix")).toBe(document.text.slice(start - 32, start));
    expect(url.searchParams.get("suffix")).toBe(document.text.slice(end, end + 32));
    expect(body.citation).toContain(body.permalink);
  });

  it("gives a range across passages a range locator, and trims white space at its ends", async () => {
    const first = byLabel("§3 ¶4");
    const last = byLabel("§3 ¶5");
    const body = await (await cite(`start=${first.end - 12}&end=${last.start + 9}`)).json();
    expect(body.locator).toBe("§3 ¶¶4–5");
    expect(body.passages).toEqual([first.id, last.id]);
    const spaced = await (await cite(`start=${first.end}&end=${last.start + 9}`)).json();
    expect(spaced.start).toBe(last.start);
    expect(spaced.locator).toBe("§3 ¶5");
  });

  it("answers 422 for a range that is empty, outside the text, blank or too long", async () => {
    const p = byLabel("¶1");
    for (const query of [
      `start=10&end=10`,
      `start=20&end=10`,
      `start=0&end=${document.text.length + 1}`,
      `start=${p.end}&end=${p.end + 2}`,
      `start=0&end=2500`,
    ]) {
      const response = await cite(query);
      expect(response.status, query).toBe(422);
      const body = await response.json();
      expect(body.error.code, query).toBe("invalid_range");
      expect(typeof body.error.message).toBe("string");
    }
  });
});

describe("the links' origin", () => {
  it("is the host the client asked, and the request's own when that host is malformed", async () => {
    const passage = byLabel("¶1");
    const ask = (host: string) =>
      citeRoute(new Request(`${ORIGIN}/api/documents/${SLUG}/cite?passage=${passage.id}`, { headers: { host } }), params(SLUG));
    expect((await (await ask("reader.example:8080")).json()).permalink).toBe(`http://reader.example:8080/documents/${SLUG}#${passage.id}`);
    expect((await (await ask("evil.example/<x>")).json()).permalink).toBe(`${ORIGIN}/documents/${SLUG}#${passage.id}`);
  });
});

describe("GET /api/documents/:slug/cite errors", () => {
  it("answers 404 for an unknown document or passage", async () => {
    const unknownDocument = await cite(`passage=${byLabel("¶1").id}`, "no-such-text");
    expect(unknownDocument.status).toBe(404);
    expect(await unknownDocument.json()).toEqual({ error: { code: "not_found", message: 'No document "no-such-text".' } });
    const unknownPassage = await cite("passage=p-00000000");
    expect(unknownPassage.status).toBe(404);
    expect((await unknownPassage.json()).error.code).toBe("not_found");
    expect((await cite("passage=x", "../../etc/passwd")).status).toBe(404);
  });

  it("answers 400 for malformed parameters", async () => {
    for (const query of [
      "",
      "format=chicago",
      "passage=p-1&start=0&end=4",
      "start=4",
      "start=a&end=9",
      "start=-1&end=9",
      "start=1.5&end=9",
      "passage=p-1&format=harvard",
      "passage=p-1&extra=1",
      "passage=%3Cscript%3E",
    ]) {
      const response = await cite(query);
      expect(response.status, query).toBe(400);
      const body = await response.json();
      expect(body.error.code, query).toBe("bad_request");
      expect(Array.isArray(body.error.details), query).toBe(true);
    }
  });
});

describe("citing after the text changes", () => {
  it("keeps a passage's permalink and locator tied to its words when a passage is inserted before it", async () => {
    const dir = makeContentFolder({});
    try {
      const original = smallDocument("First paragraph here.\n\nThe quoted words stay the same.");
      const file = path.join(dir, "moving-text.md");
      fs.writeFileSync(file, original);
      await importDocument(getDb(), file);
      const before = (await getDocument("moving-text", null))!;
      const quoted = before.passages.find((p) => p.text.startsWith("The quoted"))!;
      const first = await (await cite(`passage=${quoted.id}`, "moving-text")).json();
      expect(first.locator).toBe("§1 ¶2");

      fs.writeFileSync(file, original.replace("First paragraph here.", "A new paragraph.\n\nFirst paragraph here."));
      await importDocument(getDb(), file);
      const moved = await (await cite(`passage=${quoted.id}`, "moving-text")).json();
      expect(moved.permalink).toBe(first.permalink);
      expect(moved.locator).toBe("§1 ¶3");
      expect(moved.quote).toBe("The quoted words stay the same.");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

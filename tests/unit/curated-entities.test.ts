import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSnippet } from "@/lib/entities/build-snippet";
import { anchorMentions, anchorUnlinked, locateSnippet, parseCuratedEntities } from "@/lib/entities/curated-entities";
import { proposeMentions } from "@/lib/entities/propose-mentions";
import { DocumentParseError } from "@/lib/text-model/document-parse-error";
import { parseDocument } from "@/lib/text-model/parse-document";

const root = path.resolve(__dirname, "../..");
const FILE = "x.entities.yaml";

describe("locateSnippet", () => {
  const text = "Sheng ruled.\n\nLater Sheng fled to Chongqing.\n\nSheng";
  it("finds the braced mention of a unique snippet", () => {
    expect(locateSnippet(text, "Later {Sheng} fled")).toEqual({ start: 20, end: 25 });
  });
  it("says when a snippet is missing or ambiguous", () => {
    expect(locateSnippet(text, "Later {Sheng} ran")).toEqual({ error: "not found in the text" });
    expect(locateSnippet(text, "{Sheng}")).toEqual({ error: "found in more than one place: add context to make it unique" });
  });
  it("ties a snippet to the start or end of a passage with ^ and $", () => {
    expect(locateSnippet(text, "^{Sheng}$")).toEqual({ start: 46, end: 51 });
    expect(locateSnippet(text, "^{Sheng} ruled.")).toEqual({ start: 0, end: 5 });
  });
});

describe("buildSnippet", () => {
  it("grows context word by word until the snippet is unique, within the passage", () => {
    const text = "the the Sheng and the Sheng ruled and the Sheng fled.\n\nSheng alone";
    for (const start of [8, 22, 42]) {
      const snippet = buildSnippet(text, start, start + 5);
      expect(locateSnippet(text, snippet)).toEqual({ start, end: start + 5 });
      expect(snippet).not.toContain("\n");
    }
  });
  it("ties a whole passage whose words recur elsewhere to its bounds", () => {
    const text = "Aftermath\n\nIn the Aftermath of war.";
    expect(buildSnippet(text, 0, 9)).toBe("^{Aftermath}$");
  });
});

describe("parseCuratedEntities", () => {
  const entity = (extra = "") => `entities:\n  - id: a\n    kind: person\n    name: A\n    description: d\n    mentions: ["{A}"]\n${extra}`;
  const fails = (yaml: string, line: number, reason: RegExp) => {
    let error: unknown;
    try {
      parseCuratedEntities(yaml, FILE);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DocumentParseError);
    expect((error as DocumentParseError).line).toBe(line);
    expect((error as DocumentParseError).reason).toMatch(reason);
  };

  it("accepts a well-formed file", () => {
    expect(parseCuratedEntities(entity(), FILE).entities[0]).toMatchObject({ id: "a", kind: "person", aliases: [], identifiers: {} });
  });
  it("reports an unknown kind on its line", () => {
    fails(entity().replace("kind: person", "kind: deity"), 3, /^entities\.0\.kind: /);
  });
  it("reports a duplicate id and a name shared by two entities", () => {
    fails(`${entity()}  - id: a\n    kind: place\n    name: B\n    description: d\n    mentions: ["{B}"]\n`, 7, /duplicate entity id "a"/);
    fails(
      `${entity()}  - id: b\n    kind: place\n    name: A\n    description: d\n    mentions: ["{A}"]\n`,
      7,
      /"A" is listed for both "a" and "b"/,
    );
  });
  it("reports a snippet without braces and an entity without mentions", () => {
    fails(entity().replace('["{A}"]', '["A"]'), 6, /range in braces/);
    fails(entity().replace('mentions: ["{A}"]', "mentions: []"), 2, /has no mentions/);
  });
  it("accepts only a well-formed Wikidata id", () => {
    expect(
      parseCuratedEntities(entity().replace("description: d", "description: d\n    identifiers: { wikidata: Q42 }"), FILE).entities[0]
        .identifiers,
    ).toEqual({ wikidata: "Q42" });
    fails(entity().replace("description: d", "description: d\n    identifiers: { wikidata: 42 }"), 6, /wikidata/);
  });
});

describe("anchorMentions", () => {
  const doc = parseDocument(
    "---\ntitle: T\nlanguage: en\nauthor: unknown\npublisher: unknown\nurl: unknown\npublished: unknown\n---\n\nSheng met Stalin.\n\nStalin left.\n",
  );
  const curated = (mentions: Record<string, string[]>) =>
    parseCuratedEntities(
      `entities:\n${Object.entries(mentions)
        .map(
          ([id, list]) => `  - id: ${id}\n    kind: person\n    name: ${id}\n    description: d\n    mentions: ${JSON.stringify(list)}\n`,
        )
        .join("")}`,
      FILE,
    );

  it("anchors mentions with quote context, passage and a stable id", () => {
    const [a, b] = anchorMentions(curated({ sheng: ["{Sheng} met"], stalin: ["met {Stalin}."] }), doc.text, doc.passages, "doc", FILE);
    expect(a).toMatchObject({
      entityId: "sheng",
      start: 0,
      end: 5,
      exact: "Sheng",
      prefix: "",
      suffix: " met Stalin.\n\nStalin left.",
      passageId: doc.passages[0].id,
    });
    expect(b).toMatchObject({ entityId: "stalin", start: 10, end: 16, prefix: "Sheng met " });
    const again = anchorMentions(curated({ sheng: ["{Sheng} met"], stalin: ["met {Stalin}."] }), doc.text, doc.passages, "doc", FILE);
    expect(again.map((m) => m.id)).toEqual([a.id, b.id]);
  });
  it("rejects overlapping mentions and mentions across passages", () => {
    expect(() =>
      anchorMentions(curated({ sheng: ["{Sheng met}"], stalin: ["{met Stalin}"] }), doc.text, doc.passages, "doc", FILE),
    ).toThrow(/mentions overlap/);
    expect(() => anchorMentions(curated({ stalin: ["{Stalin.\n\nStalin}"] }), doc.text, doc.passages, "doc", FILE)).toThrow(
      /crosses a passage boundary/,
    );
  });
});

describe("the curated entities of the seed edition", () => {
  const markdown = fs.readFileSync(path.join(root, "content/second-east-turkistan-republic.md"), "utf8");
  const yaml = fs.readFileSync(path.join(root, "content/second-east-turkistan-republic.entities.yaml"), "utf8");
  const doc = parseDocument(markdown);
  const curated = parseCuratedEntities(yaml, "entities.yaml");
  const mentions = anchorMentions(curated, doc.text, doc.passages, "second-east-turkistan-republic", "entities.yaml");

  it("covers every kind, with outside identifiers left empty unless verified", () => {
    const kinds = new Set(curated.entities.map((e) => e.kind));
    expect(kinds.size).toBe(6);
    expect(curated.entities.length).toBeGreaterThanOrEqual(80);
  });

  it("anchors every mention on one of its entity's names", () => {
    const names = new Map(curated.entities.map((e) => [e.id, new Set([e.name, ...e.aliases])]));
    for (const m of mentions) expect(names.get(m.entityId)!.has(m.exact)).toBe(true);
  });

  it("agrees with the alias matcher: every occurrence of a name is a mention or deliberately unlinked", () => {
    const unlinked = anchorUnlinked(curated.unlinked, doc.text, { file: "entities", lineOf: curated.unlinkedLine });
    expect(unlinked.length).toBe(curated.unlinked.length);
    const proposed = proposeMentions(
      doc.text,
      curated.entities.map((e) => ({ entityId: e.id, names: [e.name, ...e.aliases] })),
      unlinked,
    ).map((m) => `${m.entityId}@${m.start}:${m.end}`);
    const manual = new Set(curated.entities.flatMap((e) => e.manualMentions.map((snippet) => `${e.id}\0${snippet}`)));
    expect(mentions.filter((m) => !manual.has(`${m.entityId}\0${m.snippet}`)).map((m) => `${m.entityId}@${m.start}:${m.end}`)).toEqual(
      proposed,
    );
  });

  it("links the text's variant spellings to one entity each", () => {
    const entityOf = (exact: string) => new Set(mentions.filter((m) => m.exact === exact).map((m) => m.entityId));
    expect(entityOf("Isabek Munonow")).toEqual(entityOf("Isaqbek Munonov"));
    expect(entityOf("Ahmatjan Qasimi")).toEqual(entityOf("Ahmetjan Qasimi"));
    expect(entityOf("Mesud Sabri")).toEqual(entityOf("Masud Sabri"));
    expect(entityOf("Illi")).toEqual(entityOf("Ili"));
    expect(entityOf("Sheng")).toEqual(new Set(["sheng-shicai"]));
  });
});

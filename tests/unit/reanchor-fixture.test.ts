import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";
import { reanchor } from "@/lib/anchoring/reanchor";
import { parseAndAnchorClaims } from "@/lib/claims/curated-claims";
import { anchorMentions, parseCuratedEntities } from "@/lib/entities/curated-entities";
import { parseDocument } from "@/lib/text-model/parse-document";
import { quoteContext } from "@/lib/text-model/quote-context";
import { locateSnippet } from "@/lib/text-model/snippet";

// The seed edition's curated annotations, and a few readers' notes on words no curated annotation
// covers, re-anchored onto a realistically edited copy of it (tests/fixtures/reanchor/): every
// annotation is checked, the ones the edits touch against expected.yaml, all the others for
// staying on the same words.

const SLUG = "second-east-turkistan-republic";
const content = (file: string) => readFileSync(path.resolve(__dirname, "../../content", file), "utf8");
const fixture = (file: string) => readFileSync(path.resolve(__dirname, "../fixtures/reanchor", file), "utf8");

const before = parseDocument(content(`${SLUG}.md`), `${SLUG}.md`);
const after = parseDocument(fixture(`${SLUG}.edited.md`), `${SLUG}.edited.md`);
const curated = parseCuratedEntities(content(`${SLUG}.entities.yaml`), `${SLUG}.entities.yaml`);
const mentions = anchorMentions(curated, before.text, before.passages, SLUG, `${SLUG}.entities.yaml`);
const claims = parseAndAnchorClaims(
  content(`${SLUG}.claims.yaml`),
  `${SLUG}.claims.yaml`,
  before.text,
  before.passages,
  SLUG,
  new Set(curated.entities.map((e) => e.id)),
);

const noteSchema = z.object({ id: z.string(), on: z.string() }).strict();

const expectationSchema = z
  .object({
    id: z.string(),
    was: z.string(),
    state: z.enum(["exact", "moved", "fuzzy", "orphaned"]),
    exact: z.string().optional(),
    in: z.string().optional(),
  })
  .strict()
  .refine((e) => (e.state === "orphaned") === (e.exact === undefined && e.in === undefined), "exact and in are given for all but orphans");
const expectedSchema = z
  .object({
    movedSection: z.string(),
    notes: z.array(noteSchema).default([]),
    counts: z.object({ exact: z.number(), moved: z.number(), fuzzy: z.number(), orphaned: z.number() }).strict(),
    edits: z.array(z.object({ edit: z.string(), annotations: z.array(expectationSchema) }).strict()),
  })
  .strict();
const expected = expectedSchema.parse(parse(fixture("expected.yaml")));
/** A reader's note on the seed edition, on the range its snippet puts in braces. */
function noteOn({ id, on }: z.infer<typeof noteSchema>) {
  const range = locateSnippet(before.text, on);
  if ("error" in range) throw new Error(`note ${id}: "${on}" ${range.error}`);
  const passage = before.passages.find((p) => p.start <= range.start && range.end <= p.end)!;
  return { id, ...range, ...quoteContext(before.text, range.start, range.end), passageId: passage.id };
}
const annotations = [...mentions, ...claims.evidence, ...claims.sides, ...expected.notes.map(noteOn)];
const results = reanchor(before.text, after.text, annotations);
const listed = new Map(expected.edits.flatMap((edit) => edit.annotations.map((a) => [a.id, a] as const)));

/** The one place `snippet` stands in the edited text. */
function placeOf(snippet: string): number {
  const at = after.text.indexOf(snippet);
  expect(at, `"${snippet}" is in the edited text`).toBeGreaterThanOrEqual(0);
  expect(after.text.indexOf(snippet, at + 1), `"${snippet}" is in the edited text once`).toBe(-1);
  return at;
}

/** The span of a titled section's passages in a document's text, heading included. */
function sectionSpan(doc: typeof before, title: string) {
  const section = doc.sections.find((s) => s.title === title)!;
  const inside = doc.passages.filter((p) => p.section === section.number);
  return { number: section.number, start: inside[0].start, end: inside[inside.length - 1].end };
}

describe("re-anchoring the seed edition's annotations onto an edited copy", () => {
  it("has annotations with distinct ids, and lists each expected one once", () => {
    expect(annotations.length).toBeGreaterThan(900);
    expect(new Set(annotations.map((a) => a.id)).size).toBe(annotations.length);
    expect(listed.size).toBe(expected.edits.reduce((n, edit) => n + edit.annotations.length, 0));
  });

  it("gives the annotations an edit touches the outcome expected.yaml states, on their own words", () => {
    const byId = new Map(annotations.map((a, i) => [a.id, { anchor: a, result: results[i] }]));
    for (const expectation of listed.values()) {
      const found = byId.get(expectation.id);
      expect(found, `annotation ${expectation.id}`).toBeDefined();
      const { anchor, result } = found!;
      expect(anchor.exact, `the quote of ${expectation.id}`).toBe(expectation.was);
      expect(result.state, `the state of ${expectation.id} ("${anchor.exact}")`).toBe(expectation.state);
      if (expectation.state === "orphaned") {
        expect(result).toMatchObject({ start: anchor.start, end: anchor.end, exact: anchor.exact });
        continue;
      }
      expect(result.exact).toBe(expectation.exact);
      expect(after.text.slice(result.start, result.end)).toBe(expectation.exact);
      const at = placeOf(expectation.in!);
      expect(result.start, `${expectation.id} lands in "${expectation.in}"`).toBeGreaterThanOrEqual(at);
      expect(result.end, `${expectation.id} lands in "${expectation.in}"`).toBeLessThanOrEqual(at + expectation.in!.length);
    }
  });

  it("keeps every other annotation on the same words: at the same place in an unchanged passage, with the same context on a side elsewhere", () => {
    const passagesAfter = new Map(after.passages.map((p) => [p.id, p]));
    const passagesBefore = new Map(before.passages.map((p) => [p.id, p]));
    annotations.forEach((anchor, i) => {
      if (listed.has(anchor.id)) return;
      const result = results[i];
      const what = `${anchor.id} ("${anchor.exact}")`;
      expect(["exact", "moved"], what).toContain(result.state);
      expect(result.exact, what).toBe(anchor.exact);
      const passage = passagesAfter.get(anchor.passageId);
      if (passage) {
        // Passage ids follow a passage's words: the same id is the same, unedited passage.
        const offset = anchor.start - passagesBefore.get(anchor.passageId)!.start;
        expect(result.start, what).toBe(passage.start + offset);
      } else {
        expect(result.prefix === anchor.prefix || result.suffix === anchor.suffix, what).toBe(true);
      }
    });
  });

  it("moves the moved section's annotations into its new place", () => {
    const from = sectionSpan(before, expected.movedSection);
    const to = sectionSpan(after, expected.movedSection);
    expect(to.number).toBe(from.number + 1);
    let inSection = 0;
    annotations.forEach((anchor, i) => {
      if (anchor.start < from.start || anchor.end > from.end) return;
      inSection++;
      const result = results[i];
      expect(result.state, anchor.id).toBe("moved");
      expect(result.start - to.start, anchor.id).toBe(anchor.start - from.start);
      expect(result.end, anchor.id).toBeLessThanOrEqual(to.end);
    });
    expect(inSection).toBeGreaterThan(50);
  });

  it("comes to the expected counts, and keeps the offsets of every annotation before the first edit", () => {
    const counts = { exact: 0, moved: 0, fuzzy: 0, orphaned: 0 };
    for (const result of results) counts[result.state]++;
    expect(counts).toEqual(expected.counts);
    let firstChange = 0;
    while (before.text[firstChange] === after.text[firstChange]) firstChange++;
    const early = annotations.flatMap((a, i) => (a.end < firstChange ? [results[i]] : []));
    expect(early.length).toBe(expected.counts.exact);
    for (const result of early) expect(result.state).toBe("exact");
  });
});

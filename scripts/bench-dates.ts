// `npm run bench:dates`: precision and recall of dated-sentence proposals on two labelled sets,
// for chrono-node with edtf alone, for the project's own extractor (lib/search/extract-dates.ts),
// for the two combined, and for what ships (lib/claims/propose-dates.ts); then the time it takes
// on a 1 MB text and on hostile ones. Prints tables and writes bench/results/dates.json.
//
// The sets:
// - tests/fixtures/dates/*.md with *.dates.yaml beside each: every dated sentence of texts written
//   for the purpose, with its dates. A proposal counts when its sentence holds a labelled quote
//   and its date (value, end, precision, approximation) is one labelled there; any other is wrong.
// - the seed edition's curated date claims (content/*.claims.yaml): a claim is found when a
//   proposal in a sentence of its supporting evidence has the claim's date. The curators wrote a
//   claim for some dates only, so precision here counts only proposals in those sentences (a
//   lower bound: such a sentence may name a second, true date no claim records).
//
// Every finder reads the same sentences (propose-dates' `sentences`), so that only the reading of
// dates differs.
import fs from "node:fs";
import path from "node:path";
import * as chrono from "chrono-node";
import { parse } from "yaml";
import { z } from "zod";
import { curatedClaimsSchema } from "../lib/claims/curated-claims";
import { toEdtf, type DatePoint, type NormalisedDate } from "../lib/claims/edtf-date";
import { proposeDates, sentences, type DatePassage } from "../lib/claims/propose-dates";
import { extractDates } from "../lib/search/extract-dates";
import { parseDocument } from "../lib/text-model/parse-document";
import { locateSnippet } from "../lib/text-model/snippet";
import { runCli } from "./cli";

const root = path.resolve(__dirname, "..");
const FIXTURES = path.join(root, "tests", "fixtures", "dates");
const SEED = "second-east-turkistan-republic";

/** A proposal as the benchmark compares it: the sentence and the date. */
interface Proposal {
  start: number;
  end: number;
  date: NormalisedDate;
}
type Finder = (text: string, passages: DatePassage[]) => Proposal[];

const REFERENCE = new Date(Date.UTC(2000, 0, 1));

/** chrono-node as it comes: every date it reads with a year it is certain of, normalised by edtf. */
function chronoDates(sentence: string): Array<{ start: number; end: number; date: NormalisedDate }> {
  const found = [];
  for (const result of chrono.en.GB.parse(sentence, REFERENCE)) {
    const point = (c: chrono.ParsedComponents): DatePoint => ({
      year: c.get("year")!,
      month: c.isCertain("month") ? c.get("month")! : undefined,
      day: c.isCertain("month") && c.isCertain("day") ? c.get("day")! : undefined,
    });
    if (!result.start.isCertain("year")) continue;
    const end = result.end && result.end.isCertain("year") ? point(result.end) : undefined;
    const date = toEdtf(point(result.start), end, false);
    if (date) found.push({ start: result.index, end: result.index + result.text.length, date });
  }
  return found;
}

/** The project's extractor: each date with a year (a range gives its two years apart). */
function projectDates(sentence: string): Array<{ start: number; end: number; date: NormalisedDate }> {
  const found = [];
  for (const mention of extractDates(sentence)) {
    if (mention.year === undefined) continue;
    const date = toEdtf({ year: mention.year, month: mention.month, day: mention.month ? mention.day : undefined }, undefined, false);
    if (date) found.push({ start: mention.start, end: mention.end, date });
  }
  return found;
}

function bySentence(read: (sentence: string) => Array<{ start: number; end: number; date: NormalisedDate }>): Finder {
  return (text, passages) => {
    const proposals: Proposal[] = [];
    for (const passage of passages) {
      for (const [start, end] of sentences(text, passage)) {
        const seen = new Set<string>();
        for (const found of read(text.slice(start, end))) {
          if (seen.has(found.date.edtf)) continue;
          seen.add(found.date.edtf);
          proposals.push({ start, end, date: found.date });
        }
      }
    }
    return proposals;
  };
}

const FINDERS: Array<[string, Finder]> = [
  ["chrono-node + edtf", bySentence(chronoDates)],
  ["extract-dates (project)", bySentence(projectDates)],
  [
    "chrono-node, then extract-dates",
    bySentence((sentence) => {
      const first = chronoDates(sentence);
      const free = (d: { start: number; end: number }) => first.every((c) => d.end <= c.start || d.start >= c.end);
      return [...first, ...projectDates(sentence).filter(free)];
    }),
  ],
  ["proposeDates (shipped)", (text, passages) => proposeDates(text, passages).map((p) => ({ start: p.start, end: p.end, date: p }))],
];

const key = (d: { dateValue: string; dateEnd?: string; datePrecision: string; dateApproximate: boolean }, strict: boolean) =>
  [d.dateValue, d.dateEnd ?? "", d.datePrecision, strict ? d.dateApproximate : ""].join("|");

/** One labelled sentence: where it is (a quote inside it) and its dates. */
interface Labelled {
  at: number;
  dates: string[];
}

/** True positives, proposals counted and dates expected; `misses` for reading. */
interface Count {
  found: number;
  proposed: number;
  expected: number;
  wrong: string[];
  missed: string[];
}

const labelSchema = z.object({
  document: z.string(),
  sentences: z.array(
    z.object({
      quote: z.string().min(1),
      dates: z
        .array(
          z.object({
            value: z.coerce.string(),
            end: z.coerce.string().optional(),
            precision: z.enum(["year", "month", "day"]),
            approximate: z.boolean().default(false),
          }),
        )
        .min(1),
    }),
  ),
});

interface LabelledText {
  name: string;
  text: string;
  passages: DatePassage[];
  labelled: Array<{
    at: number;
    length: number;
    dates: Array<{ dateValue: string; dateEnd?: string; datePrecision: string; dateApproximate: boolean }>;
  }>;
}

function loadFixtures(): LabelledText[] {
  return fs
    .readdirSync(FIXTURES)
    .filter((f) => f.endsWith(".dates.yaml"))
    .sort()
    .map((file) => {
      const labels = labelSchema.parse(parse(fs.readFileSync(path.join(FIXTURES, file), "utf8")));
      const document = parseDocument(fs.readFileSync(path.join(FIXTURES, labels.document), "utf8"), labels.document);
      const labelled = labels.sentences.map((s) => {
        const at = document.text.indexOf(s.quote);
        if (at < 0 || document.text.indexOf(s.quote, at + 1) >= 0) throw new Error(`${file}: "${s.quote}" is not once in the text`);
        return {
          at,
          length: s.quote.length,
          dates: s.dates.map((d) => ({ dateValue: d.value, dateEnd: d.end, datePrecision: d.precision, dateApproximate: d.approximate })),
        };
      });
      return { name: labels.document, text: document.text, passages: document.passages, labelled };
    });
}

/** Precision and recall on the written texts: every proposal is judged. */
function scoreFixtures(texts: LabelledText[], finder: Finder, strict: boolean): Count {
  const count: Count = { found: 0, proposed: 0, expected: 0, wrong: [], missed: [] };
  for (const t of texts) {
    const open = t.labelled.map((l) => new Set(l.dates.map((d) => key(d, strict))));
    count.expected += open.reduce((n, s) => n + s.size, 0);
    for (const p of finder(t.text, t.passages)) {
      count.proposed++;
      const i = t.labelled.findIndex((l) => l.at >= p.start && l.at + l.length <= p.end);
      const k = key(p.date, strict);
      if (i >= 0 && open[i].has(k)) {
        open[i].delete(k);
        count.found++;
      } else count.wrong.push(`${t.name}: ${k} in "${t.text.slice(p.start, p.end).slice(0, 70)}"`);
    }
    open.forEach((left, i) =>
      left.forEach((k) => count.missed.push(`${t.name}: ${k} at "${t.text.slice(t.labelled[i].at).slice(0, 50)}"`)),
    );
  }
  return count;
}

interface SeedClaim {
  id: string;
  date: string;
  evidence: Array<{ start: number; end: number }>;
  /** A sentence of its evidence writes the date's year: a finder of dated sentences can find it. */
  stated: boolean;
}

function loadSeed() {
  const document = parseDocument(fs.readFileSync(path.join(root, "content", `${SEED}.md`), "utf8"), `${SEED}.md`);
  const curated = curatedClaimsSchema.parse(parse(fs.readFileSync(path.join(root, "content", `${SEED}.claims.yaml`), "utf8")));
  const claims: SeedClaim[] = [];
  for (const claim of curated.claims) {
    if (!claim.date) continue;
    const evidence = claim.evidence
      .filter((e) => e.stance === "supports")
      .map((e) => locateSnippet(document.text, e.quote))
      .filter((r): r is { start: number; end: number } => !("error" in r));
    const date = {
      dateValue: claim.date.value,
      dateEnd: claim.date.end,
      datePrecision: claim.date.precision,
      dateApproximate: claim.date.approximate,
    };
    const sentencesOfEvidence = evidence.flatMap((r) =>
      document.passages
        .filter((p) => p.start <= r.start && r.end <= p.end)
        .flatMap((p) => [...sentences(document.text, p)].filter(([s, e]) => s < r.end && r.start < e)),
    );
    const stated = sentencesOfEvidence.some(([s, e]) => document.text.slice(s, e).includes(claim.date!.value.slice(0, 4)));
    claims.push({ id: claim.id, date: key(date, true), evidence, stated });
  }
  return { text: document.text, passages: document.passages, claims };
}

/** Recall of the curated date claims, and precision among proposals in their evidence sentences. */
function scoreSeed(seed: ReturnType<typeof loadSeed>, finder: Finder): Count & { foundStated: number; stated: number } {
  const proposals = finder(seed.text, seed.passages);
  const overlaps = (p: Proposal, r: { start: number; end: number }) => p.start < r.end && r.start < p.end;
  const count: Count & { foundStated: number; stated: number } = {
    found: 0,
    proposed: 0,
    expected: seed.claims.length,
    wrong: [],
    missed: [],
    foundStated: 0,
    stated: seed.claims.filter((c) => c.stated).length,
  };
  for (const claim of seed.claims) {
    const hit = proposals.some((p) => claim.evidence.some((r) => overlaps(p, r)) && key(p.date, true) === claim.date);
    if (hit) count.found++;
    if (hit && claim.stated) count.foundStated++;
    if (!hit) count.missed.push(`${claim.id}: ${claim.date}${claim.stated ? "" : " (its evidence writes no year)"}`);
  }
  for (const p of proposals) {
    const claims = seed.claims.filter((c) => c.evidence.some((r) => overlaps(p, r)));
    if (claims.length === 0) continue;
    count.proposed++;
    if (!claims.some((c) => c.date === key(p.date, true)))
      count.wrong.push(`${key(p.date, true)} in "${seed.text.slice(p.start, p.end).slice(0, 70)}"`);
  }
  return count;
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
const fmt = (x: number) => x.toFixed(3);

function row(name: string, c: Count) {
  const precision = ratio(c.found, c.proposed);
  const recall = ratio(c.found, c.expected);
  return {
    finder: name,
    precision: +fmt(precision),
    recall: +fmt(recall),
    f1: +fmt(f1(precision, recall)),
    found: c.found,
    proposed: c.proposed,
    expected: c.expected,
  };
}

/** Milliseconds `proposeDates` takes on `text` (one passage per block between blank lines), best of `runs`. */
function timeOn(text: string, runs: number, onePassage = false) {
  const passages: DatePassage[] = [];
  if (onePassage) passages.push({ id: "p0", start: 0, end: text.length, kind: "paragraph" });
  else {
    let start = 0;
    for (const block of text.split("\n\n")) {
      passages.push({ id: `p${passages.length}`, start, end: start + block.length, kind: "paragraph" });
      start += block.length + 2;
    }
  }
  let best = Infinity;
  let proposals = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    proposals = proposeDates(text, passages).length;
    best = Math.min(best, performance.now() - started);
  }
  return { ms: Math.round(best), proposals, passages: passages.length };
}

function megabyteOf(texts: string[]): string {
  const parts: string[] = [];
  let size = 0;
  while (size < 1_000_000) {
    for (const t of texts) {
      parts.push(t);
      size += t.length + 2;
    }
  }
  return parts.join("\n\n");
}

async function main() {
  const verbose = process.argv.includes("--misses");
  const fixtures = loadFixtures();
  const seed = loadSeed();
  const results: Record<string, unknown> = {};

  for (const strict of [true, false]) {
    const name = strict ? "written texts (value, end, precision, approximation)" : "written texts (approximation not counted)";
    const rows = FINDERS.map(([finder, find]) => {
      const count = scoreFixtures(fixtures, find, strict);
      if (verbose && strict) {
        console.log(`\n${finder}: wrong`, count.wrong, `\n${finder}: missed`, count.missed);
      }
      return row(finder, count);
    });
    console.log(`\nDated sentences, ${name}: ${fixtures.length} texts, ${rows[0].expected} dates`);
    console.table(rows);
    results[strict ? "fixtures" : "fixturesLenient"] = rows;
  }

  const seedRows = FINDERS.map(([finder, find]) => {
    const count = scoreSeed(seed, find);
    if (verbose) console.log(`\n${finder}: seed wrong`, count.wrong, `\n${finder}: seed missed`, count.missed);
    return { ...row(finder, count), recallStated: +fmt(ratio(count.foundStated, count.stated)) };
  });
  console.log(
    `\nSeed edition's curated date claims: ${seed.claims.length} claims, ${seed.claims.filter((c) => c.stated).length} with their year written in a sentence of their evidence` +
      ` (recall: claims found; recallStated: of those with the year written; precision: among proposals in evidence sentences, a lower bound)`,
  );
  console.table(seedRows);
  results.seed = seedRows;

  const passageTexts = [
    ...fixtures.flatMap((f) => f.passages.map((p) => f.text.slice(p.start, p.end))),
    ...seed.passages.map((p) => seed.text.slice(p.start, p.end)),
  ];
  const timing = {
    "1 MB of prose (written texts and the seed edition, repeated)": timeOn(megabyteOf(passageTexts), 3),
    "1 MB of digits": timeOn("1".repeat(1_000_000), 3, true),
    "1 MB of years and spaces ('1944 ')": timeOn("1944 ".repeat(200_000), 1, true),
    "1 MB of month names and years ('12 November 1944 ')": timeOn("12 November 1944 ".repeat(60_000), 1, true),
    "a million one-word lines, one passage": timeOn("word\n".repeat(1_000_000), 1, true),
    "a million one-word passages": timeOn("word\n\n".repeat(1_000_000).slice(0, -2), 1),
    "a million passages of one year (stops at 20,000 proposals)": timeOn("1944\n\n".repeat(1_000_000).slice(0, -2), 1),
  };
  console.log("\nproposeDates: time (best of runs) and proposals");
  console.table(timing);
  results.timing = timing;

  fs.mkdirSync(path.join(root, "bench", "results"), { recursive: true });
  fs.writeFileSync(path.join(root, "bench", "results", "dates.json"), JSON.stringify(results, null, 2) + "\n");
}

runCli(main);

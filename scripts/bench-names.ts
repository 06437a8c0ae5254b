// `npm run bench:names`: how well the recogniser of new names (lib/entities/recognise-names.ts)
// finds and kinds the names of texts it has not seen, next to two baselines, and how the spelling
// key (lib/entities/name-key.ts) groups their variants; then its time on 1 MB of text and on
// hostile input. The sets: scripts/names-eval.ts. Writes bench/results/names.json.
//
//   npm run bench:names                 # the tables
//   npm run bench:names -- --misses     # also every missed and wrong span, per document
//   npm run bench:names -- --no-timing  # the scores only
import fs from "node:fs";
import path from "node:path";
import { matchAliases, type AliasEntry } from "../lib/entities/match-aliases";
import { recogniserLists } from "../lib/entities/name-lexicon";
import { recogniseNames } from "../lib/entities/recognise-names";
import type { EntityKind } from "../lib/entities/entity-kinds";
import { runCli } from "./cli";
import {
  capitalisedRuns,
  loadSeedSet,
  loadWrittenSet,
  measureGrouping,
  scoreSet,
  type LabelledDocument,
  type Prediction,
  type Scores,
} from "./names-eval";

type Registry = (document: LabelledDocument) => { entries: AliasEntry[]; kinds: Map<string, EntityKind> };

/** A registry that knows the names the other documents of the set use, with their kinds. */
function registryOfOthers(documents: LabelledDocument[]): Registry {
  return (document) => {
    const names = new Map<string, Set<string>>();
    const kinds = new Map<string, EntityKind>();
    for (const other of documents) {
      if (other === document) continue;
      for (const label of other.labels) {
        names.set(label.entityId, (names.get(label.entityId) ?? new Set()).add(label.exact));
        kinds.set(label.entityId, label.kind);
      }
    }
    return { entries: [...names].map(([entityId, set]) => ({ entityId, names: [...set] })), kinds };
  };
}

/** The seed's registry: the curated names and aliases of the entities the other documents mention. */
function seedRegistry(documents: LabelledDocument[], entities: Map<string, { kind: EntityKind; names: string[] }>): Registry {
  return (document) => {
    const known = new Set(documents.filter((d) => d !== document).flatMap((d) => d.labels.map((l) => l.entityId)));
    const kinds = new Map([...known].map((id) => [id, entities.get(id)!.kind]));
    return { entries: [...known].map((entityId) => ({ entityId, names: entities.get(entityId)!.names })), kinds };
  };
}

const recogniser = (text: string): Prediction[] =>
  recogniseNames(text, recogniserLists(text)).map(({ start, end, kind }) => ({ start, end, kind }));

const registryMatches = (document: LabelledDocument, registry: Registry): Prediction[] => {
  const { entries, kinds } = registry(document);
  return matchAliases(document.text, entries).map(({ start, end, entityId }) => ({ start, end, kind: kinds.get(entityId) ?? null }));
};

/** The registry's matches first, then the recogniser's names where the registry found nothing. */
const registryThenRecogniser = (document: LabelledDocument, registry: Registry): Prediction[] => {
  const known = registryMatches(document, registry);
  const fresh = recogniser(document.text).filter((p) => !known.some((k) => k.start < p.end && p.start < k.end));
  return [...known, ...fresh].sort((a, b) => a.start - b.start);
};

const percent = (x: number) => `${(100 * x).toFixed(1)}%`;

function printMisses(document: LabelledDocument, predictions: Prediction[]) {
  const spans = new Set(predictions.map((p) => `${p.start}:${p.end}`));
  const labels = new Map(document.labels.map((l) => [`${l.start}:${l.end}`, l]));
  const missed = document.labels.filter((l) => !spans.has(`${l.start}:${l.end}`)).map((l) => `${l.exact} (${l.kind})`);
  const wrong = predictions
    .filter((p) => !labels.has(`${p.start}:${p.end}`))
    .map((p) => `${document.text.slice(p.start, p.end)} (${p.kind})`);
  const kinds = predictions
    .filter((p) => labels.has(`${p.start}:${p.end}`) && labels.get(`${p.start}:${p.end}`)!.kind !== p.kind)
    .map((p) => `${document.text.slice(p.start, p.end)} (${p.kind}, is ${labels.get(`${p.start}:${p.end}`)!.kind})`);
  console.log(`\n## ${document.name}\n  missed: ${missed.join("; ")}\n  not names: ${wrong.join("; ")}\n  wrong kind: ${kinds.join("; ")}`);
}

function timed<T>(run: () => T): { ms: number; result: T } {
  const started = performance.now();
  const result = run();
  return { ms: Math.round(performance.now() - started), result };
}

runCli(async () => {
  const misses = process.argv.includes("--misses");
  const written = loadWrittenSet();
  const seed = loadSeedSet();
  const sets = [
    { name: "written", documents: written, registry: registryOfOthers(written) },
    { name: "seed", documents: seed.documents, registry: seedRegistry(seed.documents, seed.entities) },
  ];

  const results: Record<string, Record<string, Scores>> = {};
  const rows: string[][] = [];
  for (const set of sets) {
    const methods: Record<string, (d: LabelledDocument) => Prediction[]> = {
      recogniser: (d) => recogniser(d.text),
      "baseline: capitalised words": (d) => capitalisedRuns(d.text),
      "baseline: registry only": (d) => registryMatches(d, set.registry),
      "registry, then recogniser": (d) => registryThenRecogniser(d, set.registry),
    };
    results[set.name] = {};
    for (const [method, predict] of Object.entries(methods)) {
      const scored = set.documents.map((d) => ({ document: d, labels: d.labels, predictions: predict(d) }));
      const scores = scoreSet(scored);
      results[set.name][method] = scores;
      rows.push([
        set.name,
        method,
        percent(scores.exact.precision),
        percent(scores.exact.recall),
        percent(scores.exact.f1),
        percent(scores.overlap.precision),
        percent(scores.overlap.recall),
        percent(scores.overlap.f1),
        scores.kindAccuracy === null ? "–" : percent(scores.kindAccuracy),
      ]);
      if (misses && method === "recogniser") for (const s of scored) printMisses(s.document, s.predictions);
    }
  }
  const labels = sets.map(
    (s) => `${s.name}: ${s.documents.length} documents, ${s.documents.reduce((n, d) => n + d.labels.length, 0)} labels`,
  );
  console.log(`\nNames found (${labels.join("; ")})\n`);
  const header = ["set", "method", "P exact", "R exact", "F1 exact", "P overlap", "R overlap", "F1 overlap", "kind acc."];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ")} |`;
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (i < 2 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`);
  for (const row of rows) console.log(line(row));

  // Grouping: do the spellings of one entity share a key, and do different entities?
  const grouping = Object.fromEntries(sets.map((s) => [s.name, measureGrouping(s.documents)]));
  console.log("\nGrouping by spelling key (nameKey)\n");
  for (const [name, g] of Object.entries(grouping)) {
    console.log(
      `${name}: ${g.variantPairsJoined} of ${g.variantPairs} variant pairs share a key (${percent(g.variantPairsJoined / (g.variantPairs || 1))}); ` +
        `${g.collidingKeys} keys shared by different entities (${g.collidingEntityPairs} pairs of entities)`,
    );
    if (misses) {
      for (const m of g.missed) console.log(`  apart: ${m}`);
      for (const c of g.collisions) console.log(`  collides: ${c}`);
    }
  }

  if (process.argv.includes("--no-timing")) return;
  // Time and memory: the recogniser with its lists, as the import job runs it.
  const inputs: Array<[string, string]> = [];
  const oneText = written.map((d) => d.text).join("\n\n");
  inputs.push(["1 MB of the written texts, repeated", oneText.repeat(Math.ceil(1_000_000 / Buffer.byteLength(oneText)))]);
  const capitalised = written.flatMap((d) => d.text.match(/\p{L}+/gu) ?? []).map((w) => w[0].toUpperCase() + w.slice(1));
  let capitals = "";
  for (let i = 0; capitals.length < 1_000_000; i++) capitals += `${capitalised[i % capitalised.length]} `;
  inputs.push(["1 MB of capitalised words", capitals]);
  inputs.push(["a million one-word lines", "Word\n".repeat(1_000_000)]);
  recogniser("Warm up: the gazetteer loads once, in Kashgar."); // the gazetteer is loaded once per process
  const timings = inputs.map(([name, text]) => {
    const runs = [0, 1, 2].map(() => timed(() => recogniser(text)));
    const ms = runs.map((r) => r.ms).sort((a, b) => a - b)[1];
    return { name, characters: text.length, ms, names: runs[0].result.length };
  });
  const rssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log("\nTime (median of three runs, recogniserLists and recogniseNames)\n");
  for (const t of timings) console.log(`${t.name}: ${t.characters.toLocaleString("en")} characters, ${t.ms} ms, ${t.names} names`);
  console.log(`peak RSS: ${rssMb} MB`);

  fs.mkdirSync(path.join("bench", "results"), { recursive: true });
  const groupingFigures = Object.fromEntries(
    Object.entries(grouping).map(([k, g]) => [k, { ...g, missed: undefined, collisions: g.collisions }]),
  );
  fs.writeFileSync(
    path.join("bench", "results", "names.json"),
    `${JSON.stringify({ date: new Date().toISOString(), results, grouping: groupingFigures, timings, rssMb }, null, 2)}\n`,
  );
});

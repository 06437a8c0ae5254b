// `npm run bench:evidence`: measures the evidence finder on bench/evidence-paraphrases.yaml
// against a plain full-text baseline, prints a table and writes bench/results/evidence.json.
//
//   npm run bench:evidence -- [--set FILE] [--document content/<slug>.md] [--misses] [--ablation] [--cross-validate]
//
// --misses lists the claims whose evidence is not in the finder's first three; --ablation also
// ranks with each signal switched off in turn, to show what each contributes; --cross-validate
// checks the weights by two-fold cross-validation over a small grid.
//
// Uses DATABASE_URL when set (the document is imported into it), otherwise a temporary embedded
// PostgreSQL, migrated and removed afterwards.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { migrateDatabase } from "../lib/database/migrate";
import { disconnectDb, getDb } from "../lib/db";
import { importDocument } from "../lib/documents/import-document";
import { UserFacingError } from "../lib/errors";
import { evidenceCandidates, type EvidenceInput } from "../lib/search/evidence-candidates";
import { findEvidence, rankInput } from "../lib/search/find-evidence";
import { DEFAULT_EVIDENCE_WEIGHTS, type EvidenceWeights } from "../lib/search/rank-evidence";
import { openBenchDatabase } from "./bench-database";
import { runCli } from "./cli";

const root = path.resolve(__dirname, "..");
const RANKS_KEPT = 10;

const testSetSchema = z.object({
  document: z.string().optional(),
  items: z.array(z.object({ claim: z.string().min(1), passages: z.array(z.string().min(1)).min(1) })).min(1),
});

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const squash = (text: string) => text.replace(/\s+/g, " ").trim();

interface Measure {
  /** 1-based rank of the first supporting passage among the first RANKS_KEPT, or null. */
  ranks: Array<number | null>;
  millis: number[];
}

function summarise(measure: Measure) {
  const n = measure.ranks.length;
  const recallAt = (k: number) => measure.ranks.filter((r) => r !== null && r <= k).length / n;
  const sorted = [...measure.millis].sort((a, b) => a - b);
  return {
    recallAt1: recallAt(1),
    recallAt3: recallAt(3),
    recallAt10: recallAt(10),
    mrr: measure.ranks.reduce<number>((sum, r) => sum + (r ? 1 / r : 0), 0) / n,
    msPerQuery: sorted.reduce((s, v) => s + v, 0) / n,
    msP95: sorted[Math.min(n - 1, Math.floor(n * 0.95))],
  };
}

runCli(async () => {
  const setPath = path.resolve(option("--set") ?? path.join(root, "bench", "evidence-paraphrases.yaml"));
  if (!fs.existsSync(setPath)) throw new UserFacingError(`No test set at ${setPath}.`);
  const set = testSetSchema.parse(parse(fs.readFileSync(setPath, "utf8")));
  const documentPath = path.resolve(root, option("--document") ?? set.document ?? "content/second-east-turkistan-republic.md");
  const slug = path.basename(documentPath, ".md");
  const showMisses = process.argv.includes("--misses");

  const { handle, cleanup } = await openBenchDatabase();
  try {
    process.env.DATABASE_URL = handle.url;
    await migrateDatabase(handle.url, root);
    const db = getDb();
    await importDocument(db, documentPath);
    const document = await db.document.findUniqueOrThrow({ where: { slug }, select: { currentVersionId: true } });
    const versionId = document.currentVersionId!;
    const passages = await db.passage.findMany({ where: { versionId }, select: { anchor: true, text: true }, orderBy: { ordinal: "asc" } });

    // Each snippet names the passage holding it; a snippet found nowhere is an error in the set.
    const items = set.items.map((item, i) => {
      const expected = new Set<string>();
      for (const snippet of item.passages) {
        const holders = passages.filter((p) => squash(p.text).includes(squash(snippet)));
        if (holders.length === 0)
          throw new UserFacingError(`${path.relative(root, setPath)}: item ${i + 1}: no passage contains "${snippet}".`);
        for (const p of holders) expected.add(p.anchor);
      }
      return { claim: item.claim, expected };
    });

    const finder: Measure = { ranks: [], millis: [] };
    const baseline: Measure = { ranks: [], millis: [] };
    const orFullText: Measure = { ranks: [], millis: [] };
    const misses: string[] = [];
    const inputs: EvidenceInput[] = [];
    const rankOf = (ids: string[], expected: Set<string>) => {
      const at = ids.slice(0, RANKS_KEPT).findIndex((id) => expected.has(id));
      return at < 0 ? null : at + 1;
    };
    await findEvidence(slug, "warm-up", null, 1); // the first call loads the version's passages

    for (const item of items) {
      let started = performance.now();
      const results = (await findEvidence(slug, item.claim, null, RANKS_KEPT)) ?? [];
      finder.millis.push(performance.now() - started);
      const rank = rankOf(
        results.map((r) => r.passageId),
        item.expected,
      );
      finder.ranks.push(rank);
      inputs.push((await evidenceCandidates(slug, item.claim, null))!);
      if (showMisses && (rank === null || rank > 3)) {
        misses.push(
          `rank ${rank ?? "-"}: ${item.claim}\n    got: ${results
            .slice(0, 3)
            .map((r) => `${r.label} (${r.score})`)
            .join(", ")}`,
        );
      }

      started = performance.now();
      const rows = await db.$queryRaw<Array<{ anchor: string }>>`
        SELECT anchor FROM "Passage", plainto_tsquery('english', ${item.claim}) AS q
         WHERE "versionId" = ${versionId} AND search @@ q
         ORDER BY ts_rank(search, q) DESC, ordinal
         LIMIT ${RANKS_KEPT}`;
      baseline.millis.push(performance.now() - started);
      baseline.ranks.push(
        rankOf(
          rows.map((r) => r.anchor),
          item.expected,
        ),
      );

      // Full text alone, with OR semantics: every lexeme of the claim, ranked by cover density.
      started = performance.now();
      const orRows = await db.$queryRaw<Array<{ anchor: string }>>`
        SELECT anchor FROM "Passage",
               (SELECT array_to_string(ARRAY(SELECT quote_literal(l) FROM unnest(tsvector_to_array(to_tsvector('english', ${item.claim}))) AS l), ' | ')::tsquery AS q) AS query
         WHERE "versionId" = ${versionId} AND numnode(q) > 0 AND search @@ q
         ORDER BY ts_rank_cd(search, q) DESC, ordinal
         LIMIT ${RANKS_KEPT}`;
      orFullText.millis.push(performance.now() - started);
      orFullText.ranks.push(
        rankOf(
          orRows.map((r) => r.anchor),
          item.expected,
        ),
      );
    }

    // Each signal switched off in turn (the others as they are).
    const ablations: Array<[string, Partial<EvidenceWeights>]> = process.argv.includes("--ablation")
      ? [
          ["without numbers and dates", { fact: 0 }],
          ["without entities", { entity: 0 }],
          ["without cover density", { coverDensity: 0 }],
          ["without trigrams", { trigram: 0 }],
          ["without heading/short damping", { heading: 1, shortLength: 0 }],
          ["without length normalisation", { b: 0 }],
        ]
      : [];
    // Ranks of every item under other weights, from the claims as already read (no timing).
    const ranksWith = (weights: EvidenceWeights, only?: (i: number) => boolean): Measure => {
      const measure: Measure = { ranks: [], millis: [] };
      items.forEach((item, i) => {
        if (only && !only(i)) return;
        const ranked = rankInput(inputs[i], RANKS_KEPT, weights);
        measure.ranks.push(
          rankOf(
            ranked.map((r) => r.passageId),
            item.expected,
          ),
        );
        measure.millis.push(0);
      });
      return measure;
    };
    const ablationFigures: Array<[string, ReturnType<typeof summarise>]> = ablations.map(([name, change]) => [
      name,
      { ...summarise(ranksWith({ ...DEFAULT_EVIDENCE_WEIGHTS, ...change })), msPerQuery: NaN, msP95: NaN },
    ]);

    // Two-fold cross-validation of the weights over a small grid: choose on the odd items, score
    // on the even ones, and the other way round. Held-out figures far below the chosen ones
    // would mean weights that fit this test set rather than claims in general.
    const crossValidation: Array<Record<string, unknown>> = [];
    if (process.argv.includes("--cross-validate")) {
      const grid: EvidenceWeights[] = [];
      for (const entity of [0, 0.25, 0.5, 1])
        for (const fact of [1, 2, 3])
          for (const b of [0.5, 0.75])
            for (const coverDensity of [0, 1, 2, 3])
              for (const trigram of [0, 1, 3]) grid.push({ ...DEFAULT_EVIDENCE_WEIGHTS, entity, fact, b, coverDensity, trigram });
      for (const fold of [0, 1]) {
        const train = (i: number) => i % 2 === fold;
        const test = (i: number) => i % 2 !== fold;
        let best = grid[0];
        let bestMrr = -1;
        for (const weights of grid) {
          const mrr = summarise(ranksWith(weights, train)).mrr;
          if (mrr > bestMrr) [best, bestMrr] = [weights, mrr];
        }
        const { entity, fact, b, coverDensity, trigram } = best;
        const heldOut = summarise(ranksWith(best, test));
        const defaults = summarise(ranksWith(DEFAULT_EVIDENCE_WEIGHTS, test));
        crossValidation.push({
          chosenOn: fold === 0 ? "odd-numbered items (1, 3, 5, …)" : "even-numbered items (2, 4, 6, …)",
          chosen: { entity, fact, b, coverDensity, trigram },
          trainMrr: bestMrr,
          heldOut: { mrr: heldOut.mrr, recallAt3: heldOut.recallAt3 },
          defaultsOnHeldOut: { mrr: defaults.mrr, recallAt3: defaults.recallAt3 },
        });
      }
    }

    const figures = { finder: summarise(finder), baseline: summarise(baseline), orFullText: summarise(orFullText) };
    const pct = (v: number) => `${(v * 100).toFixed(1)}%`.padStart(8);
    const num = (v: number, d = 3) => v.toFixed(d).padStart(8);
    console.log(
      `Evidence finder on ${path.relative(root, setPath)}: ${items.length} claims, document ${slug} (${passages.length} passages)\n`,
    );
    console.log("| method                          | recall@1 | recall@3 | recall@10 |    MRR   | ms/query | p95 ms |");
    console.log("|---------------------------------|----------|----------|-----------|----------|----------|--------|");
    for (const [name, f] of [
      ["findEvidence", figures.finder],
      ["baseline: plainto_tsquery", figures.baseline],
      ["full text only, OR, ts_rank_cd", figures.orFullText],
      ...ablationFigures.map(([n, f]) => [`  ${n}`, f] as const),
    ] as const) {
      const ms = Number.isNaN(f.msPerQuery) ? "       -" : num(f.msPerQuery, 2);
      const p95 = Number.isNaN(f.msP95) ? "     -" : num(f.msP95, 1).slice(2);
      console.log(
        `| ${name.padEnd(31)} | ${pct(f.recallAt1)} | ${pct(f.recallAt3)} | ${pct(f.recallAt10)}  | ${num(f.mrr)} | ${ms} | ${p95} |`,
      );
    }
    for (const cv of crossValidation) {
      const held = cv.heldOut as { mrr: number; recallAt3: number };
      const defaults = cv.defaultsOnHeldOut as { mrr: number; recallAt3: number };
      console.log(
        `\nCross-validation, weights chosen on the ${cv.chosenOn}: ${JSON.stringify(cv.chosen)} (MRR ${(cv.trainMrr as number).toFixed(3)});` +
          ` held out: MRR ${held.mrr.toFixed(3)}, recall@3 ${pct(held.recallAt3).trim()}; the defaults there: MRR ${defaults.mrr.toFixed(3)}, recall@3 ${pct(defaults.recallAt3).trim()}`,
      );
    }
    if (showMisses && misses.length) console.log(`\nFinder misses at 3:\n  ${misses.join("\n  ")}`);

    const out = path.join(root, "bench", "results", "evidence.json");
    fs.mkdirSync(path.dirname(out), { recursive: true });
    const round = (f: Record<string, number>) =>
      Object.fromEntries(Object.entries(f).map(([k, v]) => [k, Math.round(v * 10_000) / 10_000]));
    fs.writeFileSync(
      out,
      `${JSON.stringify(
        {
          testSet: path.relative(root, setPath),
          document: slug,
          claims: items.length,
          passages: passages.length,
          ranAt: new Date().toISOString(),
          finder: round(figures.finder),
          baseline: round(figures.baseline),
          orFullText: round(figures.orFullText),
          weights: DEFAULT_EVIDENCE_WEIGHTS,
          ...(ablationFigures.length
            ? {
                ablations: Object.fromEntries(
                  ablationFigures.map(([n, f]) => [
                    n,
                    round({ recallAt1: f.recallAt1, recallAt3: f.recallAt3, recallAt10: f.recallAt10, mrr: f.mrr }),
                  ]),
                ),
              }
            : {}),
          ...(crossValidation.length ? { crossValidation } : {}),
          finderTargetRecallAt3: 0.9,
        },
        null,
        2,
      )}\n`,
    );
    console.log(`\nWritten to ${path.relative(root, out)}.`);
  } finally {
    await disconnectDb();
    await handle.stop();
    cleanup();
  }
});

// `npm run bench:reanchor`: measures re-anchoring (lib/anchoring/reanchor.ts) on a book-sized
// document against the quote-only baseline (lib/anchoring/baseline.ts), prints a table and
// writes bench/results/reanchor.json. See bench/README.md.
//
//   npm run bench:reanchor -- [--copies N] [--runs N] [--budget SECONDS]
//
// The book is the seed edition repeated (--copies, 36 by default: over 1 MB of markdown), each
// copy under its own chapter heading and with its passages numbered, so that no two passages
// are the same while most sentences, names and contexts recur: as ambiguous as a real book. The
// annotations are the seed edition's curated ones (entity mentions, claim evidence, conflict
// sides) in every copy. One small edit is made, its effect on every annotation known. `reanchor`
// runs --runs times (5); the baseline once per mode, on a deterministic sample when it would take
// more than --budget seconds (40) a mode, its time and counts then extrapolated.
import fs from "node:fs";
import path from "node:path";
import { reanchorByQuote, type BaselineMode } from "../lib/anchoring/baseline";
import { reanchor, type Reanchored } from "../lib/anchoring/reanchor";
import { TextDiff, type Span } from "../lib/anchoring/text-diff";
import { parseAndAnchorClaims } from "../lib/claims/curated-claims";
import { anchorMentions, parseCuratedEntities } from "../lib/entities/curated-entities";
import type { TextRange } from "../lib/text-model/text-range";
import { parseDocument } from "../lib/text-model/parse-document";
import { quoteContext } from "../lib/text-model/quote-context";
import { buildBook } from "./bench-book";
import { runCli } from "./cli";

const root = path.resolve(__dirname, "..");
const SLUG = "second-east-turkistan-republic";
const TARGET_MS = 1000;
const TARGET_SPEED_UP = 10;

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

/** An edit of the book: `old` (found once in chapter `chapter`) becomes `new`, or a paragraph goes in before the passage starting `before`. */
type BookEdit =
  | { kind: "typo fix" | "sentence deleted"; chapter: number; old: string; new: string }
  | { kind: "paragraph inserted"; chapter: number; before: string; paragraph: string };

const EDITS: BookEdit[] = [
  { kind: "typo fix", chapter: 3, old: "Isabek Munonow", new: "Isabek Munonov" },
  { kind: "typo fix", chapter: 9, old: "with Ahmatjan Qasimi taking", new: "with Ahmetjan Qasimi taking" },
  { kind: "typo fix", chapter: 17, old: "liberating the Targabatay and Altay", new: "liberating the Tarbagatay and Altay" },
  { kind: "typo fix", chapter: 24, old: "Mesud Sabri", new: "Masud Sabri" },
  { kind: "typo fix", chapter: 30, old: "Secretary General Abdukerim Abbasov", new: "Secretary General Abdulkerim Abbasov" },
  {
    kind: "paragraph inserted",
    chapter: 12,
    before: "President Alihan Tore fiercely condemned",
    paragraph:
      "Ghulja, in the Ili valley, remained the capital of the East Turkistan Republic for as long as it lasted, and the Government Council of Alihan Tore met there.",
  },
  {
    kind: "sentence deleted",
    chapter: 20,
    old: " In Taiwan he was appointed as “Governor of Xinjiang” by Chiang Kai-shek and held the title until his death in 1971.",
    new: "",
  },
];

/** The span of chapter `n` in a text where chapters start with "Chapter n" passages. */
function chapterSpan(text: string, n: number): Span {
  const start = text.indexOf(`Chapter ${n}\n\n`);
  const next = text.indexOf(`\n\nChapter ${n + 1}\n\n`, start);
  if (start < 0) throw new Error(`no chapter ${n}`);
  return { start, end: next < 0 ? text.length : next };
}

function onceIn(text: string, span: Span, words: string): number {
  const at = text.indexOf(words, span.start);
  if (at < 0 || at + words.length > span.end || (text.indexOf(words, at + 1) >= 0 && text.indexOf(words, at + 1) < span.end)) {
    throw new Error(`"${words}" is not in chapter once`);
  }
  return at;
}

interface PlainEdit {
  start: number;
  end: number;
  text: string;
}

const applyEdits = (text: string, edits: PlainEdit[]) =>
  [...edits].sort((a, b) => b.start - a.start).reduce((out, e) => out.slice(0, e.start) + e.text + out.slice(e.end), text);

/** What the edit did to an annotation: its words kept (and where they are now), changed (and what became of them), or gone. */
type Truth = { kind: "kept"; start: number; end: number } | { kind: "changed"; image: Span } | { kind: "gone" };

function truthOf(edits: PlainEdit[], start: number, end: number): Truth {
  const delta = (e: PlainEdit) => e.text.length - (e.end - e.start);
  const map = (at: number) => at + edits.reduce((shift, e) => (e.end <= at ? shift + delta(e) : shift), 0);
  const newStart = (edit: PlainEdit) => edit.start + edits.reduce((s, e) => (e !== edit && e.end <= edit.start ? s + delta(e) : s), 0);
  const touching = edits.filter((e) => (e.start === e.end ? start < e.start && e.start < end : e.start < end && start < e.end));
  if (touching.length === 0) return { kind: "kept", start: map(start), end: map(start) + end - start };
  const inside = (at: number) => edits.find((e) => e.start <= at && at < e.end);
  const first = inside(start);
  const last = inside(end - 1);
  const from = first ? newStart(first) : map(start);
  const to = last ? newStart(last) + last.text.length : map(end - 1) + 1;
  return to <= from ? { kind: "gone" } : { kind: "changed", image: { start: from, end: to } };
}

interface Score {
  correct: number;
  wrong: number;
  orphaned: number;
  /** Orphaned although the words are still there. */
  lost: number;
}

function judge(result: Reanchored, truth: Truth): "correct" | "wrong" | "lost" {
  if (result.state === "orphaned") return truth.kind === "kept" ? "lost" : "correct";
  if (truth.kind === "kept") return result.start === truth.start && result.end === truth.end ? "correct" : "wrong";
  if (truth.kind === "changed") return result.start < truth.image.end && truth.image.start < result.end ? "correct" : "wrong";
  return "wrong";
}

function scoreOf(results: Reanchored[], truths: Truth[]): Score {
  const score: Score = { correct: 0, wrong: 0, orphaned: 0, lost: 0 };
  results.forEach((result, i) => {
    const verdict = judge(result, truths[i]);
    if (verdict === "correct") score.correct++;
    else if (verdict === "wrong") score.wrong++;
    else score.lost++;
    if (result.state === "orphaned") score.orphaned++;
  });
  return score;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

runCli(async () => {
  const copies = option("--copies", 36);
  const runs = option("--runs", 5);
  const budgetMs = option("--budget", 40) * 1000;
  const read = (file: string) => fs.readFileSync(path.join(root, "content", file), "utf8");

  // The seed edition and its curated annotations.
  const seed = parseDocument(read(`${SLUG}.md`), `${SLUG}.md`);
  const curated = parseCuratedEntities(read(`${SLUG}.entities.yaml`), `${SLUG}.entities.yaml`);
  const claims = parseAndAnchorClaims(
    read(`${SLUG}.claims.yaml`),
    `${SLUG}.claims.yaml`,
    seed.text,
    seed.passages,
    SLUG,
    new Set(curated.entities.map((e) => e.id)),
  );
  const seedAnnotations = [
    ...anchorMentions(curated, seed.text, seed.passages, SLUG, `${SLUG}.entities.yaml`),
    ...claims.evidence,
    ...claims.sides,
  ];
  const seedPassage = new Map(seed.passages.map((p, i) => [p.id, i]));

  // The book, and the seed annotations in every chapter.
  const bookMarkdown = buildBook(read(`${SLUG}.md`), copies);
  const book = parseDocument(bookMarkdown, "book.md");
  const perChapter = seed.passages.length + 1;
  if (book.passages.length !== copies * perChapter) throw new Error("the book's passages do not follow the seed's");
  const anchors: TextRange[] = [];
  for (let chapter = 0; chapter < copies; chapter++) {
    for (const a of seedAnnotations) {
      const j = seedPassage.get(a.passageId)!;
      const from = seed.passages[j];
      const to = book.passages[chapter * perChapter + 1 + j];
      if (!to.text.endsWith(from.text)) throw new Error(`passage ${to.label} of the book is not the seed's ${from.label}`);
      const start = to.start + to.text.length - from.text.length + (a.start - from.start);
      anchors.push({ start, end: start + a.exact.length, ...quoteContext(book.text, start, start + a.exact.length) });
    }
  }

  // The edit, on the plain text and on the markdown, which must agree.
  const plainEdits: PlainEdit[] = [];
  let editedMarkdown = bookMarkdown;
  for (const edit of EDITS) {
    const span = chapterSpan(book.text, edit.chapter);
    const mdStart = editedMarkdown.indexOf(`## Chapter ${edit.chapter}\n`);
    const mdNext = editedMarkdown.indexOf(`## Chapter ${edit.chapter + 1}\n`, mdStart);
    const mdSpan = { start: mdStart, end: mdNext < 0 ? editedMarkdown.length : mdNext };
    if (edit.kind === "paragraph inserted") {
      const passage = book.passages.find((p) => p.start >= span.start && p.start < span.end && p.text.includes(` ${edit.before}`))!;
      plainEdits.push({ start: passage.start, end: passage.start, text: `${edit.paragraph}\n\n` });
      const line = editedMarkdown.lastIndexOf("\n", onceIn(editedMarkdown, mdSpan, edit.before)) + 1;
      editedMarkdown = `${editedMarkdown.slice(0, line)}${edit.paragraph}\n\n${editedMarkdown.slice(line)}`;
    } else {
      // The truth is the change itself: the characters old and new have in common at either end are kept.
      const at = onceIn(book.text, span, edit.old);
      let head = 0;
      while (head < Math.min(edit.old.length, edit.new.length) && edit.old[head] === edit.new[head]) head++;
      let tail = 0;
      while (
        tail < Math.min(edit.old.length, edit.new.length) - head &&
        edit.old[edit.old.length - 1 - tail] === edit.new[edit.new.length - 1 - tail]
      )
        tail++;
      plainEdits.push({ start: at + head, end: at + edit.old.length - tail, text: edit.new.slice(head, edit.new.length - tail) });
      const mdAt = onceIn(editedMarkdown, mdSpan, edit.old);
      editedMarkdown = editedMarkdown.slice(0, mdAt) + edit.new + editedMarkdown.slice(mdAt + edit.old.length);
    }
  }
  plainEdits.sort((a, b) => a.start - b.start);
  const newText = applyEdits(book.text, plainEdits);
  if (parseDocument(editedMarkdown, "book.edited.md").text !== newText)
    throw new Error("the edited markdown does not give the edited text");
  const truths = anchors.map((a) => truthOf(plainEdits, a.start, a.end));
  const touched = truths.filter((t) => t.kind !== "kept").length;

  // reanchor: median of `runs` runs, the diff included; the diff alone for information.
  const times: number[] = [];
  let results: Reanchored[] = [];
  for (let run = 0; run < runs; run++) {
    const t0 = performance.now();
    results = reanchor(book.text, newText, anchors);
    times.push(performance.now() - t0);
  }
  const diffTimes: number[] = [];
  for (let run = 0; run < runs; run++) {
    const t0 = performance.now();
    TextDiff.between(book.text, newText);
    diffTimes.push(performance.now() - t0);
  }
  const ours = { ms: median(times), runsMs: times, diffMs: median(diffTimes), score: scoreOf(results, truths) };

  // The baseline: every annotation whose words or context the edit touched, and a stride
  // through the others if all of them would not fit the budget; time and counts for the others
  // extrapolated from the stride.
  const near = anchors.map((a) => {
    const around = { start: a.start - a.prefix.length, end: a.end + a.suffix.length };
    return plainEdits.some((e) => e.start <= around.end && around.start <= e.end);
  });
  const nearIndexes = near.flatMap((isNear, i) => (isNear ? [i] : []));
  const farIndexes = near.flatMap((isNear, i) => (isNear ? [] : [i]));
  const pilot = farIndexes.filter((_, k) => k % Math.max(1, Math.floor(farIndexes.length / 200)) === 0);
  const t0 = performance.now();
  reanchorByQuote(
    newText,
    pilot.map((i) => anchors[i]),
  );
  const perAnnotationMs = (performance.now() - t0) / pilot.length;
  const stride = Math.max(1, Math.ceil((perAnnotationMs * farIndexes.length) / budgetMs));
  const sample = farIndexes.filter((_, k) => k % stride === 0);
  const baseline = (mode: BaselineMode) => {
    const t1 = performance.now();
    const onNear = reanchorByQuote(
      newText,
      nearIndexes.map((i) => anchors[i]),
      mode,
    );
    const t2 = performance.now();
    const onSample = reanchorByQuote(
      newText,
      sample.map((i) => anchors[i]),
      mode,
    );
    const t3 = performance.now();
    const scale = farIndexes.length / sample.length;
    const a = scoreOf(
      onNear,
      nearIndexes.map((i) => truths[i]),
    );
    const b = scoreOf(
      onSample,
      sample.map((i) => truths[i]),
    );
    const score: Score = {
      correct: a.correct + b.correct * scale,
      wrong: a.wrong + b.wrong * scale,
      orphaned: a.orphaned + b.orphaned * scale,
      lost: a.lost + b.lost * scale,
    };
    return { ms: t2 - t1 + (t3 - t2) * scale, measuredMs: t3 - t1, measured: nearIndexes.length + sample.length, score };
  };
  const best = baseline("best");
  const thresholded = baseline("thresholded");
  const sampled = stride > 1;

  // The table.
  const n = anchors.length;
  const est = sampled ? " (est.)" : "";
  const pct = (v: number) => `${((100 * v) / n).toFixed(2)}%`;
  const int = (v: number) => Math.round(v).toLocaleString("en-US");
  const rows: Array<[string, { ms: number; score: Score }, string]> = [
    ["reanchor (diff first)", ours, ""],
    ["baseline: match-quote, best", best, est],
    ["baseline: match-quote, thresholded", thresholded, est],
  ];
  const markdownBytes = Buffer.byteLength(bookMarkdown);
  console.log(
    `Re-anchoring a book of ${(markdownBytes / 1e6).toFixed(2)} MB of markdown (${copies} copies of ${SLUG}, ` +
      `${int(book.text.length)} characters of text, ${int(book.passages.length)} passages), ${int(n)} annotations.\n` +
      `Edit: ${EDITS.filter((e) => e.kind === "typo fix").length} typo fixes, 1 paragraph inserted, 1 sentence deleted; ` +
      `${touched} annotations touched (${truths.filter((t) => t.kind === "gone").length} of them gone).\n`,
  );
  console.log("| method                             |          time ms | annotations/s | correct | wrong attachments | orphaned |");
  console.log("|------------------------------------|-----------------:|--------------:|--------:|------------------:|---------:|");
  for (const [name, m, mark] of rows) {
    console.log(
      `| ${name.padEnd(34)} | ${(int(m.ms) + mark).padStart(16)} | ${int((n * 1000) / m.ms).padStart(13)} | ${pct(m.score.correct).padStart(7)} | ${int(m.score.wrong).padStart(17)} | ${int(m.score.orphaned).padStart(8)} |`,
    );
  }
  if (sampled) {
    console.log(
      `\nThe baseline would take about ${int(perAnnotationMs * n)} ms a mode, so it ran on the ${nearIndexes.length} annotations ` +
        `whose words or context the edit touched and on one in ${stride} of the others (${sample.length}); its times and counts ` +
        `for those others are extrapolated (est.). Measured: ${int(best.measuredMs)} ms (best), ${int(thresholded.measuredMs)} ms ` +
        `(thresholded).`,
    );
  }
  const speedUp = best.ms / ours.ms;
  const baselineCorrect = Math.max(best.score.correct, thresholded.score.correct);
  const targets = {
    withinTime: ours.ms <= TARGET_MS,
    speedUp: speedUp >= TARGET_SPEED_UP,
    accuracy: ours.score.correct >= baselineCorrect,
  };
  const verdict = (ok: boolean) => (ok ? "pass" : "FAIL");
  console.log(
    `\nreanchor: median of ${runs} runs ${ours.ms.toFixed(0)} ms (runs: ${times.map((t) => t.toFixed(0)).join(", ")} ms), ` +
      `of which the diff ${ours.diffMs.toFixed(0)} ms; ${ours.score.lost} annotations orphaned with their words intact.`,
  );
  console.log(`Speed-up over the baseline (best mode): ${speedUp.toFixed(0)}×`);
  console.log(`Target: reanchor within ${TARGET_MS} ms: ${verdict(targets.withinTime)} (${ours.ms.toFixed(0)} ms)`);
  console.log(`Target: at least ${TARGET_SPEED_UP}× faster than the baseline: ${verdict(targets.speedUp)} (${speedUp.toFixed(0)}×)`);
  console.log(
    `Target: accuracy at least the baseline's: ${verdict(targets.accuracy)} (${pct(ours.score.correct)} against ${pct(baselineCorrect)})`,
  );
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(`Peak memory (RSS): ${peakRssMb.toFixed(0)} MB`);

  const out = path.join(root, "bench", "results", "reanchor.json");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const round = (v: number, d = 2) => Math.round(v * 10 ** d) / 10 ** d;
  const figures = (m: { ms: number; score: Score }) => ({
    ms: round(m.ms, 1),
    annotationsPerSecond: Math.round((n * 1000) / m.ms),
    correct: round(m.score.correct / n, 5),
    wrongAttachments: round(m.score.wrong, 1),
    orphaned: round(m.score.orphaned, 1),
    orphanedWithWordsIntact: round(m.score.lost, 1),
  });
  fs.writeFileSync(
    out,
    `${JSON.stringify(
      {
        document: `${SLUG} ×${copies}`,
        markdownBytes,
        textLength: book.text.length,
        passages: book.passages.length,
        annotations: n,
        edits: EDITS.map((e) =>
          e.kind === "paragraph inserted"
            ? { kind: e.kind, chapter: e.chapter }
            : { kind: e.kind, chapter: e.chapter, old: e.old, new: e.new },
        ),
        touched,
        ranAt: new Date().toISOString(),
        reanchor: { ...figures(ours), runsMs: times.map((t) => round(t, 1)), diffMs: round(ours.diffMs, 1) },
        baselineBest: { ...figures(best), estimated: sampled, measuredMs: round(best.measuredMs, 1), measuredAnnotations: best.measured },
        baselineThresholded: {
          ...figures(thresholded),
          estimated: sampled,
          measuredMs: round(thresholded.measuredMs, 1),
          measuredAnnotations: thresholded.measured,
        },
        speedUp: round(speedUp, 1),
        targets: { maxMs: TARGET_MS, minSpeedUp: TARGET_SPEED_UP, accuracyAtLeastBaseline: true, met: targets },
        peakRssMb: Math.round(peakRssMb),
      },
      null,
      2,
    )}\n`,
  );
  console.log(`\nWritten to ${path.relative(root, out)}.`);
});

// `npm run bench:markdown`: what a hostile markdown comment costs to render
// (lib/annotations/markdown.ts), against remark-parse (micromark), the parser it replaced. Prints
// a table and writes bench/results/markdown.json. See bench/README.md and
// docs/decisions/010-comment-markdown.md.
//
//   npm run bench:markdown -- [--runs N]
//
// The inputs are CommonMark's pathological cases (cmark's test/pathological_tests.py) and a few
// more of the same kind, each cut to 10,000 characters (the largest body the API accepts) and to
// 40,000: a renderer linear in its input takes about four times as long on the second. remark is
// timed at 10,000 characters only (at 40,000 the worst cases take minutes), on the input as the
// renderer before gave it (deep container markers escaped), parsing only.
import fs from "node:fs";
import path from "node:path";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { escapeDeepContainers, markdownToHtml } from "../lib/annotations/markdown";
import { runCli } from "./cli";

const root = path.resolve(__dirname, "..");

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

/** `unit` repeated to `length` characters. */
const repeat = (unit: string) => (length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
/** `open` repeated, then `middle`, then `close` as often as `open`: about `length` characters. */
const nested = (open: string, middle: string, close: string) => (length: number) => {
  const n = Math.floor((length - middle.length) / (open.length + close.length));
  return open.repeat(n) + middle + close.repeat(n);
};

/** Each case: its name and the input of (about) a given length. */
const CASES: Array<[string, (length: number) => string]> = [
  ["*a_ repeated (issue 14)", repeat("*a_")],
  ["nested strong emph", nested("*a **a ", "b", " a** a*")],
  ["many emph closers with no openers", repeat("a_ ")],
  ["many emph openers with no closers", repeat("_a ")],
  ["many link closers with no openers", repeat("a]")],
  ["many link openers with no closers", repeat("[a")],
  ["mismatched openers and closers", repeat("*a_ ")],
  ["issue #389", (length) => "*a ".repeat(Math.floor(length / 8)) + "_a*_ ".repeat(Math.floor(length / 8))],
  ["openers and closers multiple of 3", (length) => "a**b" + repeat("c* ")(length - 4)],
  ["link openers and emph closers", repeat("[ a_")],
  ["pattern [ (]( repeated", repeat("[ (](")],
  ["pattern ![[]() repeated", repeat("![[]()")],
  ["nested brackets", nested("[", "a", "]")],
  ["nested block quotes", (length) => repeat("> ")(length - 1) + "a"],
  [
    "deeply nested lists",
    (length) =>
      Array.from({ length: Math.floor(Math.sqrt(length)) }, (_, i) => `${"  ".repeat(i)}* a\n`)
        .join("")
        .slice(0, length),
  ],
  [
    "backticks",
    (length) =>
      Array.from({ length: Math.floor(Math.sqrt(2 * length)) }, (_, i) => `e${"`".repeat(i + 1)}`)
        .join("")
        .slice(0, length),
  ],
  ["unclosed links A", repeat("[a](<b")],
  ["unclosed links B", repeat("[a](b")],
  ["unclosed <!--", (length) => "</" + repeat("<!--")(length - 2)],
  ["empty lines in deeply nested lists", (length) => "- ".repeat(Math.floor(length / 3)) + "x" + "\n".repeat(Math.floor(length / 3))],
  ["emph in deep blockquote", (length) => ">".repeat(Math.floor(length / 3)) + "a*".repeat(Math.floor(length / 3))],
  ["nested inlines", nested("*", "a", "*")],
  ["*a**a* repeated", repeat("*a**a*")],
  ["*_ repeated", repeat("*_")],
  ["a*_ repeated", repeat("a*_")],
  ["*a* repeated (real emphasis)", repeat("*a* ")],
  ["[a]( repeated", repeat("[a](")],
  ["[]( repeated", repeat("[](")],
  ["< repeated", repeat("<")],
  ["link references and uses", (length) => repeat("[a]: /u\n\n[a] ")(length)],
];

const remark = unified().use(remarkParse);

/** The median of `runs` timings of `work` (after one untimed run), in milliseconds. */
function time(work: () => unknown, runs: number): number {
  work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

runCli(async () => {
  const runs = option("--runs", 5);
  const rows = CASES.map(([name, make]) => {
    const short = make(10_000);
    const long = make(40_000);
    const ms10k = time(() => markdownToHtml(short), runs);
    const ms40k = time(() => markdownToHtml(long), runs);
    const escaped = escapeDeepContainers(short);
    const remarkMs10k = time(() => remark.parse(escaped), 1);
    return { name, chars: short.length, ms10k, ms40k, growth: ms40k / Math.max(ms10k, 0.05), remarkMs10k };
  });
  const pad = (value: string, width: number) => value.padStart(width);
  console.log(`${"input".padEnd(36)} ${pad("10k ms", 8)} ${pad("40k ms", 8)} ${pad("x", 6)} ${pad("remark 10k ms", 14)}`);
  for (const row of rows) {
    console.log(
      `${row.name.padEnd(36)} ${pad(row.ms10k.toFixed(1), 8)} ${pad(row.ms40k.toFixed(1), 8)} ${pad(row.growth.toFixed(1), 6)} ${pad(row.remarkMs10k.toFixed(0), 14)}`,
    );
  }
  const worst = rows.reduce((a, b) => (b.ms10k > a.ms10k ? b : a));
  const worstRemark = rows.reduce((a, b) => (b.remarkMs10k > a.remarkMs10k ? b : a));
  console.log(
    `\nworst at 10,000 characters: ${worst.ms10k.toFixed(1)} ms (${worst.name}); remark-parse before: ${worstRemark.remarkMs10k.toFixed(0)} ms (${worstRemark.name})`,
  );
  const out = path.join(root, "bench", "results", "markdown.json");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify({ runs, rows }, null, 2)}\n`);
  console.log(`wrote ${path.relative(root, out)}`);
});

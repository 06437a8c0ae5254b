// `npm run bench:reanchor-import`: re-anchoring as the import does it, against PostgreSQL. A
// book-sized edition (the seed edition's text repeated as chapters, over 1 MB of markdown) with
// 20,000 readers' annotations is imported; a small edit (a respelled word, an inserted paragraph,
// a deleted sentence) is then imported as a new version, and the script prints how long the whole
// import took and how long its re-anchoring step took (keeping the old anchors, re-anchoring,
// writing the results and the report), with the report's counts. Writes
// bench/results/reanchor-import.json.
//
// Uses DATABASE_URL when set, otherwise a temporary embedded PostgreSQL (migrated, removed afterwards).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateDatabase } from "../lib/database/migrate";
import { disconnectDb, getDb } from "../lib/db";
import { importDocument } from "../lib/documents/import-document";
import { parseDocument } from "../lib/text-model/parse-document";
import { passageContaining, quoteContext } from "../lib/text-model/quote-context";
import { buildBook } from "./bench-book";
import { openBenchDatabase } from "./bench-database";
import { runCli } from "./cli";

const SLUG = "bench-book";
const MIN_BYTES = 1_000_000;
const ANNOTATIONS = 20_000;

/** The book: the seed edition repeated as chapters until the markdown passes 1 MB. */
function book(): string {
  const seed = fs.readFileSync(path.join("content", "second-east-turkistan-republic.md"), "utf8");
  return buildBook(seed, Math.ceil(MIN_BYTES / Buffer.byteLength(seed)) + 1);
}

/** The same book after a small edit: a respelled word, an inserted paragraph, a deleted sentence. */
function edited(source: string): string {
  const at = (n: number) => source.indexOf(`## Chapter ${n}\n`);
  const respell = source.indexOf("Ghulja", at(3));
  let next = `${source.slice(0, respell)}Gulja${source.slice(respell + "Ghulja".length)}`;
  const insert = next.indexOf("\n\n", next.indexOf(`## Chapter 12\n`) + 20);
  next = `${next.slice(0, insert)}\n\nA paragraph the new edition adds, about the sources of this part.${next.slice(insert)}`;
  const part = next.indexOf(`## Chapter 25\n`);
  const sentenceEnd = next.indexOf(". ", part + 200);
  const sentenceStart = next.lastIndexOf(". ", sentenceEnd - 1);
  return next.slice(0, sentenceStart + 1) + next.slice(sentenceEnd + 1);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

runCli(async () => {
  const { handle, cleanup } = await openBenchDatabase();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gloss-bench-book-"));
  try {
    process.env.DATABASE_URL = handle.url;
    await migrateDatabase(handle.url);
    const db = getDb();
    const file = path.join(dir, `${SLUG}.md`);
    const original = book();
    const changed = edited(original);
    const runs: Array<{ importMs: number; reanchorMs: number; counts: Record<string, number> }> = [];
    for (let run = 0; run < Number(process.env.RUNS ?? 3); run++) {
      await db.document.deleteMany({ where: { slug: SLUG } });
      fs.writeFileSync(file, original);
      await importDocument(db, file);
      const version = await db.documentVersion.findFirstOrThrow({ where: { document: { slug: SLUG } }, include: { passages: true } });
      const passages = [...version.passages].sort((a, b) => a.start - b.start);
      const user = await db.user.upsert({
        where: { email: "bench@example.invalid" },
        create: { id: "bench-user", name: "Bench", email: "bench@example.invalid" },
        update: {},
      });
      // Annotations spread evenly over the text: one to four words each, at word starts.
      const text = version.text;
      const step = Math.floor(text.length / ANNOTATIONS);
      const rows = [];
      for (let i = 0; i < ANNOTATIONS; i++) {
        let start = i * step;
        while (start < text.length && !/\w/.test(text[start])) start++;
        while (start > 0 && /\w/.test(text[start - 1])) start--;
        let end = start;
        for (let words = 1 + (i % 4); words > 0 && end < text.length; words--) {
          while (end < text.length && /\w/.test(text[end])) end++;
          if (words > 1) while (end < text.length && text[end] === " ") end++;
        }
        const passage = passageContaining(passages, start, end) ?? passages.find((p) => p.start <= start && start < p.end)!;
        end = Math.min(end, passage.end);
        if (end <= start) continue;
        rows.push({
          id: `bench-${run}-${i}`,
          documentId: version.documentId,
          versionId: version.id,
          motivation: "commenting",
          origin: "user",
          creatorId: user.id,
          passageId: passage.anchor,
          start,
          end,
          ...quoteContext(text, start, end),
          body: [{ type: "TextualBody", value: `Note ${i}.`, format: "text/plain" }],
        });
      }
      for (let i = 0; i < rows.length; i += 5000) await db.annotation.createMany({ data: rows.slice(i, i + 5000) });

      fs.writeFileSync(file, changed);
      const began = performance.now();
      const result = await importDocument(db, file);
      const importMs = performance.now() - began;
      const report = result.reanchoring!;
      runs.push({
        importMs,
        reanchorMs: report.durationMs,
        counts: { unchanged: report.unchanged, moved: report.moved, fuzzy: report.fuzzy, orphaned: report.orphaned },
      });
      console.error(`run ${run + 1}: import ${importMs.toFixed(0)} ms, re-anchoring ${report.durationMs} ms`);
    }
    const annotations = Object.values(runs[0].counts).reduce((a, b) => a + b, 0);
    const figures = {
      markdownBytes: Buffer.byteLength(original),
      plainTextChars: parseDocument(original).text.length,
      annotations,
      runs: runs.length,
      importMsMedian: Math.round(median(runs.map((r) => r.importMs))),
      reanchorMsMedian: median(runs.map((r) => r.reanchorMs)),
      counts: runs[0].counts,
      targetMs: 1000,
    };
    console.log("Re-anchoring inside the import (PostgreSQL), after a small edit of a book-sized edition");
    console.log(
      `  edition            ${(figures.markdownBytes / 1e6).toFixed(2)} MB of markdown, ${figures.plainTextChars} characters of text`,
    );
    console.log(`  annotations        ${figures.annotations}`);
    console.log(
      `  re-anchoring step  ${figures.reanchorMsMedian} ms (median of ${runs.length}; target ≤ ${figures.targetMs} ms: ${figures.reanchorMsMedian <= figures.targetMs ? "met" : "NOT met"})`,
    );
    console.log(`  whole import       ${figures.importMsMedian} ms (parsing, passages, re-anchoring, in one transaction)`);
    console.log(
      `  report             ${figures.counts.unchanged} unchanged, ${figures.counts.moved} moved, ${figures.counts.fuzzy} fuzzy, ${figures.counts.orphaned} orphaned`,
    );
    fs.mkdirSync(path.join("bench", "results"), { recursive: true });
    fs.writeFileSync(
      path.join("bench", "results", "reanchor-import.json"),
      JSON.stringify({ date: new Date().toISOString(), ...figures }, null, 2) + "\n",
    );
  } finally {
    await disconnectDb();
    await handle.stop();
    cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

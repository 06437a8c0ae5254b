// `npm run bench:import`: importing readers' sources end to end, as the import job does (read the
// file, lay out passages, store them in one transaction), against PostgreSQL:
// - a 1 MB plain text (the seed edition's paragraphs repeated, blank lines between them);
// - a 300-page PDF with a text layer (tests/fixtures/sources/build-pdf.ts), when that builder is there.
// Prints the time of each stage and the process's peak RSS; targets: 1 MB text in at most 10 s,
// a 300-page PDF in at most 30 s. Writes bench/results/import.json.
//
// Uses DATABASE_URL when set, otherwise a temporary embedded PostgreSQL (migrated, removed afterwards).
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateDatabase } from "../lib/database/migrate";
import { disconnectDb, getDb } from "../lib/db";
import { importSource, type SourceInput } from "../lib/imports/import-source";
import { parseDocument } from "../lib/text-model/parse-document";
import type { SourceFormat } from "../lib/sources/source-document";
import { openBenchDatabase } from "./bench-database";
import { runCli } from "./cli";

/** The seed edition's passages repeated until the text passes `bytes`. */
function plainText(bytes: number): string {
  const seed = parseDocument(fs.readFileSync(path.join("content", "second-east-turkistan-republic.md"), "utf8"));
  const parts: string[] = [];
  let size = 0;
  for (let copy = 1; size < bytes; copy++) {
    for (const passage of seed.passages) {
      const text = passage.kind === "heading" ? `Part ${copy}: ${passage.text}` : passage.text;
      parts.push(text);
      size += Buffer.byteLength(text) + 2;
    }
  }
  return parts.join("\n\n");
}

interface Figure {
  name: string;
  bytes: number;
  passages: number;
  totalMs: number;
  stagesMs: Record<string, number>;
  target: number;
}

async function timeImport(name: string, file: string, format: SourceFormat, target: number): Promise<Figure> {
  const bytes = fs.readFileSync(file);
  const input: SourceInput = {
    path: file,
    fileName: path.basename(file),
    format,
    hash: createHash("sha256").update(bytes).update(String(Date.now())).digest("hex"),
    overrides: {},
    ownerId: null,
    visibility: "public",
  };
  const stagesMs: Record<string, number> = {};
  let stage = "start";
  let stageStart = performance.now();
  const started = performance.now();
  const result = await importSource(getDb(), input, (next) => {
    if (next === stage) return;
    stagesMs[stage] = Math.round(performance.now() - stageStart);
    stage = next;
    stageStart = performance.now();
  });
  const totalMs = Math.round(performance.now() - started);
  delete stagesMs.start;
  return { name, bytes: bytes.length, passages: result.passages, totalMs, stagesMs, target };
}

runCli(async () => {
  const { handle, cleanup } = await openBenchDatabase();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gloss-bench-import-"));
  const figures: Figure[] = [];
  try {
    process.env.DATABASE_URL = handle.url;
    await migrateDatabase(handle.url);
    // As the import worker does when it starts (lib/imports/worker.ts): index the gazetteer once.
    const { placesGazetteer } = await import("../lib/entities/name-lexicon");
    const warm = performance.now();
    placesGazetteer();
    console.log(`gazetteer indexed once per worker: ${Math.round(performance.now() - warm)} ms`);
    const text = path.join(dir, "one-megabyte.txt");
    fs.writeFileSync(text, plainText(1_000_000));
    figures.push(await timeImport("1 MB plain text", text, "text", 10_000));

    const builder = path.join("tests", "fixtures", "sources", "build-pdf.ts");
    if (fs.existsSync(builder)) {
      const { buildLongPdf } = (await import(path.resolve(builder))) as { buildLongPdf: (pages: number) => Promise<{ bytes: Uint8Array }> };
      const pdf = path.join(dir, "three-hundred-pages.pdf");
      fs.writeFileSync(pdf, (await buildLongPdf(300)).bytes);
      figures.push(await timeImport("300-page PDF", pdf, "pdf", 30_000));
    }
  } finally {
    await disconnectDb();
    await cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const rssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  for (const f of figures) {
    const stages = Object.entries(f.stagesMs)
      .map(([name, ms]) => `${name} ${ms} ms`)
      .join(", ");
    console.log(
      `${f.name} (${(f.bytes / 1024).toFixed(0)} KB, ${f.passages} passages): ${f.totalMs} ms (target ≤ ${f.target} ms: ${f.totalMs <= f.target ? "met" : "NOT met"}); ${stages}`,
    );
  }
  console.log(`peak RSS of the importing process: ${rssMb} MB`);
  fs.mkdirSync(path.join("bench", "results"), { recursive: true });
  fs.writeFileSync(path.join("bench", "results", "import.json"), `${JSON.stringify({ figures, rssMb }, null, 2)}\n`);
});

// `npm run weight:reader`: what the seed reader page weighs and what makes it up. Starts
// PostgreSQL (embedded, in a temporary folder) and Gloss (production build in .next-bench) with the
// seed edition, or measures a running server when READER_URL names a reader page, then prints:
//   - the page's HTML raw, gzipped and brotli-compressed, and as served for each Accept-Encoding;
//   - how much of it is the framework's inline payload (`self.__next_f.push`) and what that holds:
//     the passages' words, the entities' descriptions and aliases, the claims' statements and
//     evidence, each counted where it repeats what the markup already carries.
import path from "node:path";
import zlib from "node:zlib";
import { makeScratchFolder, startScratchDatabase } from "../lib/database/local-database";
import { migrateDatabase } from "../lib/database/migrate";
import { findFreePort } from "../lib/database/port";
import { startApp, stopApp, type App } from "./app-process";
import { runCli } from "./cli";
import { servedBytes } from "./served-bytes";

const SLUG = "second-east-turkistan-republic";

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const gzip = (data: Buffer) => zlib.gzipSync(data).byteLength;
const brotli = (data: Buffer) => zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).byteLength;

/** The inline payload scripts of a page, and their decoded strings (the React payload, in order). */
export function flightScripts(html: string): { scripts: string[]; payload: string } {
  const scripts = [...html.matchAll(/<script\b[^>]*>(self\.__next_f\.push\(.*?\))<\/script>/gs)].map((m) => m[0]);
  let payload = "";
  for (const script of scripts) {
    const call = /self\.__next_f\.push\((\[.*\])\)/s.exec(script);
    if (!call) continue;
    try {
      const pushed = JSON.parse(call[1]) as unknown[];
      if (pushed[0] === 1 && typeof pushed[1] === "string") payload += pushed[1];
    } catch {
      // a push that is not plain JSON (not written by the framework today)
    }
  }
  return { scripts, payload };
}

/** Bytes of `haystack` taken by occurrences of each of `needles` (each counted once per occurrence). */
function occurrences(haystack: string, needles: string[]): { found: number; bytes: number } {
  let found = 0;
  let bytes = 0;
  for (const needle of new Set(needles.filter((n) => n.length >= 12))) {
    let at = haystack.indexOf(needle);
    while (at !== -1) {
      found++;
      bytes += Buffer.byteLength(needle);
      at = haystack.indexOf(needle, at + needle.length);
    }
  }
  return { found, bytes };
}

interface ApiDocument {
  passages: Array<{ id: string; start: number; end: number }>;
  text: string;
}
interface ApiEntities {
  entities: Array<{ description: string | null; aliases: string[] }>;
}
interface ApiClaims {
  claims: Array<{ statement: string; evidence: Array<{ exact: string }> }>;
}

async function measure(readerUrl: string): Promise<void> {
  const url = new URL(readerUrl);
  const slug = url.pathname.split("/").pop()!;
  const api = `${url.origin}/api/documents/${slug}`;
  const html = await (await fetch(readerUrl, { headers: { "accept-encoding": "identity" } })).text();
  const raw = Buffer.from(html);
  const { scripts, payload } = flightScripts(html);
  const scriptBytes = scripts.reduce((sum, s) => sum + Buffer.byteLength(s), 0);
  const markup = html.replace(/<script\b[^>]*>self\.__next_f\.push\(.*?\)<\/script>/gs, "");
  const lines = [`${readerUrl}`, "", "the HTML"];
  lines.push(`  raw                      ${kb(raw.byteLength)}`);
  lines.push(`  gzip (level 6)           ${kb(gzip(raw))}`);
  lines.push(`  brotli (quality 11)      ${kb(brotli(raw))}`);
  for (const encoding of ["gzip", "br"]) {
    let { bytes, coding } = await servedBytes(readerUrl, encoding);
    // The kept copy is compressed with brotli once, a moment after it is first served.
    for (let i = 0; i < 50 && encoding === "br" && coding !== "br"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      ({ bytes, coding } = await servedBytes(readerUrl, encoding));
    }
    lines.push(`  served for ${encoding.padEnd(5)}         ${kb(bytes)} on the wire, content-encoding ${coding}`);
  }
  lines.push(
    `  inline payload scripts   ${kb(scriptBytes)} in ${scripts.length} scripts (gzip ${kb(gzip(Buffer.from(scripts.join(""))))})`,
  );
  lines.push(`  the rest (markup)        ${kb(Buffer.byteLength(markup))} (gzip ${kb(gzip(Buffer.from(markup)))})`);
  lines.push(`  decoded payload          ${kb(Buffer.byteLength(payload))}`);

  const document = (await (await fetch(api)).json()) as ApiDocument;
  const entities = (await (await fetch(`${api}/entities`)).json()) as ApiEntities;
  const claims = (await (await fetch(`${api}/claims`)).json()) as ApiClaims;
  // A passage's words are cut by its names into pieces: count the pieces of 12 characters or more.
  const passageWords = document.passages.map((p) => document.text.slice(p.start, p.end));
  const pieces = passageWords.flatMap((words) => words.split(/[^\p{L}\p{N} ,.;:'’()-]/u));
  const repeats: Array<[string, string[]]> = [
    ["passages' words (pieces)", pieces],
    ["entities' descriptions", entities.entities.map((e) => e.description ?? "")],
    ["entities' aliases", entities.entities.flatMap((e) => e.aliases)],
    ["claims' statements", claims.claims.map((c) => c.statement)],
    ["claims' evidence quotes", claims.claims.flatMap((c) => c.evidence.map((e) => e.exact))],
  ];
  lines.push("", "what the payload repeats (occurrences of 12 characters or more; markup | payload)");
  for (const [name, needles] of repeats) {
    const inMarkup = occurrences(markup, needles);
    const inPayload = occurrences(payload, needles);
    lines.push(
      `  ${name.padEnd(26)} ${String(inMarkup.found).padStart(5)} ${kb(inMarkup.bytes).padStart(9)} | ${String(inPayload.found).padStart(5)} ${kb(inPayload.bytes).padStart(9)}`,
    );
  }
  // The payload's rows by size: each row is `<id>:<value>\n`, the largest say what dominates it.
  const rows = payload
    .split(/\n(?=[0-9a-f]+:)/)
    .map((row) => ({ id: row.slice(0, row.indexOf(":")), bytes: Buffer.byteLength(row), head: row.slice(0, 100) }));
  rows.sort((a, b) => b.bytes - a.bytes);
  lines.push("", `the payload's largest rows (of ${rows.length})`);
  for (const row of rows.slice(0, 6)) lines.push(`  ${kb(row.bytes).padStart(9)}  ${row.head.replace(/\s+/g, " ")}`);
  console.log(lines.join("\n"));
}

runCli(async () => {
  if (process.env.READER_URL) return measure(process.env.READER_URL);
  const folder = makeScratchFolder("gloss-reader-weight-");
  const database = await startScratchDatabase(folder, "gloss_weight");
  let app: App | undefined;
  try {
    await migrateDatabase(database.url);
    console.error("weight: building (when the code changed) and starting Gloss...");
    app = await startApp({
      port: await findFreePort(),
      databaseUrl: database.url,
      dataDir: path.join(folder, "data"),
      distDir: ".next-bench",
    });
    await measure(`${app.base}/documents/${SLUG}`);
  } finally {
    if (app) await stopApp(app, "SIGTERM");
    await database.stop();
  }
});

// `npm run bench:reader`: the reader and the annotation API against their floors, on loopback.
// Starts PostgreSQL (embedded, in a temporary folder) and Gloss (production build in .next-bench)
// with the seed edition and a book-sized one (1 MB of markdown, 20,000 annotations), then:
//   1. the reader page, and the same HTML as a static file from the same server (the floor):
//      throughput and p50/p99 latency at concurrency 16 (autocannon), and their ratio; also the
//      reader for a signed-in account (a session cookie), whose ratio to the floor is checked too;
//   2. the annotation API, GET (a collection page) and POST (a new note), at concurrency 16, next
//      to the floor for a write: a plain `pg` insert of the same JSON at concurrency 16;
//   3. in Chromium: the reader's first-load JavaScript (gzipped, as served: every script fetched
//      until the network is idle, before any interaction, with each file's size), its DOM
//      size, and its largest contentful paint;
//   4. the book: its server render time (a request that renders, and the first request for its
//      kept copy) and its first screen in Chromium (first and largest contentful paint).
// Prints a table, writes bench/results/reader.json, and exits non-zero when a target is missed
// (only when BENCH_STRICT=1: figures vary with the machine).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import type { Browser } from "playwright-core";
import { makeScratchFolder, startScratchDatabase } from "../lib/database/local-database";
import { migrateDatabase } from "../lib/database/migrate";
import { findFreePort } from "../lib/database/port";
import { quoteContext } from "../lib/text-model/quote-context";
import { signUp, startApp, stopApp, underLoad, type App } from "./app-process";
import { buildBook } from "./bench-book";
import { launchBrowser } from "./chromium";
import { runCli } from "./cli";
import { servedBytes } from "./served-bytes";

const SLUG = "second-east-turkistan-republic";
const BOOK = "bench-book";
const SECONDS = Number(process.env.BENCH_SECONDS) || 10;
const CONCURRENCY = 16;
const BOOK_ANNOTATIONS = 20_000;
const LD_JSON = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';
const FLOOR_DIR = path.join("public", "bench-floor");
const TARGETS = { readerRatio: 0.5, signedInRatio: 0.8, firstLoadJsKb: 150, bookFirstScreenMs: 1000 };

interface Load {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

async function load(
  url: string,
  options: { method?: "GET" | "POST"; headers?: Record<string, string>; body?: string } = {},
): Promise<Load> {
  const result = await autocannon({
    url,
    connections: CONCURRENCY,
    duration: SECONDS,
    method: options.method ?? "GET",
    headers: options.headers,
    body: options.body,
  });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** The floor for a write: `pg` inserting the same JSON into a plain table, CONCURRENCY at a time. */
async function insertFloor(databaseUrl: string, body: string): Promise<Load> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: CONCURRENCY });
  await pool.query(
    'CREATE TABLE IF NOT EXISTS "BenchInsert" ("id" bigserial PRIMARY KEY, "body" jsonb NOT NULL, "at" timestamptz NOT NULL DEFAULT now())',
  );
  const latencies: number[] = [];
  const end = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const began = performance.now();
        await pool.query('INSERT INTO "BenchInsert" ("body") VALUES ($1::jsonb) RETURNING "id"', [body]);
        latencies.push(performance.now() - began);
      }
    }),
  );
  await pool.query('DROP TABLE "BenchInsert"');
  await pool.end();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] * 10) / 10;
  return {
    requestsPerSecond: Math.round(latencies.length / SECONDS),
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    requests: latencies.length,
    non2xx: 0,
    errors: 0,
  };
}

/** A page load in a fresh browser context: script bytes on the wire, DOM size, paints. */
async function pageLoad(browser: Browser, url: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  // Bytes on the wire per response, and of those its body (gzipped as served): the headers are
  // what had been received when the response began.
  const scripts = new Map<string, { url: string; bytes: number; wire: number }>();
  let htmlBytes = 0;
  const types = new Map<string, { type: string; url: string; headers: number }>();
  cdp.on("Network.responseReceived", (event) =>
    types.set(event.requestId, { type: event.type, url: event.response.url, headers: event.response.encodedDataLength }),
  );
  cdp.on("Network.loadingFinished", (event) => {
    const seen = types.get(event.requestId);
    if (seen?.type === "Script")
      scripts.set(event.requestId, { url: seen.url, bytes: event.encodedDataLength - seen.headers, wire: event.encodedDataLength });
    if (seen?.type === "Document") htmlBytes = event.encodedDataLength - seen.headers;
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __lcp: number; __fcp: number };
    w.__lcp = 0;
    w.__fcp = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__lcp = entry.startTime;
    }).observe({ type: "largest-contentful-paint", buffered: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (entry.name === "first-contentful-paint") w.__fcp = entry.startTime;
    }).observe({ type: "paint", buffered: true });
  });
  const response = await page.goto(url, { waitUntil: "load" });
  if (response?.status() !== 200) throw new Error(`${url} answered ${response?.status()}`);
  await page.waitForLoadState("networkidle");
  // Every script fetched until the network is idle, before any interaction, is the first load
  // (what the HTML names and what the page fetches by itself after it); the click below is an
  // interaction, which may fetch more.
  const firstLoad = [...scripts.values()];
  // LCP is final at the first input; a click in the margin ends it without changing the page.
  await page.mouse.click(2, 890);
  const figures = await page.evaluate(() => {
    const w = window as unknown as { __lcp: number; __fcp: number };
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    return {
      lcpMs: Math.round(w.__lcp),
      fcpMs: Math.round(w.__fcp),
      ttfbMs: Math.round(nav.responseStart),
      htmlLoadedMs: Math.round(nav.responseEnd),
      domElements: document.getElementsByTagName("*").length,
      htmlChars: document.documentElement.outerHTML.length,
    };
  });
  // Of those, the scripts the page's HTML names (not nomodule), for comparison with earlier figures.
  const html = await (await fetch(url)).text();
  const named = new Set(
    [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)]
      .filter((m) => !/\bnoModule\b/i.test(m[0]))
      .map((m) => new URL(m[1], url).href),
  );
  await page.waitForTimeout(500); // what the click fetched
  await context.close();
  const all = [...scripts.values()];
  const sum = (list: Array<{ bytes: number }>) => list.reduce((total, s) => total + s.bytes, 0);
  const first = new Set(firstLoad.map((s) => s.url));
  return {
    ...figures,
    htmlBytesGzipped: htmlBytes,
    scripts: firstLoad.length,
    scriptBytesGzipped: sum(firstLoad),
    scriptBytesOnWire: firstLoad.reduce((total, s) => total + s.wire, 0),
    namedScripts: firstLoad.filter((s) => named.has(s.url)).length,
    namedScriptBytesGzipped: sum(firstLoad.filter((s) => named.has(s.url))),
    interactionScripts: all.length - firstLoad.length,
    interactionScriptBytesGzipped: sum(all) - sum(firstLoad),
    scriptFiles: all.map((s) => ({
      file: new URL(s.url).pathname.split("/").pop(),
      bytes: s.bytes,
      first: first.has(s.url),
      named: named.has(s.url),
    })),
  };
}

const median = <T>(values: T[], by: (v: T) => number): T => [...values].sort((a, b) => by(a) - by(b))[Math.floor(values.length / 2)];

/** The book's 20,000 annotations: half mentions of 40 entities (rendered in the page), half public notes. */
async function annotateBook(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const version = await client.query<{ id: string; documentId: string; text: string }>(
      `SELECT v."id", v."documentId", v."text" FROM "Document" d JOIN "DocumentVersion" v ON v."id" = d."currentVersionId" WHERE d."slug" = $1`,
      [BOOK],
    );
    const { id: versionId, documentId, text } = version.rows[0];
    const passages = (
      await client.query<{ anchor: string; start: number; end: number }>(
        `SELECT "anchor", "start", "end" FROM "Passage" WHERE "versionId" = $1 ORDER BY "start"`,
        [versionId],
      )
    ).rows;
    await client.query(
      `INSERT INTO "user" ("id", "name", "email", "emailVerified", "createdAt", "updatedAt") VALUES ('bench', 'Bench', 'bench@example.invalid', true, now(), now())`,
    );
    const kinds = ["person", "place", "organization", "group", "event", "work"];
    for (let e = 0; e < 40; e++) {
      await client.query(
        `INSERT INTO "Entity" ("id", "kind", "name", "description", "aliases", "identifiers", "createdAt", "updatedAt", "origin") VALUES ($1, $2::"EntityKind", $3, $4, '{}', '{}', now(), now(), 'user')`,
        [`bench-entity-${e}`, kinds[e % kinds.length], `Bench entity ${e}`, `An entity of the benchmark book.`],
      );
    }
    const step = Math.floor(text.length / BOOK_ANNOTATIONS);
    let p = 0;
    const rows: unknown[][] = [];
    for (let i = 0; i < BOOK_ANNOTATIONS; i++) {
      let start = i * step;
      while (start < text.length && !/\w/.test(text[start])) start++;
      while (start > 0 && /\w/.test(text[start - 1])) start--;
      let end = start;
      while (end < text.length && /\w/.test(text[end])) end++;
      while (p < passages.length - 1 && passages[p].end <= start) p++;
      const passage = passages[p];
      if (start < passage.start || end > passage.end || end <= start) continue;
      const mention = i % 2 === 0;
      const context = quoteContext(text, start, end);
      rows.push([
        `bench-${i}`,
        documentId,
        versionId,
        mention ? "identifying" : "commenting",
        "user",
        mention ? `bench-entity-${i % 40}` : null,
        passage.anchor,
        start,
        end,
        context.exact,
        context.prefix,
        context.suffix,
        JSON.stringify(mention ? [] : [{ type: "TextualBody", value: `Note ${i}.`, format: "text/plain" }]),
      ]);
    }
    for (let i = 0; i < rows.length; i += 2000) {
      const chunk = rows.slice(i, i + 2000);
      const values = chunk.map(
        (_, r) => `(${Array.from({ length: 13 }, (_, c) => `$${r * 13 + c + 1}`).join(", ")}, 'bench', now(), now())`,
      );
      await client.query(
        `INSERT INTO "Annotation" ("id", "documentId", "versionId", "motivation", "origin", "entityId", "passageId", "start", "end", "exact", "prefix", "suffix", "body", "creatorId", "created", "modified") VALUES ${values.join(", ")}`,
        chunk.flat(),
      );
    }
    return rows.length;
  } finally {
    await client.end();
  }
}

function note(base: string, text: string) {
  const start = text.indexOf("Ghulja");
  return JSON.stringify({
    "@context": "http://www.w3.org/ns/anno.jsonld",
    type: "Annotation",
    motivation: "commenting",
    body: { type: "TextualBody", value: "A note from the benchmark.", format: "text/plain" },
    target: {
      source: `${base}/documents/${SLUG}`,
      selector: [
        { type: "TextQuoteSelector", exact: "Ghulja" },
        { type: "TextPositionSelector", start, end: start + "Ghulja".length },
      ],
    },
  });
}

const fmt = (l: Load) =>
  `${String(l.requestsPerSecond).padStart(6)} req/s   p50 ${String(l.p50Ms).padStart(5)} ms   p99 ${String(l.p99Ms).padStart(5)} ms`;

runCli(async () => {
  const folder = makeScratchFolder("gloss-bench-reader-");
  const content = path.join(folder, "content");
  fs.mkdirSync(content);
  const seed = fs.readFileSync(path.join("content", `${SLUG}.md`), "utf8");
  for (const file of fs.readdirSync("content")) fs.copyFileSync(path.join("content", file), path.join(content, file));
  const book = buildBook(seed.replace(/^title: .*$/m, "title: The benchmark book"), Math.ceil(1_000_000 / Buffer.byteLength(seed)) + 1);
  fs.writeFileSync(path.join(content, `${BOOK}.md`), book);
  const database = await startScratchDatabase(folder, "gloss_bench");
  let app: App | undefined;
  let browser: Browser | undefined;
  const port = await findFreePort();
  const options = {
    port,
    databaseUrl: database.url,
    dataDir: path.join(folder, "data"),
    distDir: ".next-bench",
    env: { ...underLoad(), GLOSS_CONTENT_DIR: content },
  };
  try {
    await migrateDatabase(database.url);
    console.error("bench: building (when the code changed) and starting Gloss...");
    app = await startApp(options);
    const base = app.base;
    const bookAnnotations = await annotateBook(database.url);
    const readerUrl = `${base}/documents/${SLUG}`;
    const bookUrl = `${base}/documents/${BOOK}`;
    // The floor: the reader's own HTML, as a file the same server serves from public/.
    fs.rmSync(FLOOR_DIR, { recursive: true, force: true });
    fs.mkdirSync(FLOOR_DIR, { recursive: true });
    const readerHtml = await (await fetch(readerUrl)).text();
    fs.writeFileSync(path.join(FLOOR_DIR, "reader.html"), readerHtml);
    await stopApp(app, "SIGTERM");
    app = await startApp(options); // public/ is read when the server starts
    const floorUrl = `${base}/bench-floor/reader.html`;
    if ((await (await fetch(floorUrl)).text()) !== readerHtml) throw new Error("the static copy differs from the reader page");
    const text = ((await (await fetch(`${base}/api/documents/${SLUG}`)).json()) as { text: string }).text;

    // A signed-in reader: a session cookie of an account signed up for the run. Their page is the
    // same kept copy (their own layer loads in the browser): the same ETag as anyone's.
    const readerCookie = await signUp(base, "bench-reader@example.invalid");
    const signedInTag = (await fetch(readerUrl, { headers: { cookie: readerCookie } })).headers.get("etag");
    const keptForSignedIn = signedInTag !== null && signedInTag === (await fetch(readerUrl)).headers.get("etag");

    console.error(`bench: reader and floor, ${SECONDS} s each at concurrency ${CONCURRENCY}...`);
    await fetch(readerUrl);
    const floor = await load(floorUrl);
    const reader = await load(readerUrl);
    const signedIn = await load(readerUrl, { headers: { cookie: readerCookie } });
    const floorGzip = await load(floorUrl, { headers: { "accept-encoding": "gzip" } });
    const readerGzip = await load(readerUrl, { headers: { "accept-encoding": "gzip" } });
    const rendered = await load(`${readerUrl}?claim=none`);

    console.error("bench: Chromium...");
    browser = await launchBrowser();
    const readerLoads = [];
    for (let i = 0; i < 5; i++) readerLoads.push(await pageLoad(browser, readerUrl));
    const readerPage = median(readerLoads, (l) => l.lcpMs);

    console.error("bench: annotation API...");
    const cookie = await signUp(base, "bench-writer@example.invalid");
    const body = note(base, text);
    const apiGet = await load(`${base}/api/documents/${SLUG}/annotations`, { headers: { accept: "application/ld+json" } });
    const apiPost = await load(`${base}/api/documents/${SLUG}/annotations`, {
      method: "POST",
      headers: { "content-type": LD_JSON, cookie, origin: base },
      body,
    });
    const insert = await insertFloor(database.url, body);

    console.error("bench: the book...");
    const timed = async (url: string) => {
      const began = performance.now();
      const response = await fetch(url);
      const firstByte = performance.now() - began;
      const bytes = (await response.arrayBuffer()).byteLength;
      return { status: response.status, firstByteMs: Math.round(firstByte), totalMs: Math.round(performance.now() - began), bytes };
    };
    const bookFirst = await timed(bookUrl); // renders the kept copy for this key
    const bookKept = median([await timed(bookUrl), await timed(bookUrl), await timed(bookUrl)], (t) => t.totalMs);
    const bookRendered = median(
      [await timed(`${bookUrl}?claim=none`), await timed(`${bookUrl}?claim=none`), await timed(`${bookUrl}?claim=none`)],
      (t) => t.totalMs,
    );
    const bookLoads = [];
    for (let i = 0; i < 5; i++) bookLoads.push(await pageLoad(browser, bookUrl));
    const bookPage = median(bookLoads, (l) => l.lcpMs);
    const bookMarkdownBytes = Buffer.byteLength(book);

    const gzipped = await servedBytes(readerUrl, "gzip");
    const brotli = await servedBytes(readerUrl, "br");
    const gzipBytes = gzipped.bytes;
    const ratio = Math.round((reader.requestsPerSecond / floor.requestsPerSecond) * 100) / 100;
    const ratioGzip = Math.round((readerGzip.requestsPerSecond / floorGzip.requestsPerSecond) * 100) / 100;
    const signedInRatio = Math.round((signedIn.requestsPerSecond / floor.requestsPerSecond) * 100) / 100;
    const jsKb = Math.round(readerPage.scriptBytesGzipped / 102.4) / 10;
    const bookFirstScreenMs = Math.max(bookPage.lcpMs, bookPage.fcpMs);
    const met = {
      readerRatio: ratio >= TARGETS.readerRatio && ratioGzip >= TARGETS.readerRatio,
      signedInRatio: keptForSignedIn && signedInRatio >= TARGETS.signedInRatio,
      firstLoadJs: jsKb <= TARGETS.firstLoadJsKb,
      bookFirstScreen: bookFirstScreenMs <= TARGETS.bookFirstScreenMs,
    };
    const yes = (ok: boolean) => (ok ? "met" : "NOT met");
    const lines = [
      `Reader and API on loopback: ${os.cpus().length} CPUs, Node ${process.version}, ${SECONDS} s per load at concurrency ${CONCURRENCY}`,
      "",
      `reader page (${(Buffer.byteLength(readerHtml) / 1024).toFixed(0)} KB of HTML)`,
      `  static file (floor)            ${fmt(floor)}`,
      `  reader, kept copy              ${fmt(reader)}   ratio ${ratio} (target ≥ ${TARGETS.readerRatio}: ${yes(ratio >= TARGETS.readerRatio)})`,
      `  reader, signed in              ${fmt(signedIn)}   ratio ${signedInRatio} (target ≥ ${TARGETS.signedInRatio}: ${yes(met.signedInRatio)}; ${keptForSignedIn ? "the kept copy, same ETag" : "NOT the kept copy"})`,
      `  static file, gzip              ${fmt(floorGzip)}`,
      `  reader, kept copy, gzip        ${fmt(readerGzip)}   ratio ${ratioGzip} (target ≥ ${TARGETS.readerRatio}: ${yes(ratioGzip >= TARGETS.readerRatio)})`,
      `  reader rendered per request    ${fmt(rendered)}   (with a query: ?claim=none)`,
      "annotation API",
      `  GET a collection page          ${fmt(apiGet)}`,
      `  POST a note                    ${fmt(apiPost)}   (${apiPost.requests} stored)`,
      `  pg insert of the same JSON     ${fmt(insert)}   (floor; API POST is ${Math.round((apiPost.requestsPerSecond / insert.requestsPerSecond) * 100)}% of it)`,
      "reader in Chromium (median of 5 loads, by LCP)",
      `  first-load JavaScript          ${jsKb} KB gzipped in ${readerPage.scripts} files, every script fetched until the network is idle (target ≤ ${TARGETS.firstLoadJsKb} KB: ${yes(met.firstLoadJs)}); ${Math.round(readerPage.scriptBytesOnWire / 102.4) / 10} KB on the wire with headers`,
      `    of which the HTML names      ${Math.round(readerPage.namedScriptBytesGzipped / 102.4) / 10} KB in ${readerPage.namedScripts} files`,
      ...readerPage.scriptFiles
        .filter((f) => f.first)
        .sort((a, b) => b.bytes - a.bytes)
        .map(
          (f) =>
            `    ${(Math.round(f.bytes / 102.4) / 10).toFixed(1).padStart(6)} KB  ${f.file}${f.named ? "" : "  (fetched by the page)"}`,
        ),
      `  at the first interaction       ${Math.round(readerPage.interactionScriptBytesGzipped / 102.4) / 10} KB gzipped in ${readerPage.interactionScripts} files (a click)`,
      `  HTML                           ${(Buffer.byteLength(readerHtml) / 1024).toFixed(1)} KB raw, ${(gzipBytes / 1024).toFixed(1)} KB ${gzipped.coding}, ${(brotli.bytes / 1024).toFixed(1)} KB ${brotli.coding}; Chromium got ${(readerPage.htmlBytesGzipped / 1024).toFixed(1)} KB`,
      `  DOM                            ${readerPage.domElements} elements`,
      `  first / largest paint          FCP ${readerPage.fcpMs} ms, LCP ${readerPage.lcpMs} ms (TTFB ${readerPage.ttfbMs} ms)`,
      `book (${(bookMarkdownBytes / 1e6).toFixed(2)} MB of markdown, ${bookAnnotations} annotations, ${(bookKept.bytes / 1e6).toFixed(2)} MB of HTML)`,
      `  server render                  ${bookRendered.totalMs} ms per request (first byte ${bookRendered.firstByteMs} ms)`,
      `  kept copy: first request       ${bookFirst.totalMs} ms (renders it); then ${bookKept.totalMs} ms`,
      `  first screen in Chromium       FCP ${bookPage.fcpMs} ms, LCP ${bookPage.lcpMs} ms (target ≤ ${TARGETS.bookFirstScreenMs} ms: ${yes(met.bookFirstScreen)})`,
      `  DOM                            ${bookPage.domElements} elements; first-load JavaScript ${Math.round(bookPage.scriptBytesGzipped / 102.4) / 10} KB gzipped`,
    ];
    console.log(lines.join("\n"));
    const failedRequests = [floor, reader, signedIn, floorGzip, readerGzip, rendered, apiGet, apiPost].filter(
      (l) => l.non2xx > 0 || l.errors > 0,
    ).length;
    if (failedRequests > 0) console.log(`\n${failedRequests} load(s) saw non-2xx answers or errors: see the JSON.`);
    fs.mkdirSync(path.join("bench", "results"), { recursive: true });
    fs.writeFileSync(
      path.join("bench", "results", "reader.json"),
      JSON.stringify(
        {
          date: new Date().toISOString(),
          machine: { cpus: os.cpus().length, node: process.version },
          seconds: SECONDS,
          concurrency: CONCURRENCY,
          targets: TARGETS,
          met,
          reader: {
            htmlBytes: Buffer.byteLength(readerHtml),
            htmlServed: { gzip: gzipped, br: brotli },
            floor,
            reader,
            ratio,
            signedIn: { ...signedIn, ratio: signedInRatio, keptCopy: keptForSignedIn },
            floorGzip,
            readerGzip,
            ratioGzip,
            rendered,
          },
          api: { get: apiGet, post: apiPost, insertFloor: insert },
          chromium: { reader: readerPage, loads: readerLoads },
          book: {
            markdownBytes: bookMarkdownBytes,
            annotations: bookAnnotations,
            first: bookFirst,
            kept: bookKept,
            rendered: bookRendered,
            page: bookPage,
            loads: bookLoads,
          },
        },
        null,
        2,
      ) + "\n",
    );
    if (process.env.BENCH_STRICT === "1" && (!Object.values(met).every(Boolean) || failedRequests > 0)) process.exitCode = 1;
  } finally {
    await browser?.close();
    if (app) await stopApp(app, "SIGTERM");
    fs.rmSync(FLOOR_DIR, { recursive: true, force: true });
    await database.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  }
});

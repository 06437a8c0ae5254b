// `npm run test:reliability`: Gloss under load and faults, as a user's server would meet them.
// Starts PostgreSQL (embedded, in a temporary folder) and Gloss (`scripts/start.ts`, production
// build in .next-test) against it, then:
//   1. mixed load: 90% reads (reader page, document, annotations, search), 10% writes (new
//      annotations from several accounts), concurrency 32, RELIABILITY_SECONDS (default 60):
//      no 5xx, and every acknowledged write is there afterwards;
//   2. the app server killed with SIGKILL during writes, then started again: no acknowledged
//      annotation lost;
//   3. PostgreSQL stopped: the API answers 503 JSON within a second, the reader says so in
//      words; PostgreSQL started again: everything answers again without any other step;
//   4. 500 malformed or hostile requests: no 5xx, and nothing stored;
//   5. two servers on the one database behind a load balancer, under the mixed load for half of
//      RELIABILITY_SECONDS (at least 20 s): sessions, the write limit, the reader's freshness and
//      the imports hold across both, and one server killed loses nothing
//      (scripts/reliability-two-servers.ts).
// Prints what it saw and exits non-zero on any failure.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { makeScratchFolder, startEmbeddedDatabase, type DatabaseHandle } from "../lib/database/local-database";
import { migrateDatabase } from "../lib/database/migrate";
import { findFreePort } from "../lib/database/port";
import { signUp, startApp, stopApp, underLoad, type App } from "./app-process";
import { runCli } from "./cli";
import {
  annotationOn,
  check,
  describeLoad,
  existing,
  failures,
  fiveHundredsOf,
  idOf,
  LD_JSON,
  mixedLoad,
  post,
  SLUG,
} from "./reliability-checks";
import { twoServers } from "./reliability-two-servers";

const LOAD_SECONDS = Number(process.env.RELIABILITY_SECONDS) || 60;
const CONCURRENCY = 32;

async function counts(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const row = (
      await client.query(
        `SELECT (SELECT count(*) FROM "Annotation")::int AS annotations, (SELECT count(*) FROM "Claim")::int AS claims,
                (SELECT count(*) FROM "Entity")::int AS entities, (SELECT count(*) FROM "user")::int AS users`,
      )
    ).rows[0] as Record<string, number>;
    return row;
  } finally {
    await client.end();
  }
}

/** 500 requests that are malformed, hostile or not allowed: each must be refused without a 5xx. */
function hostileRequests(base: string, cookie: string, text: string): Array<{ what: string; run: () => Promise<Response> }> {
  const api = `${base}/api/documents/${SLUG}`;
  const withAuth = (headers: Record<string, string> = {}) => ({ ...headers, cookie, origin: base });
  const good = annotationOn(base, text, 1);
  const bodies: Array<[string, string]> = [
    ["not JSON", "{not json"],
    ["an empty body", ""],
    ["JSON null", "null"],
    ["an array", "[]"],
    ["a number", "42"],
    ["no target", JSON.stringify({ ...good, target: undefined })],
    ["a negative start", JSON.stringify({ ...good, target: { selector: [{ type: "TextPositionSelector", start: -5, end: 3 }] } })],
    ["an end past the text", JSON.stringify({ ...good, target: { selector: [{ type: "TextPositionSelector", start: 0, end: 1e9 }] } })],
    [
      "a quote not in the text",
      JSON.stringify({ ...good, target: { selector: [{ type: "TextQuoteSelector", exact: "zzzz no such words zzzz" }] } }),
    ],
    ["an unknown motivation", JSON.stringify({ ...good, motivation: "hacking" })],
    ["a script body type", JSON.stringify({ ...good, body: { type: "<script>", value: 1 } })],
    ["a deeply nested body", `${"[".repeat(5000)}${"]".repeat(5000)}`],
    [
      "a lone surrogate",
      `{"@context":"http://www.w3.org/ns/anno.jsonld","type":"Annotation","body":{"type":"TextualBody","value":"\\ud800"},"target":{"selector":[]}}`,
    ],
    ["a NUL in the id", JSON.stringify({ ...good, id: "bad\u0000id", target: { selector: [] } })],
    ["a 2 MB body", JSON.stringify({ ...good, body: { type: "TextualBody", value: "x".repeat(2_000_000) } })],
    ["the wrong @context", JSON.stringify({ ...good, "@context": "https://evil.example/ctx", target: { selector: [] } })],
    [
      "a claim id SQL",
      JSON.stringify({
        ...good,
        motivation: "linking",
        target: { selector: [{ type: "TextQuoteSelector", exact: '\'; DROP TABLE "Annotation"; --' }] },
      }),
    ],
  ];
  const requests: Array<{ what: string; run: () => Promise<Response> }> = [];
  for (const [what, body] of bodies) {
    requests.push({
      what: `POST ${what}`,
      run: () => fetch(`${api}/annotations`, { method: "POST", headers: withAuth({ "content-type": LD_JSON }), body }),
    });
    requests.push({
      what: `POST ${what} as text/plain`,
      run: () => fetch(`${api}/annotations`, { method: "POST", headers: withAuth({ "content-type": "text/plain" }), body }),
    });
    requests.push({
      what: `POST ${what} signed out`,
      run: () => fetch(`${api}/annotations`, { method: "POST", headers: { "content-type": LD_JSON }, body }),
    });
    requests.push({
      what: `POST ${what} as a claim`,
      run: () => fetch(`${api}/claims`, { method: "POST", headers: withAuth({ "content-type": "application/json" }), body }),
    });
    requests.push({
      what: `POST ${what} as an entity`,
      run: () => fetch(`${base}/api/entities`, { method: "POST", headers: withAuth({ "content-type": "application/json" }), body }),
    });
    requests.push({
      what: `POST ${what} as an import`,
      run: () => fetch(`${api}/annotations/import`, { method: "POST", headers: withAuth({ "content-type": "application/json" }), body }),
    });
  }
  const paths = [
    `/api/annotations/..%2F..%2Fetc%2Fpasswd`,
    `/api/annotations/${"a".repeat(5000)}`,
    `/api/annotations/%00`,
    `/api/annotations/%E0%A4%A`,
    `/api/documents/%2e%2e`,
    `/api/documents/${SLUG}/annotations?page=-1`,
    `/api/documents/${SLUG}/annotations?page=1e309`,
    `/api/documents/${SLUG}/annotations?motivation=%3Cscript%3E`,
    `/api/documents/${SLUG}/annotations?state=lost`,
    `/api/documents/${SLUG}/search?q=${encodeURIComponent("' OR 1=1 --")}`,
    `/api/documents/${SLUG}/search?q=${"a".repeat(100_000)}`,
    `/api/documents/${SLUG}/search?q=%F0%9F`,
    `/api/documents/${SLUG}/evidence?claim=&limit=-3`,
    `/api/documents/${SLUG}/cite?start=5&end=2&format=chicago`,
    `/api/documents/${SLUG}/cite?passage=${"x".repeat(3000)}`,
    `/api/documents/${SLUG}/cite?format=%00`,
    `/api/documents/${SLUG}/entities/%00/occurrences`,
    `/api/entities/${encodeURIComponent("' OR '1'='1")}`,
    `/api/claims/%FF`,
    `/documents/${SLUG}/v/%00`,
    `/documents/${SLUG}/v/99999999999999999999`,
    `/documents/${SLUG}?quote=${"q".repeat(20_000)}&start=-1&end=abc`,
    `/documents/${"x".repeat(3000)}`,
    `/entities/%E0%A4%A`,
    `/users/${encodeURIComponent("<img src=x>")}`,
  ];
  for (const p of paths) {
    requests.push({ what: `GET ${p.slice(0, 80)}`, run: () => fetch(`${base}${p}`, { headers: withAuth() }) });
    requests.push({
      what: `DELETE ${p.slice(0, 80)}`,
      run: () => fetch(`${base}${p}`, { method: "DELETE", headers: withAuth({ "if-match": "*" }) }),
    });
    requests.push({
      what: `PUT ${p.slice(0, 80)}`,
      run: () => fetch(`${base}${p}`, { method: "PUT", headers: withAuth({ "content-type": LD_JSON, "if-match": '"x"' }), body: "{}" }),
    });
    requests.push({
      what: `PATCH ${p.slice(0, 80)}`,
      run: () => fetch(`${base}${p}`, { method: "PATCH", headers: withAuth({ "content-type": "application/json" }), body: "[1,2" }),
    });
  }
  requests.push({ what: "a forged session cookie", run: () => post(base, "better-auth.session_token=forged.value", good) });
  requests.push({
    what: "an anchor action on nothing",
    run: () =>
      fetch(`${base}/api/annotations/none/anchor`, {
        method: "POST",
        headers: withAuth({ "content-type": "application/json" }),
        body: '{"action":"attach","start":0,"end":4}',
      }),
  });
  // Fill up to 500 with variations of the bodies above at random offsets.
  for (let i = 0; requests.length < 500; i++) {
    const [what, body] = bodies[i % bodies.length];
    const cut = body.slice(0, Math.max(1, (i * 37) % Math.max(2, body.length)));
    requests.push({
      what: `POST ${what}, cut at ${cut.length}`,
      run: () => fetch(`${api}/annotations`, { method: "POST", headers: withAuth({ "content-type": LD_JSON }), body: cut }),
    });
  }
  return requests;
}

runCli(async () => {
  const folder = makeScratchFolder("gloss-reliability-");
  const pgPort = await findFreePort();
  const startDatabase = () =>
    startEmbeddedDatabase({ dataDir: path.join(folder, "postgres"), port: pgPort, database: "gloss_reliability" });
  let database: DatabaseHandle | undefined = await startDatabase();
  const appPort = await findFreePort();
  let app: App | undefined;
  const appOptions = {
    port: appPort,
    databaseUrl: database.url,
    dataDir: path.join(folder, "data"),
    distDir: ".next-test",
    env: underLoad(),
  };
  try {
    await migrateDatabase(database.url);
    console.log("gloss reliability: starting the app (it builds first when the code changed)...");
    app = await startApp(appOptions);
    const base = app.base;
    const text = ((await (await fetch(`${base}/api/documents/${SLUG}`)).json()) as { text: string }).text;
    // Two accounts; the write limit is lifted above.
    const cookies = [await signUp(base, "reader0@reliability.example"), await signUp(base, "reader1@reliability.example")];

    // 1. Mixed load.
    console.log(`\n1. ${LOAD_SECONDS} s of mixed load, concurrency ${CONCURRENCY} (90% reads, 10% writes)`);
    const load = await mixedLoad(base, cookies, text, { seconds: LOAD_SECONDS, concurrency: CONCURRENCY, seed: 1000 });
    let seed = load.seed;
    const fiveHundreds = fiveHundredsOf(load);
    console.log(`  ${describeLoad(load, LOAD_SECONDS)}`);
    check(
      fiveHundreds === 0 && load.networkErrors === 0,
      `no 5xx and no failed connections (${fiveHundreds} 5xx, ${load.networkErrors} failed)`,
    );
    check(load.acknowledged.length > 0, `writes were acknowledged (${load.acknowledged.length})`);
    const present = await existing(database.url, load.acknowledged);
    check(present.size === load.acknowledged.length, `every acknowledged write is stored (${present.size} of ${load.acknowledged.length})`);

    // 2. SIGKILL during writes.
    console.log("\n2. the app server killed with SIGKILL during writes, then started again");
    const beforeKill: string[] = [];
    let writing = true;
    const writers = Promise.all(
      Array.from({ length: 16 }, async (_, worker) => {
        while (writing) {
          try {
            const response = await post(base, cookies[worker % cookies.length], annotationOn(base, text, seed++));
            if (response.status === 201) beforeKill.push(idOf(((await response.json()) as { id: string }).id));
          } catch {
            await new Promise((r) => setTimeout(r, 20));
          }
        }
      }),
    );
    await new Promise((r) => setTimeout(r, 3000));
    await stopApp(app, "SIGKILL");
    app = undefined;
    writing = false;
    await writers;
    app = await startApp(appOptions);
    const survived = await existing(database.url, beforeKill);
    check(beforeKill.length > 0, `writes were acknowledged before the kill (${beforeKill.length})`);
    check(
      survived.size === beforeKill.length,
      `no acknowledged annotation lost (${survived.size} of ${beforeKill.length} present after the restart)`,
    );

    // 3. PostgreSQL stopped, then back.
    console.log("\n3. PostgreSQL stopped, then started again");
    await database.stop();
    database = undefined;
    let slowest = 0;
    let all503 = true;
    for (let i = 0; i < 20; i++) {
      const began = performance.now();
      const response =
        i % 2 === 0
          ? await fetch(`${app.base}/api/documents/${SLUG}/annotations`)
          : await post(app.base, cookies[0], annotationOn(app.base, text, seed++));
      slowest = Math.max(slowest, performance.now() - began);
      const body = (await response.json().catch(() => null)) as { error?: { code?: string } } | null;
      if (response.status !== 503 || body?.error?.code !== "unavailable") {
        all503 = false;
        console.log(`  got ${response.status} ${JSON.stringify(body)}`);
      }
    }
    check(all503, "the API answers 503 JSON (code unavailable) while the database is down");
    check(slowest < 1000, `within a second (slowest ${slowest.toFixed(0)} ms)`);
    const page = await fetch(`${app.base}/documents/${SLUG}`);
    const html = await page.text();
    check(/cannot reach its database/.test(html), `the reader says in words that the database cannot be reached (status ${page.status})`);
    database = await startDatabase();
    let back = false;
    const until = Date.now() + 15_000;
    while (!back && Date.now() < until) {
      back = (await fetch(`${app.base}/api/documents/${SLUG}/annotations`)).status === 200;
      if (!back) await new Promise((r) => setTimeout(r, 250));
    }
    check(back, "the API answers again once the database is back, with no other step");
    const reader = await fetch(`${app.base}/documents/${SLUG}`);
    check(reader.status === 200, `the reader renders again (${reader.status})`);
    check((await post(app.base, cookies[0], annotationOn(app.base, text, seed++))).status === 201, "writes are accepted again");

    // 4. Hostile requests.
    console.log("\n4. 500 malformed or hostile requests");
    const before = await counts(database.url);
    const hostile = hostileRequests(app.base, cookies[1], text);
    const bad: string[] = [];
    for (let i = 0; i < hostile.length; i += 10) {
      await Promise.all(
        hostile.slice(i, i + 10).map(async (h) => {
          try {
            const response = await h.run();
            await response.arrayBuffer();
            if (response.status >= 500) bad.push(`${response.status} ${h.what}`);
          } catch (error) {
            bad.push(`failed ${h.what}: ${(error as Error).message}`);
          }
        }),
      );
    }
    for (const line of bad.slice(0, 20)) console.log(`  ${line}`);
    check(bad.length === 0, `no 5xx among ${hostile.length} hostile requests (${bad.length})`);
    const after = await counts(database.url);
    check(JSON.stringify(after) === JSON.stringify(before), `nothing stored (${JSON.stringify(before)} → ${JSON.stringify(after)})`);

    // 5. Two servers, one database.
    console.log("\n5. two servers on one database, behind a load balancer");
    await stopApp(app, "SIGTERM");
    app = undefined;
    await twoServers({
      databaseUrl: database.url,
      folder,
      distDir: appOptions.distDir,
      seconds: Math.max(20, Math.round(LOAD_SECONDS / 2)),
      concurrency: CONCURRENCY,
    });
  } finally {
    if (app) await stopApp(app, "SIGTERM");
    await database?.stop().catch(() => {});
    fs.rmSync(folder, { recursive: true, force: true });
  }
  console.log(
    failures.length === 0 ? "\ngloss reliability: all checks passed." : `\ngloss reliability: ${failures.length} check(s) failed.`,
  );
  if (failures.length > 0) process.exitCode = 1;
});

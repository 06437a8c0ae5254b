// The reliability run's fifth stage: two servers, one database. Two Gloss servers (each its own
// port, data folder and import worker; the same DATABASE_URL, build and upload folder) behind a
// small load balancer (scripts/load-balancer.ts), under the mixed load with writes on both:
//   - a session made through either server is valid on both (the cookie secret is the database's);
//   - the per-account write limit holds across both: writes spread over the two are refused (429)
//     at the same count as writes to one;
//   - a change to what the reader renders (a new public claim) is on the reader page of each
//     server, asked directly, from the first page asked for after its acknowledgement: no reader
//     sees a stale page once a change is acknowledged (how long that first page took is printed,
//     the target being a second);
//   - imports sent to both run once each (one take, one document), never more than
//     GLOSS_IMPORT_CONCURRENCY at once on a worker (each server's worker takes jobs from the one
//     queue: at most twice that in all);
//   - one server killed (SIGKILL) mid-load: the balancer sends everything to the other, only the
//     requests cut by the kill fail, and no acknowledged write is lost.
import path from "node:path";
import pg from "pg";
import { findFreePort } from "../lib/database/port";
import { signUp, startApp, stopApp, type App } from "./app-process";
import { startBalancer, type Balancer } from "./load-balancer";
import { annotationOn, check, describeLoad, existing, fiveHundredsOf, mixedLoad, post, SLUG } from "./reliability-checks";

/** The per-account write limit the servers run with: the shipped default. */
const WRITES_PER_MINUTE = 60;
/** Imports one worker runs at once: the shipped default, stated so the check knows it. */
const IMPORT_CONCURRENCY = 2;
const IMPORTS = 6;
const CLAIMS = 3;
/** The load during which one server is killed. */
const KILL_LOAD_SECONDS = 12;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function query<T>(databaseUrl: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Runs `work` on `items`, `width` at a time. */
async function inBatches<T, R>(items: T[], width: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += width)
    results.push(...(await Promise.all(items.slice(i, i + width).map((item, j) => work(item, i + j)))));
  return results;
}

/** The most intervals that overlap at one moment. */
function mostAtOnce(intervals: Array<{ start: number; end: number }>): number {
  const edges = intervals.flatMap(({ start, end }) => [
    { at: start, step: 1 },
    { at: end, step: -1 },
  ]);
  edges.sort((a, b) => a.at - b.at || a.step - b.step);
  let now = 0;
  let most = 0;
  for (const edge of edges) most = Math.max(most, (now += edge.step));
  return most;
}

/** A text of about 60 KB for one import, different for each `n` (the same bytes would give the document made before). */
function importText(n: number): string {
  const places = ["Kashgar", "Ghulja", "Urumqi", "Aksu", "Khotan", "Turfan", "Kulja", "Tacheng"];
  const people = ["Ahmetjan Qasimi", "Ali Khan Tore", "Ehmetjan Qasim", "Abdulkerim Abbas", "Ishaq Beg", "Delilkhan Sugurbayev"];
  const paragraphs = [`# Field notes ${n}`];
  for (let i = 0; i < 300; i++) {
    paragraphs.push(
      `In ${1940 + (i % 10)}, ${people[(i + n) % people.length]} travelled from ${places[i % places.length]} to ` +
        `${places[(i + n + 3) % places.length]} with ${i + n} companions, and wrote of the roads, the markets and the council held there (note ${n}.${i}).`,
    );
  }
  return paragraphs.join("\n\n");
}

async function sendImport(base: string, cookie: string, n: number): Promise<string> {
  const form = new FormData();
  form.set("text", importText(n));
  form.set("title", `Field notes ${n}`);
  const response = await fetch(`${base}/api/documents`, { method: "POST", headers: { cookie, origin: base }, body: form });
  const body = (await response.json()) as { import?: { id?: string } };
  if (response.status !== 202 || !body.import?.id) throw new Error(`import ${n} not accepted: ${response.status} ${JSON.stringify(body)}`);
  return body.import.id;
}

interface ImportRow {
  id: string;
  status: string;
  attempts: number;
  worker: string | null;
  documentId: string | null;
  started: number | null;
  finished: number | null;
}

/** Waits until the imports `ids` are over (done or failed), up to `ms`; their rows. */
async function importsOver(databaseUrl: string, ids: string[], ms: number): Promise<ImportRow[]> {
  const until = Date.now() + ms;
  for (;;) {
    const rows = await query<ImportRow>(
      databaseUrl,
      `SELECT "id", "status", "attempts", "worker", "documentId",
              (extract(epoch from "startedAt") * 1000)::float8 AS "started", (extract(epoch from "finishedAt") * 1000)::float8 AS "finished"
       FROM "Import" WHERE "id" = ANY($1::text[])`,
      [ids],
    );
    if ((rows.length === ids.length && rows.every((r) => r.status === "done" || r.status === "failed")) || Date.now() > until) return rows;
    await sleep(250);
  }
}

/**
 * After a new public claim was acknowledged (at `acknowledgedAt`), asks `base`'s reader page again
 * and again until it shows `statement` (up to 5 s): how long after the acknowledgement the page
 * showing it came, and how many pages asked for after the acknowledgement did not show it.
 */
async function untilShown(base: string, statement: string, acknowledgedAt: number): Promise<{ after: number | null; stale: number }> {
  let stale = 0;
  while (Date.now() - acknowledgedAt < 5000) {
    const html = await (await fetch(`${base}/documents/${SLUG}`)).text();
    if (html.includes(statement)) return { after: Date.now() - acknowledgedAt, stale };
    stale++;
  }
  return { after: null, stale };
}

export async function twoServers(options: { databaseUrl: string; folder: string; distDir: string; seconds: number; concurrency: number }) {
  const { databaseUrl, folder, seconds } = options;
  const servers: App[] = [];
  let balancer: Balancer | undefined;
  try {
    // Both at once, as two machines would start. No BETTER_AUTH_SECRET: the generated one must be shared.
    const env = {
      GLOSS_WRITES_PER_MINUTE: String(WRITES_PER_MINUTE),
      GLOSS_IMPORT_CONCURRENCY: String(IMPORT_CONCURRENCY),
      GLOSS_UPLOAD_DIR: path.join(folder, "uploads"),
      BETTER_AUTH_SECRET: "",
    };
    const ports = [await findFreePort(), await findFreePort()];
    const starting = Date.now();
    servers.push(
      ...(await Promise.all(
        ports.map((port, i) =>
          startApp({ port, databaseUrl, dataDir: path.join(folder, `server-${i + 1}`), distDir: options.distDir, env }),
        ),
      )),
    );
    const [one, two] = servers;
    console.log(`  both servers answer ${((Date.now() - starting) / 1000).toFixed(1)} s after starting`);
    balancer = await startBalancer(servers.map((s) => s.base));
    const base = balancer.base;
    console.log(`  servers ${one.base} and ${two.base}, balancer ${base}`);
    const text = ((await (await fetch(`${base}/api/documents/${SLUG}`)).json()) as { text: string }).text;

    // Accounts, made through the balancer: one per load client, and three for the checks.
    const emails = [
      ...Array.from({ length: options.concurrency }, (_, i) => `two${i}@reliability.example`),
      "spread@reliability.example",
      "single@reliability.example",
      "curator@reliability.example",
    ];
    const cookies = await inBatches(emails, 4, (email) => signUp(base, email));
    const [spread, single, curator] = cookies.slice(-3);
    const loadCookies = cookies.slice(0, options.concurrency);
    const sessions = await inBatches(cookies, 8, async (cookie) => {
      const users = await Promise.all(
        servers.map(
          async (s) =>
            ((await (await fetch(`${s.base}/api/auth/get-session`, { headers: { cookie } })).json()) as { user?: { id: string } } | null)
              ?.user?.id,
        ),
      );
      return users[0] !== undefined && users[0] === users[1];
    });
    check(
      sessions.every(Boolean),
      `every session made through the balancer is valid on both servers (${sessions.filter(Boolean).length} of ${cookies.length})`,
    );

    // Each server fills its kept copy of the reader from itself, not through the balancer the
    // request came by (the fill's secret is the process's own).
    const kept = await Promise.all(
      [0, 1, 2, 3].map(async () => {
        const response = await fetch(`${base}/documents/${SLUG}`);
        await response.arrayBuffer();
        return response.status === 200 && (response.headers.get("etag") ?? "").startsWith("W/");
      }),
    );
    check(
      kept.every(Boolean),
      `the reader through the balancer is served from each server's kept copy (${kept.filter(Boolean).length} of 4)`,
    );

    // The write limit across both: one account's writes alternate between the servers, another's go to one.
    const limitRun = async (cookie: string, bases: string[]) => {
      const seen = new Map<number, number>();
      for (let i = 0; i < WRITES_PER_MINUTE + 5; i++) {
        const at = bases[i % bases.length];
        const response = await post(at, cookie, annotationOn(at, text, 900_000 + i));
        await response.arrayBuffer();
        seen.set(response.status, (seen.get(response.status) ?? 0) + 1);
      }
      return seen;
    };
    const [both, alone] = await Promise.all([limitRun(spread, [one.base, two.base]), limitRun(single, [one.base])]);
    console.log(
      `  ${WRITES_PER_MINUTE + 5} writes in a row: spread over both ${JSON.stringify(Object.fromEntries(both))}, to one ${JSON.stringify(Object.fromEntries(alone))}`,
    );
    check(
      both.get(201) === WRITES_PER_MINUTE && both.get(429) === 5 && alone.get(201) === both.get(201) && alone.get(429) === both.get(429),
      `the write limit (${WRITES_PER_MINUTE} a minute) holds across both servers: the same writes accepted spread over both as on one`,
    );

    // The mixed load through the balancer, with the claims and the imports during it.
    console.log(
      `  ${seconds} s of mixed load through the balancer, concurrency ${options.concurrency}, with new claims and imports meanwhile`,
    );
    const loading = mixedLoad(base, loadCookies, text, { seconds, concurrency: options.concurrency, seed: 2_000_000 });

    const at = text.indexOf("Ghulja");
    const staleness: Array<{ after: number | null; stale: number }> = [];
    for (let n = 0; n < CLAIMS; n++) {
      const statement = `Both servers show claim ${n} ${Date.now().toString(36)}`;
      const response = await fetch(`${base}/api/documents/${SLUG}/claims`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: curator, origin: base },
        body: JSON.stringify({ statement, kind: "event", evidence: [{ start: at, end: at + 6, stance: "supports" }] }),
      });
      const acknowledgedAt = Date.now();
      if (response.status !== 201) {
        check(false, `claim ${n} accepted (${response.status} ${await response.text()})`);
        continue;
      }
      staleness.push(...(await Promise.all(servers.map((s) => untilShown(s.base, statement, acknowledgedAt)))));
      await sleep(1000);
    }
    // How long the first fresh page took is the time to render it (on a busy machine, more than
    // a second): a figure, printed with its target, not a check.
    const firstShown = staleness.map((s) => s.after ?? Infinity);
    const slowest = Math.max(...firstShown);
    console.log(
      `  each new claim was on each server's reader ${firstShown.map((ms) => `${ms} ms`).join(", ")} after its acknowledgement ` +
        `(the first page asked for each time, rendered anew; target 1 s: ${slowest <= 1000 ? "met" : "not met"})`,
    );
    check(
      staleness.length === CLAIMS * servers.length && staleness.every((s) => s.after !== null && s.stale === 0),
      `every reader page asked for after a claim's acknowledgement, on either server, shows it (${staleness.reduce((a, s) => a + s.stale, 0)} stale; ${CLAIMS} claims, ${servers.length} servers)`,
    );

    const importIds = await Promise.all(Array.from({ length: IMPORTS }, (_, n) => sendImport(servers[n % 2].base, curator, n)));
    const imports = await importsOver(databaseUrl, importIds, 120_000);
    const workers = new Map<string, Array<{ start: number; end: number }>>();
    for (const row of imports)
      if (row.worker && row.started && row.finished)
        workers.set(row.worker, [...(workers.get(row.worker) ?? []), { start: row.started, end: row.finished }]);
    const documents = new Set(imports.map((r) => r.documentId).filter(Boolean));
    const made = await query<{ n: number }>(
      databaseUrl,
      `SELECT count(*)::int AS n FROM "Document" d JOIN "Import" i ON i."documentId" = d."id" WHERE i."id" = ANY($1::text[])`,
      [importIds],
    );
    const perWorker = [...workers].map(([name, runs]) => `${name}: ${runs.length} run, at most ${mostAtOnce(runs)} at once`);
    console.log(`  imports: ${perWorker.join("; ")}; at most ${mostAtOnce([...workers.values()].flat())} at once in all`);
    check(
      imports.length === IMPORTS &&
        imports.every((r) => r.status === "done" && r.attempts === 1) &&
        documents.size === IMPORTS &&
        made[0].n === IMPORTS,
      `${IMPORTS} imports sent to both servers each ran once and made one document (${imports.filter((r) => r.status === "done").length} done, takes ${imports.map((r) => r.attempts).join(",")}, ${documents.size} documents)`,
    );
    check(
      [...workers.values()].every((runs) => mostAtOnce(runs) <= IMPORT_CONCURRENCY) &&
        mostAtOnce([...workers.values()].flat()) <= IMPORT_CONCURRENCY * servers.length,
      `never more than ${IMPORT_CONCURRENCY} imports at once on a worker (${IMPORT_CONCURRENCY * servers.length} in all)`,
    );

    const load = await loading;
    console.log(`  ${describeLoad(load, seconds)}; answered by ${[...balancer.answered].map(([b, n]) => `${b} ${n}`).join(", ")}`);
    check(
      fiveHundredsOf(load) === 0 && load.networkErrors === 0,
      `no 5xx and no failed connections (${fiveHundredsOf(load)} 5xx, ${load.networkErrors} failed)`,
    );
    check(
      servers.every((s) => (balancer!.answered.get(s.base) ?? 0) > 0),
      "the balancer spread the load over both servers",
    );

    // One server killed (SIGKILL) a third of the way through more load.
    console.log(`  ${KILL_LOAD_SECONDS} s more of the load, ${two.base} killed ${KILL_LOAD_SECONDS / 3} s in`);
    const more = mixedLoad(base, loadCookies, text, { seconds: KILL_LOAD_SECONDS, concurrency: options.concurrency, seed: load.seed });
    await sleep((KILL_LOAD_SECONDS * 1000) / 3);
    const killedAt = Date.now();
    await stopApp(two, "SIGKILL");
    const afterKill = await more;
    console.log(
      `  ${describeLoad(afterKill, KILL_LOAD_SECONDS)}; ${afterKill.failedAt.length} failed (${fiveHundredsOf(afterKill)} 5xx, ${afterKill.networkErrors} without an answer)`,
    );
    check(
      afterKill.failedAt.every((t) => t >= killedAt && t <= killedAt + 1000),
      `no request failed but those cut by the kill (${afterKill.failedAt.filter((t) => t < killedAt || t > killedAt + 1000).length} others)`,
    );
    const afterwards = afterKill.answeredAt.filter((t) => t > killedAt + 1000).length;
    check(afterwards > 0, `the other server answered through the balancer after the kill (${afterwards} requests)`);
    const acknowledged = [...load.acknowledged, ...afterKill.acknowledged];
    const present = await existing(databaseUrl, acknowledged);
    check(
      afterKill.acknowledged.length > 0 && present.size === acknowledged.length,
      `every acknowledged write is stored (${present.size} of ${acknowledged.length}, ${afterKill.acknowledged.length} of them during the kill's load)`,
    );
  } finally {
    await balancer?.close();
    for (const server of servers) await stopApp(server, "SIGTERM");
  }
}

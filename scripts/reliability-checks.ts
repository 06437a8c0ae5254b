// What the reliability run's stages share (scripts/reliability.ts, scripts/reliability-two-servers.ts):
// the checks it prints, the annotations it writes and how it finds them in the database.
import pg from "pg";

export const SLUG = "second-east-turkistan-republic";
export const LD_JSON = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';

/** The checks that failed so far. */
export const failures: string[] = [];

/** Prints a check as ok or FAIL, and keeps a failure for the run's outcome. */
export const check = (ok: boolean, what: string) => {
  console.log(`  ${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures.push(what);
};

/** A new note on the document's text, somewhere by `seed`. */
export function annotationOn(base: string, text: string, seed: number) {
  let start = (seed * 7919) % (text.length - 40);
  while (start < text.length - 40 && !/\w/.test(text[start])) start++;
  const end = start + 5 + (seed % 20);
  return {
    "@context": "http://www.w3.org/ns/anno.jsonld",
    type: "Annotation",
    motivation: "commenting",
    body: { type: "TextualBody", value: `Reliability note ${seed}.`, format: "text/plain" },
    target: {
      source: `${base}/documents/${SLUG}`,
      selector: [
        { type: "TextQuoteSelector", exact: text.slice(start, end) },
        { type: "TextPositionSelector", start, end },
      ],
    },
  };
}

/** Posts an annotation to the document's container as the account of `cookie`. */
export async function post(base: string, cookie: string, body: unknown): Promise<Response> {
  return fetch(`${base}/api/documents/${SLUG}/annotations`, {
    method: "POST",
    headers: { "content-type": LD_JSON, cookie, origin: base },
    body: JSON.stringify(body),
  });
}

/** The id at the end of an annotation's IRI. */
export const idOf = (iri: string) => decodeURIComponent(new URL(iri).pathname.split("/").pop()!);

/** Which of the annotations `ids` the database holds. */
export async function existing(databaseUrl: string, ids: string[]): Promise<Set<string>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const rows = (await client.query(`SELECT id FROM "Annotation" WHERE id = ANY($1::text[])`, [ids])).rows as Array<{ id: string }>;
    return new Set(rows.map((r) => r.id));
  } finally {
    await client.end();
  }
}

/** What a run of mixed load saw. Times are Date.now() milliseconds. */
export interface LoadResult {
  statuses: Map<number, number>;
  /** The ids of the annotations whose creation was answered 201. */
  acknowledged: string[];
  networkErrors: number;
  /** When each request that failed (a 5xx or no answer) ended. */
  failedAt: number[];
  /** When each request answered without a 5xx ended. */
  answeredAt: number[];
  /** The next seed for annotationOn. */
  seed: number;
}

/** The pages and API reads of the mixed load. */
const READS = [
  `/documents/${SLUG}`,
  `/api/documents/${SLUG}`,
  `/api/documents/${SLUG}/annotations`,
  `/api/documents/${SLUG}/search?q=Ghulja`,
];

/**
 * `concurrency` clients for `seconds`, each sending 90% reads (READS in turn) and 10% writes (new
 * annotations, from the accounts of `cookies` in turn) to `base`.
 */
export async function mixedLoad(
  base: string,
  cookies: string[],
  text: string,
  options: { seconds: number; concurrency: number; seed: number },
): Promise<LoadResult> {
  const result: LoadResult = { statuses: new Map(), acknowledged: [], networkErrors: 0, failedAt: [], answeredAt: [], seed: options.seed };
  const deadline = Date.now() + options.seconds * 1000;
  await Promise.all(
    Array.from({ length: options.concurrency }, async (_, worker) => {
      for (let i = 0; Date.now() < deadline; i++) {
        try {
          let response: Response;
          if ((i * 31 + worker * 17) % 10 === 0) {
            response = await post(base, cookies[(worker + i) % cookies.length], annotationOn(base, text, result.seed++));
            if (response.status === 201) result.acknowledged.push(idOf(((await response.json()) as { id: string }).id));
            else await response.arrayBuffer();
          } else {
            response = await fetch(`${base}${READS[(i + worker) % READS.length]}`);
            await response.arrayBuffer();
          }
          result.statuses.set(response.status, (result.statuses.get(response.status) ?? 0) + 1);
          (response.status >= 500 ? result.failedAt : result.answeredAt).push(Date.now());
        } catch {
          result.networkErrors++;
          result.failedAt.push(Date.now());
        }
      }
    }),
  );
  return result;
}

/** How many requests of a load were answered with a 5xx. */
export const fiveHundredsOf = (load: LoadResult) => [...load.statuses].filter(([s]) => s >= 500).reduce((a, [, n]) => a + n, 0);

/** One line of what a load sent and got. */
export function describeLoad(load: LoadResult, seconds: number): string {
  const total = [...load.statuses.values()].reduce((a, b) => a + b, 0);
  return `${total} requests (${(total / seconds).toFixed(0)}/s), statuses ${JSON.stringify(Object.fromEntries(load.statuses))}`;
}

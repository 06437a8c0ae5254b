import PgBoss from "pg-boss";

/** The queue imports run in (pg-boss, in the database's "pgboss" schema). */
export const IMPORT_QUEUE = "import";

/** A job that runs longer than this is given up by the queue (far above the benchmarks' 30 s). */
const EXPIRE_SECONDS = 15 * 60;

const globalForQueue = globalThis as unknown as { glossBoss?: Promise<PgBoss> };

/**
 * The process's pg-boss instance, started on first use against DATABASE_URL. The web server only
 * sends jobs (`supervise: false`: it runs no maintenance); the import worker supervises.
 */
export function importQueue(options: { supervise?: boolean } = {}): Promise<PgBoss> {
  globalForQueue.glossBoss ??= (async () => {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set");
    const boss = new PgBoss({
      connectionString: url,
      schema: "pgboss",
      max: 3,
      supervise: options.supervise ?? false,
      schedule: false,
      migrate: true,
    });
    boss.on("error", (error) => console.error(`gloss: the import queue: ${error.message}`));
    await boss.start();
    await boss.createQueue(IMPORT_QUEUE, {
      name: IMPORT_QUEUE,
      retryLimit: 2,
      retryDelay: 1,
      expireInSeconds: EXPIRE_SECONDS,
    });
    return boss;
  })().catch((error: unknown) => {
    globalForQueue.glossBoss = undefined;
    throw error;
  });
  return globalForQueue.glossBoss;
}

/** Puts an import on the queue; its job has the import's id. */
export async function enqueueImport(importId: string): Promise<void> {
  const boss = await importQueue();
  await boss.send(IMPORT_QUEUE, { importId }, { id: importId });
}

/** Stops the process's queue (tests and the worker's shutdown). */
export async function stopImportQueue(): Promise<void> {
  const boss = await globalForQueue.glossBoss?.catch(() => undefined);
  globalForQueue.glossBoss = undefined;
  await boss?.stop({ graceful: false, wait: true });
}

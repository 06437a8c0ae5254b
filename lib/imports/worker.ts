import type PgBoss from "pg-boss";
import { placesGazetteer } from "../entities/name-lexicon";
import type { PrismaClient } from "../generated/prisma/client";
import { IMPORT_QUEUE, importQueue } from "./queue";
import { failInterrupted, reclaimStaleImports, runImport, staleAfterMs } from "./run-import";

/** Imports one worker process runs at once (GLOSS_IMPORT_CONCURRENCY, default 2). */
export function importConcurrency(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.GLOSS_IMPORT_CONCURRENCY ?? 2);
  return Number.isInteger(value) && value >= 1 && value <= 8 ? value : 2;
}

/** A running worker: stop() lets the jobs in hand end (or be reclaimed later) and closes the queue. */
export interface ImportWorker {
  stop(): Promise<void>;
}

/**
 * Starts taking import jobs from the queue, `concurrency` at a time, in this process (the import
 * worker, scripts/import-worker.ts: never the web server's). Every staleAfterMs() / 4 it also
 * reclaims imports whose worker died mid-job: their queue job is failed, so that the queue tries
 * it again (up to its retry limit; after that the import fails "interrupted"). Nothing of an
 * interrupted import was stored: its one write is a transaction that never committed.
 */
export async function startImportWorker(db: PrismaClient, concurrency = importConcurrency()): Promise<ImportWorker> {
  const boss = await importQueue({ supervise: true });

  const reclaim = async () => {
    for (const id of await reclaimStaleImports(db)) {
      await boss.fail(IMPORT_QUEUE, id, { reason: "the worker stopped answering" }).catch(() => {});
      const job = await boss.getJobById(IMPORT_QUEUE, id).catch(() => null);
      if (!job || job.state === "failed") await failInterrupted(db, id, "its worker stopped");
    }
  };
  await reclaim();
  const timer = setInterval(
    () => void reclaim().catch((error: Error) => console.error(`gloss: reclaiming imports: ${error.message}`)),
    staleAfterMs() / 4,
  );
  timer.unref();

  const handle = async ([job]: PgBoss.JobWithMetadata<{ importId: string }>[]) => {
    try {
      await runImport(db, job.data.importId);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      console.error(`gloss: import ${job.data.importId} failed: ${reason}`);
      if (job.retryCount >= job.retryLimit) await failInterrupted(db, job.data.importId, "an error in the server").catch(() => {});
      else
        await db.import.updateMany({
          where: { id: job.data.importId, status: "running" },
          data: { status: "queued", stage: "waiting to be tried again" },
        });
      throw error;
    }
  };
  // The gazetteer takes seconds to index: once, now, rather than in the first import's "finding names".
  placesGazetteer();
  for (let i = 0; i < concurrency; i++) {
    await boss.work<{ importId: string }>(IMPORT_QUEUE, { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true }, handle);
  }
  return {
    async stop() {
      clearInterval(timer);
      await boss.offWork(IMPORT_QUEUE).catch(() => {});
    },
  };
}

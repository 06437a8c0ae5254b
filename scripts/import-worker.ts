// The import worker: takes import jobs from the queue in PostgreSQL (lib/imports/worker.ts) and
// runs them, off the web server's thread. scripts/serve.ts starts one beside each web server; it
// ends with its parent (SIGTERM, or the parent gone: a SIGKILL of the app takes its imports with
// it, and the next worker to start takes them again).
import { disconnectDb, getDb } from "../lib/db";
import { importConcurrency, startImportWorker } from "../lib/imports/worker";
import { stopImportQueue } from "../lib/imports/queue";

async function main(): Promise<void> {
  const parent = process.ppid;
  const worker = await startImportWorker(getDb(), importConcurrency());
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await Promise.race([
      (async () => {
        await worker.stop();
        await stopImportQueue();
        await disconnectDb();
      })(),
      new Promise((resolve) => setTimeout(resolve, 3000)),
    ]);
    process.exit(code);
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stop(0));
  setInterval(() => {
    // The parent died without telling us (SIGKILL): stop at once, as it did; nothing is half-stored.
    if (process.ppid !== parent) process.exit(1);
  }, 500).unref();
  console.log(`gloss: the import worker runs (${importConcurrency()} at a time).`);
}

main().catch((error: unknown) => {
  console.error(`gloss: the import worker could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

import fs from "node:fs/promises";
import os from "node:os";
import type { PrismaClient } from "../generated/prisma/client";
import { DomainError } from "../errors";
import { isSourceFormat } from "../sources/detect-format";
import { ImportFailure } from "../sources/source-document";
import type { SourceOverrides } from "../sources/assemble-source";
import { importSource } from "./import-source";
import { uploadPath } from "./uploads";

/**
 * A running import whose worker has been silent this long was interrupted (a crash, a SIGKILL):
 * GLOSS_IMPORT_STALE_MS, default a minute (a running import says it is alive three times as often: see heartbeatMs).
 */
export function staleAfterMs(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.GLOSS_IMPORT_STALE_MS ?? 60_000);
  return Number.isFinite(value) && value >= 1500 ? value : 60_000;
}

/** How often a running import says it is alive (ms). */
export const heartbeatMs = () => Math.min(5_000, staleAfterMs() / 3);
/** Takes of one import before it is failed for good. */
export const MAX_ATTEMPTS = 3;

/** This worker process, as an import records who took it: "host/pid". */
export const workerName = () => `${os.hostname()}/${process.pid}`;

/** The outcome the worker hands the queue: done, failed for a reason, or to be tried again. */
export type RunOutcome = "done" | "failed" | "skipped";

/**
 * Runs one import (the queue's job): marks it running (by this worker, from now), reads, assembles and stores its file
 * (importSource), keeping its stage, progress and heartbeat in the Import row, and ends it `done`
 * with its document or `failed` with the reason's code and sentence. The file on disk is deleted
 * once the import is over. An import already over (a job delivered twice) is skipped.
 *
 * Errors that are not the file's (the database gone, say) are thrown: the queue retries the job.
 */
export async function runImport(db: PrismaClient, importId: string): Promise<RunOutcome> {
  const taken = await db.import.updateManyAndReturn({
    where: { id: importId, status: { in: ["queued", "running"] } },
    data: {
      status: "running",
      stage: "starting",
      attempts: { increment: 1 },
      heartbeatAt: new Date(),
      startedAt: new Date(),
      worker: workerName(),
    },
  });
  const job = taken[0];
  if (!job) return "skipped";
  if (job.attempts > MAX_ATTEMPTS) {
    await finish(db, importId, { code: "interrupted", message: "The import was interrupted too many times; try it again." });
    return "failed";
  }
  let progress = 0;
  let stage = "starting";
  const heartbeat = setInterval(() => {
    void db.import
      .updateMany({ where: { id: importId, status: "running" }, data: { heartbeatAt: new Date(), stage, progress } })
      .catch(() => {});
  }, heartbeatMs());
  try {
    if (!isSourceFormat(job.format)) throw new ImportFailure("unreadable", `Gloss does not read the format "${job.format}".`);
    const result = await importSource(
      db,
      {
        path: uploadPath(importId),
        fileName: job.fileName,
        format: job.format,
        hash: job.hash,
        overrides: job.overrides as SourceOverrides,
        ownerId: job.ownerId,
        visibility: job.visibility,
        targetDocumentId: job.targetId,
      },
      async (nextStage, nextProgress) => {
        stage = nextStage;
        progress = nextProgress;
        await db.import.updateMany({ where: { id: importId, status: "running" }, data: { stage, progress, heartbeatAt: new Date() } });
      },
    );
    await db.import.updateMany({
      where: { id: importId },
      data: { status: "done", stage: "done", progress: 1, documentId: result.document.id, finishedAt: new Date() },
    });
    await removeUpload(importId);
    return "done";
  } catch (error) {
    if (error instanceof ImportFailure) {
      await finish(db, importId, { code: error.code, message: error.message });
      return "failed";
    }
    if (error instanceof DomainError && error.code === "not_found") {
      await finish(db, importId, { code: "not_found", message: error.message });
      return "failed";
    }
    throw error;
  } finally {
    clearInterval(heartbeat);
  }
}

async function finish(db: PrismaClient, importId: string, error: { code: string; message: string }): Promise<void> {
  await db.import.updateMany({
    where: { id: importId },
    data: { status: "failed", stage: "failed", errorCode: error.code, errorMessage: error.message, finishedAt: new Date() },
  });
  await removeUpload(importId);
}

async function removeUpload(importId: string): Promise<void> {
  await fs.rm(uploadPath(importId), { force: true });
}

/**
 * Imports whose worker stopped answering (killed mid-job): put back to `queued`, to be taken
 * again by the queue's retry. Safe with several workers: one UPDATE claims each. Returns their ids.
 */
export async function reclaimStaleImports(db: PrismaClient, now = new Date()): Promise<string[]> {
  const stale = await db.import.updateManyAndReturn({
    where: { status: "running", heartbeatAt: { lt: new Date(now.getTime() - staleAfterMs()) } },
    data: { status: "queued", stage: "waiting to be tried again", heartbeatAt: null },
    select: { id: true },
  });
  return stale.map((row) => row.id);
}

/** An import that failed for a reason of the worker's, not the file's, after the queue's last retry. */
export async function failInterrupted(db: PrismaClient, importId: string, reason: string): Promise<void> {
  await finish(db, importId, { code: "interrupted", message: `The import stopped: ${reason}. Try it again.` });
}

"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { isOver, refusalInWords, type ImportJob } from "./import-client";

/** How often the page asks how the import is going (ms). */
const POLL_MS = 500;
/** Answers in a row that may fail (the network, a restart) before the page stops following the import. */
const MISSES_ALLOWED = 6;

/**
 * Where an import is: nothing sent yet; the form being sent; the job followed; done; or refused or
 * failed, with why in words (the form is back, to try again).
 */
export type ImportState =
  | { phase: "idle" }
  | { phase: "sending" }
  | { phase: "following"; job: ImportJob }
  | { phase: "done"; job: ImportJob & { document: { slug: string; url: string } } }
  | { phase: "failed"; message: string };

/**
 * Sends an import form to `action` and follows its job (GET /api/imports/:id every half second)
 * until it is done or failed. Following stops when the page goes.
 */
export function useImportJob(action: string) {
  const [state, setState] = useState<ImportState>({ phase: "idle" });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      clearTimeout(timer.current);
    };
  }, []);

  const follow = useCallback((job: ImportJob, misses = 0) => {
    if (!alive.current) return;
    if (job.status === "done" && job.document) {
      setState({ phase: "done", job: { ...job, document: job.document } });
      return;
    }
    if (isOver(job)) {
      setState({ phase: "failed", message: `The import failed: ${job.error?.message ?? "no reason was given."}` });
      return;
    }
    setState({ phase: "following", job });
    timer.current = setTimeout(async () => {
      let response: Response | null = null;
      try {
        response = await fetch(`/api/imports/${encodeURIComponent(job.id)}`, {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
          cache: "no-store",
        });
      } catch {
        response = null;
      }
      if (response?.ok) {
        follow((await response.json()) as ImportJob);
      } else if (response && response.status < 500 && response.status !== 429) {
        const why = await refusalInWords(response);
        if (alive.current) setState({ phase: "failed", message: `Gloss cannot follow the import: ${why}` });
      } else if (misses + 1 >= MISSES_ALLOWED) {
        if (alive.current) {
          setState({
            phase: "failed",
            message: "Gloss cannot be reached to follow the import. It may still finish: look for it in your library, or try again.",
          });
        }
      } else {
        follow(job, misses + 1);
      }
    }, POLL_MS);
  }, []);

  /** Sends `body` (the import form) and follows the job it starts. */
  const start = useCallback(
    async (body: FormData) => {
      clearTimeout(timer.current);
      setState({ phase: "sending" });
      let response: Response;
      try {
        response = await fetch(action, { method: "POST", body, credentials: "same-origin", headers: { Accept: "application/json" } });
      } catch {
        if (alive.current) setState({ phase: "failed", message: "The server could not be reached. Try again." });
        return;
      }
      if (!response.ok) {
        const why = await refusalInWords(response);
        if (alive.current) setState({ phase: "failed", message: why });
        return;
      }
      const answer = (await response.json()) as { import: ImportJob };
      follow(answer.import);
    },
    [action, follow],
  );

  /** Back to the empty form. */
  const reset = useCallback(() => {
    clearTimeout(timer.current);
    setState({ phase: "idle" });
  }, []);

  /** Refused before sending (checked in the page), with why in words. */
  const refuse = useCallback((message: string) => setState({ phase: "failed", message }), []);

  return { state, start, reset, refuse };
}

"use client";

import { useState } from "react";
import { failureMessage, send } from "../_annotator/annotation-client";
import type { DateProposalView } from "./date-proposals";
import styles from "./review.module.css";

/**
 * The dated statements proposed for the document's timeline: each accepted (it becomes a date
 * claim, on the timeline) or rejected by its buttons, or all at once. One request per action; the
 * list drops what was decided and a polite live region says what happened.
 */
export function DateQueue({
  slug,
  initial,
  passageLabels,
}: {
  slug: string;
  initial: DateProposalView[];
  passageLabels: Record<string, string>;
}) {
  const [dates, setDates] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState("");
  const [decided, setDecided] = useState(0);

  const review = async (action: "accept" | "reject", chosen: DateProposalView[]) => {
    if (busy || chosen.length === 0) return;
    setBusy(true);
    const ids = chosen.map((d) => d.id);
    try {
      const result = await send<{ changed: number }>(
        `/api/documents/${encodeURIComponent(slug)}/proposals/dates`,
        "POST",
        { action, ids },
        "The review failed",
      );
      const gone = new Set(ids);
      setDates((old) => old.filter((d) => !gone.has(d.id)));
      setDecided((n) => n + result.changed);
      const what = chosen.length === 1 ? `“${chosen[0].dateText}”` : `${result.changed} dated statements`;
      setMessage(action === "accept" ? `${what} added to the timeline.` : `${what} rejected.`);
    } catch (error) {
      setMessage(failureMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={styles.queue}>
      <div className={styles.status} role="status" data-date-status="">
        {message}
        {decided > 0 ? (
          <>
            {" "}
            <a href={`/documents/${slug}/timeline`}>See the timeline</a>
          </>
        ) : null}
      </div>
      {dates.length === 0 ? (
        <p>No dated statement is waiting for review.</p>
      ) : (
        <>
          <p className={styles.toolbar}>
            <span data-date-count="">{dates.length === 1 ? "1 dated statement" : `${dates.length} dated statements`} waiting</span>
            <button type="button" className={styles.primary} onClick={() => void review("accept", dates)} disabled={busy}>
              Accept all dates
            </button>
            <button type="button" onClick={() => void review("reject", dates)} disabled={busy}>
              Reject all dates
            </button>
          </p>
          <ul className={styles.dateList}>
            {dates.map((d) => (
              <li key={d.id} data-date-proposal={d.id}>
                <p>
                  <strong>{d.dateText}</strong> <span className={styles.muted}>({d.edtf})</span>: “{d.exact}”{" "}
                  <a href={`/documents/${slug}#${d.passageId}`}>{passageLabels[d.passageId] ?? "passage"}</a>
                </p>
                <p className={styles.actions}>
                  <button
                    type="button"
                    className={styles.primary}
                    onClick={() => void review("accept", [d])}
                    disabled={busy}
                    aria-label={`Accept ${d.dateText}: ${d.exact.slice(0, 80)}`}
                  >
                    Accept
                  </button>
                  <button
                    type="button"
                    onClick={() => void review("reject", [d])}
                    disabled={busy}
                    aria-label={`Reject ${d.dateText}: ${d.exact.slice(0, 80)}`}
                  >
                    Reject
                  </button>
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

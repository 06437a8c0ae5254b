"use client";

import { createPortal } from "react-dom";
import { anchoringOf, quoteOf } from "./annotation-client";
import type { Reattaching } from "./use-reattach";
import styles from "./annotator.module.css";

/** Above the text while an annotation is re-attached: the words it was on, what to do, and what went wrong. */
export function ReattachBanner({ host, reattach }: { host: HTMLElement; reattach: Reattaching }) {
  const previousQuote = reattach.note ? anchoringOf(reattach.note)?.previousQuote : undefined;
  return createPortal(
    <div className={styles.reattach} role="region" aria-label="Re-attaching an annotation">
      {reattach.note ? (
        <p>
          Re-attaching the {reattach.note.motivation === "identifying" ? "mention" : "annotation"} that was on{" "}
          <q>{quoteOf(reattach.note)}</q>
          {previousQuote ? (
            <>
              {" "}
              (first on <q>{previousQuote}</q>)
            </>
          ) : null}
          . Select the words it belongs on, then choose <strong>Attach here</strong> (Alt+A reaches it).
        </p>
      ) : reattach.error ? null : (
        <p>Loading the annotation…</p>
      )}
      {reattach.error ? <p role="alert">{reattach.error}</p> : null}
      <p>
        <a href="/moderation/anchors">Back to the anchors to review</a>
      </p>
    </div>,
    host,
  );
}

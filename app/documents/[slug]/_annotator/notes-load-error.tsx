"use client";

import { useState } from "react";
import { createPortal } from "react-dom";
import styles from "./annotator.module.css";

/**
 * Says that readers' notes could not be loaded, and why, with a way to load them again. It stays
 * at the foot of the screen, since the notes of a section load as the reader scrolls to it.
 */
export function NotesLoadError({ reason, onRetry }: { reason: string; onRetry: () => Promise<unknown> }) {
  const [busy, setBusy] = useState(false);
  const retry = () => {
    setBusy(true);
    void onRetry().finally(() => setBusy(false));
  };
  return createPortal(
    <div className={styles.loadError} role="alert">
      <p>
        <strong>Readers’ notes could not be loaded.</strong> {reason}
      </p>
      <button type="button" onClick={retry} disabled={busy}>
        {busy ? "Trying again…" : "Try again"}
      </button>
    </div>,
    document.body,
  );
}

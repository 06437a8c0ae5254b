"use client";

import { useRef, useState } from "react";
import { createPortal } from "react-dom";
import { returnFocus } from "../_selection/focus-return";
import styles from "./annotator.module.css";

/** The first element `selector` finds on the screen as it is now (none scrolled off). */
const onScreen = (selector: string) => () =>
  [...document.querySelectorAll(selector)].find((element) => {
    const { top, bottom } = element.getBoundingClientRect();
    return bottom > 0 && top < window.innerHeight;
  });

/**
 * Says that readers' notes could not be loaded, and why, with a way to load them again. It stays
 * at the foot of the screen, since the notes of a section load as the reader scrolls to it.
 */
export function NotesLoadError({ reason, onRetry }: { reason: string; onRetry: () => Promise<unknown> }) {
  const [busy, setBusy] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const retry = () => {
    setBusy(true);
    // When the notes load, this message and its button go: focus goes on to a note on the screen,
    // else to the permalink of a passage there, where the reader is, not to the page's top.
    const hadFocus = document.activeElement === button.current;
    void onRetry()
      .then(() => {
        if (hadFocus) returnFocus([onScreen("[data-note]"), onScreen("#text a.permalink")], { wait: 1000, preventScroll: true });
      })
      .finally(() => setBusy(false));
  };
  return createPortal(
    <div className={styles.loadError} role="alert">
      <p>
        <strong>Readers’ notes could not be loaded.</strong> {reason}
      </p>
      <button ref={button} type="button" onClick={retry} disabled={busy}>
        {busy ? "Trying again…" : "Try again"}
      </button>
    </div>,
    document.body,
  );
}

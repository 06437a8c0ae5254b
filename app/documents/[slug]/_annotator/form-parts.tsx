"use client";

// What the forms of the selection toolbar share: their props, saving, the error line and buttons,
// the choice of visibility, the quoted words.

import { useState } from "react";
import type { TextRange } from "@/lib/text-model/text-range";
import { RequestFailed, type Note } from "./annotation-client";
import styles from "./annotator.module.css";

export interface FormProps {
  slug: string;
  readerPath: string;
  selected: TextRange;
  /**
   * Called once the work is saved, with the annotation made from the selected words (a note to
   * show, or the mention an identification made), which then takes focus, and what to announce.
   */
  onDone: (saved: Note | null, message: string) => void;
  onCancel: () => void;
}

export const failure = (e: unknown) => (e instanceof RequestFailed ? e.message : "Something went wrong. Try again.");

/**
 * A form's saving: `save` runs `work` with the form busy and its error cleared; a failure is the
 * form's error, in words, and the form can be sent again. On success the form is left busy: it is
 * about to close.
 */
export function useSaving() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(failure(e));
      setBusy(false);
    }
  };
  return { error, setError, busy, setBusy, save };
}

/** The error line and the Save / Cancel buttons every form ends with. */
export function Footer({ error, busy, label, onCancel }: { error: string | null; busy: boolean; label: string; onCancel: () => void }) {
  return (
    <>
      <div role="alert" className={styles.error}>
        {error}
      </div>
      <div className={styles.actions}>
        <button type="submit" disabled={busy}>
          {label}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </>
  );
}

export function VisibilityChoice() {
  return (
    <fieldset className={styles.visibility}>
      <legend>Who can see it</legend>
      <label>
        <input type="radio" name="visibility" value="public" defaultChecked /> Public
      </label>
      <label>
        <input type="radio" name="visibility" value="private" /> Private
      </label>
    </fieldset>
  );
}

export const visibilityOf = (data: FormData) => (data.get("visibility") === "private" ? "private" : "public");

export function Quoted({ selected }: { selected: TextRange }) {
  return (
    <p className={styles.quote}>
      <q>{selected.exact.length > 160 ? `${selected.exact.slice(0, 157)}…` : selected.exact}</q>
    </p>
  );
}

/** A comment in markdown, public or private. */

"use client";

import { useEffect, useRef, useState } from "react";
import { refusalInWords } from "../documents/_import/import-client";
import styles from "./library.module.css";

interface Props {
  slug: string;
  title: string;
  visibility: "public" | "private";
  /** Whether the reader may publish it (an editor, their own private document). */
  publishable: boolean;
}

/**
 * Whether one of the reader's documents is private or public, and for an editor's private one a
 * Publish button (PATCH /api/documents/:slug `{ visibility: "public" }`). Once published, the
 * badge says so and the button gives way to a sentence that takes its focus.
 */
export function DocumentVisibility({ slug, title, visibility: initial, publishable }: Props) {
  const [visibility, setVisibility] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [published, setPublished] = useState(false);
  const said = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (published) said.current?.focus();
  }, [published]);

  const publish = async () => {
    setBusy(true);
    setError(null);
    try {
      const response = await fetch(`/api/documents/${encodeURIComponent(slug)}`, {
        method: "PATCH",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ visibility: "public" }),
      });
      if (response.ok) {
        setVisibility("public");
        setPublished(true);
      } else {
        setError(`Not published: ${await refusalInWords(response)}`);
      }
    } catch {
      setError("Not published: the server could not be reached. Try again.");
    }
    setBusy(false);
  };

  return (
    <p className={styles.visibility}>
      <span className={styles.badge} data-visibility={visibility}>
        {visibility === "private" ? "Private" : "Public"}
      </span>
      {publishable && visibility === "private" ? (
        <button type="button" onClick={publish} disabled={busy}>
          Publish<span className="visually-hidden"> “{title}”</span>
        </button>
      ) : null}
      {published ? (
        <span ref={said} role="status" tabIndex={-1} className={styles.published}>
          Published: everyone can read it now.
        </span>
      ) : null}
      <span role="alert" className={styles.error}>
        {error}
      </span>
    </p>
  );
}

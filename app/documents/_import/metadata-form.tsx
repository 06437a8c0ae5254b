"use client";

import { useEffect, useId, useState } from "react";
import { metadataFields, metadataPatch, type MetadataFields } from "@/lib/documents/metadata-fields";
import { refusalInWords } from "./import-client";
import styles from "./import.module.css";

interface Props {
  slug: string;
  /** Called with the title once it is known, and again when a correction changes it. */
  onTitle: (title: string) => void;
}

type Loaded = { state: "loading" } | { state: "failed"; message: string } | { state: "ready"; fields: MetadataFields };

/**
 * The details of a document just imported, to check and correct: read from GET
 * /api/documents/:slug's `metadata`, saved with PATCH. The answer (saved, or why not) is said next
 * to the button.
 */
export function MetadataForm({ slug, onTitle }: Props) {
  const id = useId();
  const [loaded, setLoaded] = useState<Loaded>({ state: "loading" });
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);

  useEffect(() => {
    let live = true;
    (async () => {
      try {
        const response = await fetch(`/api/documents/${encodeURIComponent(slug)}`, {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
          cache: "no-store",
        });
        if (!response.ok) throw new Error(await refusalInWords(response));
        const { metadata } = (await response.json()) as { metadata: Record<string, unknown> };
        if (!live) return;
        const fields = metadataFields(metadata);
        setLoaded({ state: "ready", fields });
        onTitle(fields.title);
      } catch (error) {
        if (live) setLoaded({ state: "failed", message: error instanceof Error ? error.message : String(error) });
      }
    })();
    return () => {
      live = false;
    };
  }, [slug, onTitle]);

  if (loaded.state === "loading") return <p className={styles.note}>Reading the document’s details…</p>;
  if (loaded.state === "failed") {
    return (
      <p className={styles.error} role="alert">
        The document’s details could not be read: {loaded.message}
      </p>
    );
  }

  const field = (name: string) => `${id}-${name}`;
  return (
    <form
      className={styles.form}
      aria-labelledby={field("heading")}
      onSubmit={async (event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        const fields = Object.fromEntries(
          (["title", "authors", "date", "publisher", "url", "language"] as const).map((name) => [name, String(data.get(name) ?? "")]),
        ) as unknown as MetadataFields;
        setSaving(true);
        setOutcome(null);
        try {
          const response = await fetch(`/api/documents/${encodeURIComponent(slug)}`, {
            method: "PATCH",
            credentials: "same-origin",
            headers: { "Content-Type": "application/json", Accept: "application/json" },
            body: JSON.stringify(metadataPatch(fields)),
          });
          if (!response.ok) {
            setOutcome({ ok: false, message: await refusalInWords(response) });
          } else {
            const { metadata } = (await response.json()) as { metadata: Record<string, unknown> };
            const saved = metadataFields(metadata);
            onTitle(saved.title);
            setOutcome({ ok: true, message: "Saved. Citations of the document use these details." });
          }
        } catch {
          setOutcome({ ok: false, message: "The server could not be reached. Try again." });
        }
        setSaving(false);
      }}
    >
      <h3 id={field("heading")}>Check its details</h3>
      <p className={styles.note}>Read from the file where it has them. Correct what is wrong; leave empty what is not known.</p>
      <p className={styles.field}>
        <label htmlFor={field("title")}>Title</label>
        <input id={field("title")} name="title" type="text" required maxLength={500} defaultValue={loaded.fields.title} />
      </p>
      <p className={styles.field}>
        <label htmlFor={field("authors")}>Authors</label>
        <textarea
          id={field("authors")}
          name="authors"
          rows={3}
          defaultValue={loaded.fields.authors}
          aria-describedby={`${field("authors")}-hint`}
        />
        <span id={`${field("authors")}-hint`} className={styles.hint}>
          One per line, as they are written (“Ehmetjan Qasimi”).
        </span>
      </p>
      <div className={styles.row}>
        <p className={styles.field}>
          <label htmlFor={field("date")}>Date</label>
          <input
            id={field("date")}
            name="date"
            type="text"
            inputMode="numeric"
            defaultValue={loaded.fields.date}
            aria-describedby={`${field("date")}-hint`}
          />
          <span id={`${field("date")}-hint`} className={styles.hint}>
            YYYY, YYYY-MM or YYYY-MM-DD.
          </span>
        </p>
        <p className={styles.field}>
          <label htmlFor={field("language")}>Language</label>
          <input
            id={field("language")}
            name="language"
            type="text"
            defaultValue={loaded.fields.language}
            aria-describedby={`${field("language")}-hint`}
          />
          <span id={`${field("language")}-hint`} className={styles.hint}>
            A tag such as en, de or ug-Arab.
          </span>
        </p>
      </div>
      <p className={styles.field}>
        <label htmlFor={field("publisher")}>Publisher</label>
        <input id={field("publisher")} name="publisher" type="text" maxLength={500} defaultValue={loaded.fields.publisher} />
      </p>
      <p className={styles.field}>
        <label htmlFor={field("url")}>Address (URL)</label>
        <input id={field("url")} name="url" type="url" maxLength={2000} defaultValue={loaded.fields.url} />
      </p>
      <div className={styles.actions}>
        <button type="submit" className={styles.primary} disabled={saving}>
          Save the details
        </button>
        <span role="status" className={styles.saved}>
          {outcome?.ok ? outcome.message : null}
        </span>
        <span role="alert" className={styles.error}>
          {outcome && !outcome.ok ? outcome.message : null}
        </span>
      </div>
    </form>
  );
}

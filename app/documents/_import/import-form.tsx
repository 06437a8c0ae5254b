"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, type DragEvent, type ReactNode } from "react";
import { importFormData, sizeInWords, stageInWords } from "./import-client";
import { MetadataForm } from "./metadata-form";
import { useImportJob } from "./use-import-job";
import styles from "./import.module.css";

interface Props {
  /** A new version of this document; without it, a new document. */
  slug?: string;
  /** Whether the reader may make a new document public at once (editors). */
  canPublish?: boolean;
  /** The formats Gloss reads, in words ("Markdown, plain text, …"). */
  formats: string;
  /** The largest file the server takes (bytes). */
  maxBytes: number;
  /** The level of the form's own headings: under the page's h1, or under a section's h2. */
  headingLevel?: 2 | 3;
}

/**
 * Importing a source: a file dropped on the drop zone or chosen in it, or pasted text, with the
 * source's details for a new document. Sent, it shows the job's stage and progress until it is
 * done (a link to the document, and its details to check) or failed (why, and the form again).
 * The same component adds a version to a document (`slug`).
 */
export function ImportForm({ slug, canPublish = false, formats, maxBytes, headingLevel = 2 }: Props) {
  const action = slug ? `/api/documents/${encodeURIComponent(slug)}/versions` : "/api/documents";
  const { state, start, reset, refuse } = useImportJob(action);
  const router = useRouter();
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const [chosen, setChosen] = useState<File | null>(null);
  const [dragging, setDragging] = useState(false);
  const [title, setTitle] = useState("");
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const { phase } = state;

  // Focus follows the work: to the progress as the form goes, to the outcome when it is there,
  // to the error each time the form comes back with one (the same refusal twice included).
  useEffect(() => {
    if (state.phase === "sending" || state.phase === "done") headingRef.current?.focus();
    if (state.phase === "failed") errorRef.current?.focus();
    // A version page lists the versions: show the new one.
    if (state.phase === "done" && slug) router.refresh();
  }, [state, slug, router]);

  const choose = (file: File | null) => {
    setChosen(file);
    if (phase === "failed") reset();
  };

  const dropped = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (!file || !fileRef.current) return;
    // The input holds the file, so the form sends what it shows whichever way it was chosen.
    const one = new DataTransfer();
    one.items.add(file);
    fileRef.current.files = one.files;
    choose(file);
  };

  const removeFile = () => {
    if (fileRef.current) fileRef.current.value = "";
    setChosen(null);
    fileRef.current?.focus();
  };

  const another = () => {
    formRef.current?.reset();
    setChosen(null);
    setTitle("");
    reset();
    // The form is shown again on the next render; its first control takes focus then.
    requestAnimationFrame(() => fileRef.current?.focus());
  };

  const working = phase === "sending" || phase === "following";
  const idOf = (suffix: string) => `${id}-${suffix}`;

  return (
    <div className={styles.importer}>
      <noscript>
        <p className={styles.error}>Importing needs JavaScript, to send the file and follow its progress. Turn it on to import.</p>
      </noscript>
      {/* Posted by the page's script; the method and address keep a form sent without it from
          putting pasted text in an address. */}
      <form
        ref={formRef}
        method="post"
        encType="multipart/form-data"
        action={action}
        className={styles.form}
        hidden={working || phase === "done"}
        aria-label={slug ? "Upload a new version" : "Import a document"}
        onSubmit={(event) => {
          event.preventDefault();
          const data = importFormData(event.currentTarget);
          if (data.has("file") && data.has("text")) {
            refuse("Choose a file or paste text, not both: remove the file, or empty the text box.");
          } else if (!data.has("file") && !data.has("text")) {
            refuse("Choose a file, or paste some text.");
          } else if (chosen && chosen.size > maxBytes) {
            refuse(`The file is ${sizeInWords(chosen.size)}: Gloss takes files up to ${sizeInWords(maxBytes)}.`);
          } else {
            void start(data);
          }
        }}
      >
        <div
          className={styles.drop}
          data-dragging={dragging ? "" : undefined}
          onDragEnter={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragOver={(event) => {
            event.preventDefault();
            event.dataTransfer.dropEffect = "copy";
          }}
          onDragLeave={(event) => {
            if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
          }}
          onDrop={dropped}
        >
          {/* The input covers the zone: a click anywhere on it, or Enter or Space on the focused
              input, opens the file chooser; the zone shows the input's focus. */}
          <input
            ref={fileRef}
            id={idOf("file")}
            className={styles.fileInput}
            type="file"
            name="file"
            aria-labelledby={idOf("drop-label")}
            aria-describedby={`${idOf("drop-hint")} ${idOf("chosen")}`}
            onChange={(event) => choose(event.currentTarget.files?.[0] ?? null)}
          />
          <span id={idOf("drop-label")} className={styles.dropLabel}>
            {dragging ? "Drop the file to choose it" : "Drop a file here, or choose one"}
          </span>
          <span className={styles.chooseButton} aria-hidden="true">
            Choose a file
          </span>
          <span id={idOf("drop-hint")} className={styles.hint}>
            Gloss reads {formats}, up to {sizeInWords(maxBytes)}.
          </span>
          <span id={idOf("chosen")} className={styles.chosen}>
            {chosen ? `Chosen: ${chosen.name} (${sizeInWords(chosen.size)})` : null}
          </span>
        </div>
        {chosen ? (
          <p className={styles.actions}>
            <button type="button" onClick={removeFile}>
              Remove the file
            </button>
          </p>
        ) : null}

        <p className={styles.field}>
          <label htmlFor={idOf("text")}>Or paste the text</label>
          <textarea
            id={idOf("text")}
            name="text"
            rows={slug ? 6 : 8}
            aria-describedby={idOf("text-hint")}
            onChange={() => {
              if (phase === "failed") reset();
            }}
          />
          <span id={idOf("text-hint")} className={styles.hint}>
            Plain text or Markdown; blank lines part paragraphs.
          </span>
        </p>

        {slug ? null : (
          <fieldset className={styles.details}>
            <legend>About the source (optional)</legend>
            <p className={styles.note}>What you fill in here replaces what the file says of itself.</p>
            <Field id={idOf("title")} label="Title">
              <input id={idOf("title")} name="title" type="text" maxLength={500} />
            </Field>
            <Field id={idOf("authors")} label="Authors" hint="One per line.">
              <textarea id={idOf("authors")} name="authors" rows={2} aria-describedby={`${idOf("authors")}-hint`} />
            </Field>
            <div className={styles.row}>
              <Field id={idOf("date")} label="Date" hint="YYYY, YYYY-MM or YYYY-MM-DD.">
                <input id={idOf("date")} name="date" type="text" inputMode="numeric" aria-describedby={`${idOf("date")}-hint`} />
              </Field>
              <Field id={idOf("language")} label="Language" hint="A tag such as en or ug-Arab.">
                <input id={idOf("language")} name="language" type="text" aria-describedby={`${idOf("language")}-hint`} />
              </Field>
            </div>
            <Field id={idOf("publisher")} label="Publisher">
              <input id={idOf("publisher")} name="publisher" type="text" maxLength={500} />
            </Field>
            <Field id={idOf("url")} label="Address (URL)">
              <input id={idOf("url")} name="url" type="url" maxLength={2000} />
            </Field>
          </fieldset>
        )}

        {slug ? null : canPublish ? (
          <p className={styles.check}>
            <input id={idOf("public")} name="visibility" value="public" type="checkbox" aria-describedby={`${idOf("public")}-hint`} />
            <label htmlFor={idOf("public")}>Make it public</label>
            <span id={`${idOf("public")}-hint`} className={styles.hint}>
              Everyone can read a public document. Otherwise only you can.
            </span>
          </p>
        ) : (
          <p className={styles.note}>Only you can read what you import. An editor can make it public.</p>
        )}

        <div ref={errorRef} id={idOf("error")} className={styles.error} role="alert" tabIndex={-1}>
          {phase === "failed" ? state.message : null}
        </div>
        <p className={styles.actions}>
          <button type="submit" className={styles.primary}>
            {slug ? "Upload the new version" : "Import"}
          </button>
        </p>
      </form>

      {working ? (
        <section className={styles.progress} aria-labelledby={idOf("progress-heading")}>
          <Heading ref={headingRef} id={idOf("progress-heading")} tabIndex={-1}>
            {slug ? "Importing the new version" : "Importing"}
            {state.phase === "following" && state.job.fileName ? `: ${state.job.fileName}` : null}
          </Heading>
          <div className={styles.bar}>
            <label htmlFor={idOf("progress")}>Progress</label>
            <progress id={idOf("progress")} max={1} value={state.phase === "following" ? state.job.progress : undefined} />
            <span className={styles.percent} aria-hidden="true">
              {state.phase === "following" ? `${Math.round(state.job.progress * 100)}%` : ""}
            </span>
          </div>
          <p role="status" className={styles.stage} data-stage="">
            {state.phase === "following" ? stageInWords(state.job) : "Sending"}
          </p>
        </section>
      ) : null}

      {state.phase === "done" ? (
        <section className={styles.done} aria-labelledby={idOf("done-heading")}>
          <Heading ref={headingRef} id={idOf("done-heading")} tabIndex={-1}>
            {slug ? "The new version is imported" : "Imported"}
          </Heading>
          {slug ? (
            <p>
              <a href={`/documents/${encodeURIComponent(slug)}/versions`}>See the versions</a> and what became of the annotations, or{" "}
              <a href={`/documents/${encodeURIComponent(slug)}`}>read the current text</a>.
            </p>
          ) : (
            <>
              <p>It is in your library.</p>
              <p className={styles.open}>
                <a href={`/documents/${encodeURIComponent(state.job.document.slug)}`}>{title ? `Open “${title}”` : "Open the document"}</a>
              </p>
              <MetadataForm slug={state.job.document.slug} onTitle={setTitle} />
            </>
          )}
          <p className={`${styles.actions} ${styles.again}`}>
            <button type="button" onClick={another}>
              {slug ? "Upload another version" : "Import another document"}
            </button>
          </p>
        </section>
      ) : null}
    </div>
  );
}

/** A labelled field of the form, with its hint. */
function Field({ id, label, hint, children }: { id: string; label: string; hint?: string; children: ReactNode }) {
  return (
    <p className={styles.field}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? (
        <span id={`${id}-hint`} className={styles.hint}>
          {hint}
        </span>
      ) : null}
    </p>
  );
}

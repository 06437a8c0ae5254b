"use client";

import { useId, type FormEvent } from "react";
import { annotationOn, createAnnotation } from "./annotation-client";
import { Footer, useSaving, VisibilityChoice, visibilityOf, type FormProps } from "./form-parts";
import { splitTags } from "./note-view";
import styles from "./annotator.module.css";

export function CommentForm({ slug, readerPath, selected, onDone, onCancel }: FormProps) {
  const { error, setError, busy, save } = useSaving();
  const id = useId();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const value = String(data.get("comment") ?? "");
    if (!value.trim()) return setError("Write a comment first.");
    void save(async () => {
      const body = { type: "TextualBody", value, format: "text/markdown" };
      const created = await createAnnotation(
        slug,
        annotationOn(readerPath, selected, "commenting", body, visibilityOf(data)),
        "The comment could not be saved",
      );
      onDone(created, "Comment saved.");
    });
  }
  return (
    <form className={styles.form} onSubmit={submit} aria-label="Comment on the selected words">
      <label htmlFor={`${id}-comment`}>Comment</label>
      <textarea id={`${id}-comment`} name="comment" rows={4} maxLength={10000} autoFocus required aria-describedby={`${id}-hint`} />
      <span id={`${id}-hint`} className={styles.hint}>
        Markdown: *emphasis*, **strong**, [links](https://…), lists.
      </span>
      <VisibilityChoice />
      <Footer error={error} busy={busy} label="Save" onCancel={onCancel} />
    </form>
  );
}

/** Tags (comma-separated), public or private. */
export function TagForm({ slug, readerPath, selected, onDone, onCancel }: FormProps) {
  const { error, setError, busy, save } = useSaving();
  const id = useId();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const tags = splitTags(String(data.get("tags") ?? ""));
    if (tags.length === 0) return setError("Give at least one tag.");
    void save(async () => {
      const body = tags.map((value) => ({ type: "TextualBody", purpose: "tagging", value }));
      const created = await createAnnotation(
        slug,
        annotationOn(readerPath, selected, "tagging", body, visibilityOf(data)),
        "The tags could not be saved",
      );
      onDone(created, tags.length === 1 ? "Tag saved." : `${tags.length} tags saved.`);
    });
  }
  return (
    <form className={styles.form} onSubmit={submit} aria-label="Tag the selected words">
      <label htmlFor={`${id}-tags`}>Tags</label>
      <input id={`${id}-tags`} name="tags" autoFocus required maxLength={1000} aria-describedby={`${id}-hint`} />
      <span id={`${id}-hint`} className={styles.hint}>
        Separate tags with commas, e.g. “date, uncertain”.
      </span>
      <VisibilityChoice />
      <Footer error={error} busy={busy} label="Save tags" onCancel={onCancel} />
    </form>
  );
}

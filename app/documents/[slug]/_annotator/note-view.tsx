"use client";

import { useEffect, useRef, useState, type FormEvent } from "react";
import {
  anchoringOf,
  ANNO_CONTEXT,
  apiPath,
  commentBody,
  createAnnotation,
  currentAnnotation,
  isMine,
  LD_JSON,
  noteElement,
  quoteOf,
  RequestFailed,
  send,
  tagsOf,
  type Note,
  type Viewer,
} from "./annotation-client";
import { returnFocus } from "../_selection/focus-return";
import styles from "./annotator.module.css";
import { commentClass, NoteWords } from "./note-words";

/** What a reader may do to a note: its author edit and delete it, an editor delete a public one. */
function permissions(note: Note, viewer: Viewer | null | undefined) {
  const mine = isMine(note, viewer);
  return { edit: mine, remove: mine || (viewer?.role === "editor" && note.visibility !== "private"), reply: !!viewer };
}

/**
 * Markdown, rendered to sanitised HTML (no raw HTML, no scripts, no javascript: links) by the
 * same module the server uses; loaded only when a note in markdown is on the page.
 */
function Markdown({ value }: { value: string }) {
  const [html, setHtml] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    import("@/lib/annotations/markdown")
      .then(({ markdownToHtml }) => {
        if (live) setHtml(markdownToHtml(value));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [value]);
  if (html === null) return <div className={commentClass.plain}>{value}</div>;
  return <div className={commentClass.markdown} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** A note's words: its comment (the first that is not a tag) and its tags. */
function Body({ note }: { note: Note }) {
  const comment = commentBody(note);
  const comments = comment
    ? [{ value: comment.value, format: comment.format === "text/markdown" ? ("text/markdown" as const) : ("text/plain" as const) }]
    : [];
  return <NoteWords body={{ comments, tags: tagsOf(note) }} Markdown={Markdown} />;
}

interface ThreadProps {
  note: Note;
  replies: Note[];
  viewer: Viewer | null | undefined;
  slug: string;
  passageLabel: string;
  onChanged: (note: Note) => void;
  onDeleted: (id: string) => void;
  onAdded: (note: Note) => void;
}

/** A note on the text and the replies to it, oldest first. */
export function Thread({ note, replies, viewer, slug, passageLabel, onChanged, onDeleted, onAdded }: ThreadProps) {
  const [replying, setReplying] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const replyButton = useRef<HTMLButtonElement>(null);
  const formId = `reply-${note.id.split("/").pop()}`;
  /** Closes the reply form; focus goes to the reply just posted, else back to Reply. */
  const closeForm = (posted?: Note) => {
    setReplying(false);
    returnFocus(posted ? [() => noteElement(posted.id), () => replyButton.current] : [() => replyButton.current], { wait: 3000 });
  };

  async function reply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get("reply") ?? "");
    if (!value.trim()) {
      setError("Write a reply first.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const created = await createAnnotation(
        slug,
        {
          "@context": ANNO_CONTEXT,
          type: "Annotation",
          motivation: "replying",
          body: { type: "TextualBody", value, format: "text/markdown" },
          target: note.id,
          visibility: note.visibility ?? "public",
        },
        "The reply could not be saved",
      );
      onAdded(created);
      closeForm(created);
    } catch (e) {
      setError(e instanceof RequestFailed ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className={styles.thread} data-thread="">
      <NoteItem note={note} slug={slug} viewer={viewer} onChanged={onChanged} onDeleted={onDeleted} root />
      {replies.length > 0 ? (
        <ul className={styles.replies} aria-label="Replies">
          {replies.map((r) => (
            <NoteItem key={r.id} note={r} slug={slug} viewer={viewer} onChanged={onChanged} onDeleted={onDeleted} />
          ))}
        </ul>
      ) : null}
      {viewer ? (
        replying ? (
          <form className={styles.form} onSubmit={reply} aria-label={`Reply to the note on ${passageLabel}`}>
            <label htmlFor={formId}>Reply</label>
            <textarea id={formId} name="reply" rows={3} maxLength={10000} autoFocus required aria-describedby={`${formId}-hint`} />
            <span id={`${formId}-hint`} className={styles.hint}>
              Markdown: *emphasis*, **strong**, [links](https://…), lists.
              {note.visibility === "private" ? " Replies to a private note are private too." : ""}
            </span>
            <div role="alert" className={styles.error}>
              {error}
            </div>
            <div className={styles.actions}>
              <button type="submit" disabled={busy}>
                Post reply
              </button>
              <button type="button" onClick={() => closeForm()}>
                Cancel
              </button>
            </div>
          </form>
        ) : (
          <button type="button" className={styles.link} onClick={() => setReplying(true)} ref={replyButton}>
            Reply
          </button>
        )
      ) : null}
    </li>
  );
}

/** One note or reply: who wrote it and when, its words and tags, and what the viewer may do with it. */
function NoteItem({
  note,
  slug,
  viewer,
  onChanged,
  onDeleted,
  root = false,
}: {
  note: Note;
  slug: string;
  viewer: Viewer | null | undefined;
  onChanged: (note: Note) => void;
  onDeleted: (id: string) => void;
  /** The thread's first note (shown with its quote, as a block); otherwise a reply (a list item). */
  root?: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const self = useRef<HTMLDivElement & HTMLLIElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const url = apiPath(note.id);
  const may = permissions(note, viewer);
  const mine = isMine(note, viewer);
  const editId = `edit-${note.id.split("/").pop()}`;
  const comment = commentBody(note);
  const tags = tagsOf(note);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const { etag, annotation } = await currentAnnotation(url);
      let body: unknown;
      if (note.motivation === "tagging") {
        const list = splitTags(String(data.get("tags") ?? ""));
        if (list.length === 0) throw new RequestFailed("Give at least one tag.");
        body = list.map((value) => ({ type: "TextualBody", purpose: "tagging", value }));
      } else {
        body = { type: "TextualBody", value: String(data.get("comment") ?? ""), format: comment?.format ?? "text/markdown" };
      }
      const updated = await send<Note>(url, "PUT", { ...annotation, body }, "The note could not be saved", {
        "Content-Type": LD_JSON,
        "If-Match": etag,
        Accept: "application/ld+json",
      });
      onChanged(updated);
      setEditing(false);
      returnFocus([self.current]);
    } catch (e) {
      setError(e instanceof RequestFailed ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    const what = note.motivation === "replying" ? "reply" : "note";
    if (!window.confirm(mine ? `Delete this ${what}?` : `Delete this ${what} by ${note.creator?.name ?? "another reader"}?`)) return;
    setBusy(true);
    setError(null);
    try {
      const { etag } = await currentAnnotation(url);
      await send(url, "DELETE", undefined, "The note could not be deleted", { "If-Match": etag });
      // Focus goes to the note a reply answered, else to the passage the note was on (its ¶ link),
      // else to the heading of the notes whose words are gone.
      const element = self.current;
      const thread = element?.closest("[data-thread]");
      const passageId = element?.closest("[data-gloss-notes]")?.getAttribute("data-gloss-notes");
      const targets = [
        note.motivation === "replying" ? thread?.querySelector(":scope > [data-note]") : null,
        passageId ? document.getElementById(passageId)?.querySelector("a.permalink") : null,
        document.getElementById("lost-notes"),
      ];
      onDeleted(note.id);
      returnFocus(targets);
    } catch (e) {
      setError(e instanceof RequestFailed ? e.message : String(e));
      setBusy(false);
    }
  }

  const date = new Date(note.modified || note.created);
  const author = mine ? "You" : (note.creator?.name ?? "A reader");
  const Tag = root ? "div" : "li";
  return (
    <Tag
      ref={self}
      className={styles.note}
      data-note={note.id}
      data-visibility={note.visibility}
      data-motivation={note.motivation}
      // Focus comes here once the note is saved (focus-return.ts).
      tabIndex={-1}
    >
      <div className={styles.meta}>
        {note.creator ? (
          <a href={apiPath(note.creator.id)} className={styles.author}>
            {author}
          </a>
        ) : (
          <span>{author}</span>
        )}
        {" · "}
        <time dateTime={date.toISOString()}>{date.toLocaleDateString("en", { dateStyle: "medium" })}</time>
        {note.visibility === "private" ? <span className={styles.private}> · private</span> : null}
      </div>
      {root && quoteOf(note) ? (
        <div className={styles.quote}>
          <q>{quoteOf(note)}</q>
        </div>
      ) : null}
      {root ? <AnchoringNotice note={note} slug={slug} /> : null}
      {editing ? (
        <form onSubmit={save} className={styles.form} aria-label={note.motivation === "tagging" ? "Edit the tags" : "Edit the comment"}>
          {note.motivation === "tagging" ? (
            <>
              <label htmlFor={editId}>Tags</label>
              <input id={editId} name="tags" defaultValue={tags.join(", ")} autoFocus required maxLength={1000} />
            </>
          ) : (
            <>
              <label htmlFor={editId}>Comment</label>
              <textarea id={editId} name="comment" rows={4} maxLength={10000} defaultValue={comment?.value ?? ""} autoFocus required />
            </>
          )}
          <div role="alert" className={styles.error}>
            {error}
          </div>
          <div className={styles.actions}>
            <button type="submit" disabled={busy}>
              Save
            </button>
            <button
              type="button"
              onClick={() => {
                setEditing(false);
                returnFocus([() => editButton.current], { wait: 1000 });
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <>
          <Body note={note} />
          {may.edit || may.remove ? (
            <div className={styles.actions}>
              {may.edit ? (
                <button type="button" onClick={() => setEditing(true)} disabled={busy} ref={editButton}>
                  Edit
                </button>
              ) : null}
              {may.remove ? (
                <button type="button" onClick={remove} disabled={busy}>
                  {mine ? "Delete" : "Remove"}
                </button>
              ) : null}
            </div>
          ) : null}
          {error ? (
            <div role="alert" className={styles.error}>
              {error}
            </div>
          ) : null}
        </>
      )}
    </Tag>
  );
}

/** Tags from a comma- or newline-separated list: trimmed, without empties or repeats. */
export function splitTags(input: string): string[] {
  const seen = new Set<string>();
  for (const raw of input.split(/[,\n]/)) {
    const tag = raw.trim().replace(/\s+/g, " ");
    if (tag && tag.length <= 100) seen.add(tag);
  }
  return [...seen].slice(0, 20);
}

/**
 * Where a note stands since the text changed: made on an earlier version (with a link to it as it
 * was), on words that have changed (with the words it was made on), or on words no longer there.
 */
function AnchoringNotice({ note, slug }: { note: Note; slug: string }) {
  const anchoring = anchoringOf(note);
  if (!anchoring) return null;
  const history = (hash: string) => `/documents/${encodeURIComponent(slug)}/v/${hash.slice(0, 12)}`;
  if (anchoring.state === "orphaned")
    return (
      <p className={styles.anchoring} data-anchoring="orphaned">
        The words this note was on are no longer in the text. <a href={history(anchoring.version)}>See them in the version it was on</a>.
      </p>
    );
  if (!anchoring.madeOn && !anchoring.previousQuote) return null;
  return (
    <p className={styles.anchoring} data-anchoring={anchoring.state}>
      {anchoring.previousQuote ? (
        <>
          The words have changed since this note was made: it was on <q>{anchoring.previousQuote}</q>.{" "}
        </>
      ) : (
        "The text has changed since this note was made. "
      )}
      {anchoring.madeOn ? <a href={history(anchoring.madeOn)}>See the version it was made on</a> : null}
    </p>
  );
}

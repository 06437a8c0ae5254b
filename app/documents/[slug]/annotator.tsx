"use client";

import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { createPortal } from "react-dom";
import { rangeFromOffsets } from "./text-range";
import { selectionInPassage, type TextSelection } from "./selection";
import styles from "./annotator.module.css";

const ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld";
const LD_JSON = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';

interface Viewer {
  id: string;
  email: string;
}

/** A commenting annotation as the collection serves it (the parts the notes use). */
interface Note {
  id: string;
  created: string;
  modified: string;
  creator?: { id: string };
  body?: { type: string; value?: string; format?: string } | Array<{ type: string; value?: string }>;
  target: { source?: string; selector: Array<{ type: string; exact?: string; start?: number; end?: number }> };
  visibility?: "public" | "private";
  [key: string]: unknown;
}

const noteText = (note: Note) =>
  (Array.isArray(note.body) ? note.body : note.body ? [note.body] : [])
    .filter((b) => b.type === "TextualBody")
    .map((b) => b.value ?? "")
    .join("\n\n");
const position = (note: Note) =>
  note.target.selector.find((s) => s.type === "TextPositionSelector") as { start: number; end: number } | undefined;
const quote = (note: Note) => note.target.selector.find((s) => s.type === "TextQuoteSelector")?.exact ?? "";
const apiPath = (url: string) => {
  const u = new URL(url, window.location.href);
  return `${u.pathname}${u.search}`;
};
async function errorMessage(response: Response, fallback: string): Promise<string> {
  const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  return body?.error?.message ?? `${fallback} (${response.status})`;
}

/** The element a passage's notes go in: inside a list item, after any other passage. */
function notesHost(passageText: HTMLElement): HTMLElement | null {
  const passage = passageText.closest<HTMLElement>(".passage");
  if (!passage) return null;
  const existing =
    passage.tagName === "LI" ? passage.querySelector<HTMLElement>(":scope > [data-gloss-notes]") : passage.nextElementSibling;
  if (existing instanceof HTMLElement && existing.hasAttribute("data-gloss-notes")) return existing;
  const host = document.createElement("div");
  host.setAttribute("data-gloss-notes", passage.id);
  if (passage.tagName === "LI") passage.append(host);
  else passage.after(host);
  return host;
}

/**
 * Adding comments in the reader: selecting words in one passage shows a toolbar (Alt+A reaches
 * it from the keyboard) to comment on them; the comments on the document (everyone's public ones
 * and the reader's own) show under their passages, their words highlighted.
 */
export function Annotator({ slug }: { slug: string }) {
  const [viewer, setViewer] = useState<Viewer | null | undefined>(undefined);
  const [notes, setNotes] = useState<Note[]>([]);
  const [selection, setSelection] = useState<(TextSelection & { top: number; left: number }) | null>(null);
  const [composing, setComposing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [hosts, setHosts] = useState<Map<string, HTMLElement>>(new Map());
  const popover = useRef<HTMLDivElement>(null);
  const composingRef = useRef(false);
  composingRef.current = composing;
  const readerPath = `/documents/${encodeURIComponent(slug)}`;

  const load = useCallback(async () => {
    const items: Note[] = [];
    let next: string | undefined = `/api/documents/${encodeURIComponent(slug)}/annotations?motivation=commenting`;
    for (let i = 0; next && i < 20; i++) {
      const response = await fetch(next, { credentials: "same-origin", headers: { Accept: "application/ld+json" } });
      if (!response.ok) break;
      const json = (await response.json()) as { first?: { items: Note[]; next?: string }; items?: Note[]; next?: string };
      const page = json.first ?? json;
      items.push(...(page.items ?? []));
      next = page.next ? apiPath(page.next) : undefined;
    }
    setNotes(items);
  }, [slug]);

  useEffect(() => {
    fetch("/api/auth/get-session", { credentials: "same-origin" })
      .then((r) => (r.ok ? r.json() : null))
      .then((s: { user?: Viewer } | null) => setViewer(s?.user ? { id: s.user.id, email: s.user.email } : null))
      .catch(() => setViewer(null));
    load().catch(() => undefined);
  }, [load]);

  // Follow the selection (mouse, touch and keyboard all end in selectionchange).
  useEffect(() => {
    let frame = 0;
    const update = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (composingRef.current) return;
        const found = selectionInPassage(window.getSelection());
        if (found && found.passage.closest("#text")) {
          const rect = window.getSelection()!.getRangeAt(0).getBoundingClientRect();
          setSelection({
            ...found,
            top: rect.bottom + window.scrollY + 8,
            left: Math.max(8, Math.min(rect.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - 320)),
          });
        } else if (!popover.current?.contains(document.activeElement)) {
          setSelection(null);
        }
      });
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey && (event.key === "a" || event.key === "A" || event.code === "KeyA")) {
        const first = popover.current?.querySelector<HTMLElement>("button, a, textarea");
        if (first) {
          event.preventDefault();
          first.focus();
        }
      } else if (event.key === "Escape" && popover.current) {
        setComposing(false);
        setSelection(null);
      }
    };
    const selectionEvents = ["selectionchange", "mouseup", "touchend", "keyup"] as const;
    for (const name of selectionEvents) document.addEventListener(name, update);
    document.addEventListener("keydown", onKey);
    return () => {
      cancelAnimationFrame(frame);
      for (const name of selectionEvents) document.removeEventListener(name, update);
      document.removeEventListener("keydown", onKey);
    };
  }, []);

  // Place each passage's notes, and highlight the words they comment on.
  useEffect(() => {
    const root = document.getElementById("text");
    if (!root) return;
    const map = new Map<string, HTMLElement>();
    const ranges: Range[] = [];
    for (const note of notes) {
      const at = position(note);
      if (!at) continue;
      const range = rangeFromOffsets(root, at.start, at.end);
      if (!range) continue;
      ranges.push(range);
      const text = (range.startContainer.parentElement as HTMLElement | null)?.closest<HTMLElement>(".passage-text");
      if (text && !map.has(note.id)) {
        const host = notesHost(text);
        if (host) map.set(note.id, host);
      }
    }
    setHosts(map);
    const registry = (globalThis.CSS as unknown as { highlights?: Map<string, unknown> } | undefined)?.highlights;
    const HighlightClass = (globalThis as unknown as { Highlight?: new (...r: Range[]) => unknown }).Highlight;
    if (registry && HighlightClass) {
      if (ranges.length > 0) registry.set("gloss-comment", new HighlightClass(...ranges));
      else registry.delete("gloss-comment");
    }
  }, [notes]);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!selection) return;
    const data = new FormData(event.currentTarget);
    const value = String(data.get("comment") ?? "");
    if (!value.trim()) {
      setError("Write a comment first.");
      return;
    }
    setBusy(true);
    setError(null);
    const annotation = {
      "@context": ANNO_CONTEXT,
      type: "Annotation",
      motivation: "commenting",
      body: { type: "TextualBody", value, format: "text/plain" },
      target: {
        source: `${window.location.origin}${readerPath}`,
        selector: [
          { type: "TextQuoteSelector", exact: selection.exact, prefix: selection.prefix, suffix: selection.suffix },
          { type: "TextPositionSelector", start: selection.start, end: selection.end },
        ],
      },
      visibility: data.get("visibility") === "private" ? "private" : "public",
    };
    try {
      const response = await fetch(`/api/documents/${encodeURIComponent(slug)}/annotations`, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": LD_JSON, Accept: "application/ld+json" },
        body: JSON.stringify(annotation),
      });
      if (!response.ok) {
        setError(await errorMessage(response, "The comment could not be saved"));
        return;
      }
      const created = (await response.json()) as Note;
      setNotes((list) => [...list, created]);
      setComposing(false);
      setSelection(null);
      window.getSelection()?.removeAllRanges();
    } catch {
      setError("The server could not be reached. Try again.");
    } finally {
      setBusy(false);
    }
  }

  const isMine = (note: Note) => !!viewer && !!note.creator?.id.endsWith(`/users/${encodeURIComponent(viewer.id)}`);
  const byPassage = new Map<HTMLElement, Note[]>();
  for (const note of notes) {
    const host = hosts.get(note.id);
    if (host) byPassage.set(host, [...(byPassage.get(host) ?? []), note]);
  }

  return (
    <>
      {[...byPassage].map(([host, list]) =>
        createPortal(
          <ul className={styles.notes} aria-label="Comments on this passage">
            {list.map((note) => (
              <NoteView
                key={note.id}
                note={note}
                mine={isMine(note)}
                onChanged={(updated) => setNotes((all) => all.map((n) => (n.id === note.id ? updated : n)))}
                onDeleted={() => setNotes((all) => all.filter((n) => n.id !== note.id))}
              />
            ))}
          </ul>,
          host,
          `notes-${host.dataset.glossNotes}`,
        ),
      )}
      {selection && viewer !== undefined
        ? createPortal(
            <div ref={popover} className={styles.popover} style={{ top: selection.top, left: selection.left }} data-annotator="">
              {composing ? (
                <form className={styles.form} onSubmit={save} aria-label="Comment on the selected words">
                  <label htmlFor="gloss-comment-text">Comment</label>
                  <textarea id="gloss-comment-text" name="comment" rows={4} maxLength={10000} autoFocus required />
                  <fieldset className={styles.visibility}>
                    <legend>Who can see it</legend>
                    <label>
                      <input type="radio" name="visibility" value="public" defaultChecked /> Public
                    </label>
                    <label>
                      <input type="radio" name="visibility" value="private" /> Private
                    </label>
                  </fieldset>
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
                        setComposing(false);
                        setError(null);
                        setSelection(null);
                      }}
                    >
                      Cancel
                    </button>
                  </div>
                </form>
              ) : (
                <div role="toolbar" aria-label="Annotate the selected words" className={styles.toolbar}>
                  {viewer ? (
                    <button
                      type="button"
                      onMouseDown={(e) => e.preventDefault()}
                      onClick={() => {
                        setError(null);
                        setComposing(true);
                      }}
                    >
                      Comment
                    </button>
                  ) : (
                    <a href={`/sign-in?next=${encodeURIComponent(readerPath)}`}>Sign in to annotate</a>
                  )}
                </div>
              )}
            </div>,
            document.body,
          )
        : null}
      <div className="visually-hidden" role="status">
        {selection && !composing ? "Words selected: press Alt+A to annotate them." : ""}
      </div>
    </>
  );
}

function NoteView({
  note,
  mine,
  onChanged,
  onDeleted,
}: {
  note: Note;
  mine: boolean;
  onChanged: (note: Note) => void;
  onDeleted: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const url = apiPath(note.id);

  async function current(): Promise<{ etag: string; annotation: Note } | null> {
    const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/ld+json" } });
    if (!response.ok) {
      setError(await errorMessage(response, "The comment could not be read"));
      return null;
    }
    return { etag: response.headers.get("etag") ?? "", annotation: (await response.json()) as Note };
  }

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get("comment") ?? "");
    setBusy(true);
    setError(null);
    try {
      const found = await current();
      if (!found) return;
      const response = await fetch(url, {
        method: "PUT",
        credentials: "same-origin",
        headers: { "Content-Type": LD_JSON, "If-Match": found.etag, Accept: "application/ld+json" },
        body: JSON.stringify({ ...found.annotation, body: { type: "TextualBody", value, format: "text/plain" } }),
      });
      if (!response.ok) {
        setError(await errorMessage(response, "The comment could not be saved"));
        return;
      }
      onChanged((await response.json()) as Note);
      setEditing(false);
    } catch {
      setError("The server could not be reached. Try again.");
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!window.confirm("Delete this comment?")) return;
    setBusy(true);
    setError(null);
    try {
      const found = await current();
      if (!found) return;
      const response = await fetch(url, { method: "DELETE", credentials: "same-origin", headers: { "If-Match": found.etag } });
      if (!response.ok) {
        setError(await errorMessage(response, "The comment could not be deleted"));
        return;
      }
      onDeleted();
    } catch {
      setError("The server could not be reached. Try again.");
    } finally {
      setBusy(false);
    }
  }

  const date = new Date(note.modified || note.created);
  const editId = `edit-${note.id.split("/").pop()}`;
  return (
    <li className={styles.note} data-note={note.id} data-visibility={note.visibility}>
      <div className={styles.meta}>
        <span>{mine ? "You" : "A reader"}</span>
        {" · "}
        <time dateTime={date.toISOString()}>{date.toLocaleDateString("en", { dateStyle: "medium" })}</time>
        {note.visibility === "private" ? <span className={styles.private}> · private</span> : null}
      </div>
      <div className={styles.quote}>
        <q>{quote(note)}</q>
      </div>
      {editing ? (
        <form onSubmit={save} className={styles.form} aria-label="Edit the comment">
          <label htmlFor={editId}>Comment</label>
          <textarea id={editId} name="comment" rows={4} maxLength={10000} defaultValue={noteText(note)} autoFocus required />
          <div role="alert" className={styles.error}>
            {error}
          </div>
          <div className={styles.actions}>
            <button type="submit" disabled={busy}>
              Save
            </button>
            <button type="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <>
          <div className={styles.text} data-note-text="">
            {noteText(note)}
          </div>
          {mine ? (
            <div className={styles.actions}>
              <button type="button" onClick={() => setEditing(true)} disabled={busy}>
                Edit
              </button>
              <button type="button" onClick={remove} disabled={busy}>
                Delete
              </button>
            </div>
          ) : null}
          {error ? (
            <div role="alert" className={styles.error}>
              {error}
            </div>
          ) : null}
        </>
      )}
    </li>
  );
}

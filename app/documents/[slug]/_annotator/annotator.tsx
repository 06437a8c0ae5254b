"use client";

import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { useRouter } from "next/navigation";
import {
  anchoringOf,
  annotationIdOf,
  apiPath,
  errorMessage,
  isMine,
  noteElement,
  positionOf,
  quoteOf,
  replyTarget,
  type Note,
  type SelectedText,
  type Viewer,
} from "./annotation-client";
import { annotationPath, containerPath } from "@/lib/annotations/annotation-paths";
import { returnFocus, returnFocusAfterLoad, takeFocusAfterLoad } from "../_selection/focus-return";
import { installKeyboardSelection } from "../_selection/keyboard-selection";
import { installPointerSelection } from "../_selection/pointer-selection";
import { rangeFromOffsets } from "../_selection/text-range";
import { selectionInPassage } from "../_selection/selection";
import styles from "./annotator.module.css";

/** The motivations of the notes shown beside the text (identifications and claims show as names and claims). */
const NOTE_MOTIVATIONS = ["commenting", "tagging", "replying"] as const;
/** From this width the notes sit in a margin column beside their passage; below it, under the passage. */
const MARGIN_QUERY = "(min-width: 96rem)";
/** Space between two notes stacked in the margin (px). */
const MARGIN_GAP = 8;

type Mode = "comment" | "tag" | "identify" | "claim";
const MODES: Array<[Mode, string]> = [
  ["comment", "Comment"],
  ["tag", "Tag"],
  ["identify", "Identify"],
  ["claim", "Claim"],
];

/** Whose notes the reader shows: everyone's, the reader's own (and the threads they answered), or none. */
type Shown = "all" | "mine" | "none";
const SHOWN: Array<[Shown, string]> = [
  ["all", "All"],
  ["mine", "Only mine"],
  ["none", "None"],
];
const SHOWN_KEY = "gloss:readers-notes";
const SHOWN_SAID: Record<Shown, string> = {
  all: "Showing every reader’s notes.",
  mine: "Showing only your notes.",
  none: "Readers’ notes are hidden.",
};

/** A thread: a note on the text and its replies. */
interface ThreadView {
  root: Note;
  replies: Note[];
}

/** A passage's notes, where they are shown. */
interface Group {
  passageId: string;
  label: string;
  threads: ThreadView[];
}

/**
 * The notes `filter` selects (a range of the text, `start=…&end=…`, or those whose words are gone,
 * `state=orphaned`), every page of them.
 */
async function loadNotes(slug: string, filter: string): Promise<Note[]> {
  const all = await Promise.all(
    NOTE_MOTIVATIONS.map(async (motivation) => {
      const items: Note[] = [];
      let next: string | undefined = `${containerPath(slug)}?motivation=${motivation}&${filter}`;
      for (let i = 0; next && i < 50; i++) {
        const response = await fetch(next, { credentials: "same-origin", headers: { Accept: "application/ld+json" } });
        if (!response.ok) break;
        const json = (await response.json()) as { first?: { items: Note[]; next?: string }; items?: Note[]; next?: string };
        const page = json.first ?? json;
        items.push(...(page.items ?? []));
        next = page.next ? apiPath(page.next) : undefined;
      }
      return items;
    }),
  );
  return all.flat();
}

/** The threads, with each reply under the note it (or the reply it answers) is about. */
function threadsOf(notes: Note[]): ThreadView[] {
  const byId = new Map(notes.map((n) => [n.id, n]));
  const rootOf = (note: Note): Note | null => {
    let current: Note | undefined = note;
    for (let depth = 0; current && depth < 50; depth++) {
      const parent = replyTarget(current);
      if (!parent) return current;
      current = byId.get(parent);
    }
    return null;
  };
  const threads = new Map<string, ThreadView>();
  for (const note of notes) if (!replyTarget(note)) threads.set(note.id, { root: note, replies: [] });
  for (const note of notes) {
    if (!replyTarget(note)) continue;
    const root = rootOf(note);
    if (root) threads.get(root.id)?.replies.push(note);
  }
  for (const thread of threads.values()) thread.replies.sort((a, b) => a.created.localeCompare(b.created));
  return [...threads.values()];
}

/** Whether `thread` shows when the reader chose `shown`: with "mine", the threads the viewer started or answered. */
function threadShown(thread: ThreadView, shown: Shown, viewer: Viewer | null | undefined): boolean {
  if (shown === "all") return true;
  if (shown === "none") return false;
  return isMine(thread.root, viewer) || thread.replies.some((reply) => isMine(reply, viewer));
}

/** What saved words take focus as: a note, or for an identification the name it made (once the page shows it). */
function savedElement(saved: Note): Element | null {
  if (saved.motivation !== "identifying") return noteElement(saved.id);
  const id = annotationIdOf(saved);
  return Array.from(document.querySelectorAll<HTMLElement>("#text a.mention[data-mention]")).find((a) => a.dataset.mention === id) ?? null;
}

/** The element a passage's notes go in under the passage: inside a list item, after any other passage. */
function inlineHost(passage: HTMLElement): HTMLElement {
  const existing =
    passage.tagName === "LI" ? passage.querySelector<HTMLElement>(":scope > [data-gloss-notes]") : passage.nextElementSibling;
  if (existing instanceof HTMLElement && existing.hasAttribute("data-gloss-notes")) return existing;
  const host = document.createElement("div");
  host.setAttribute("data-gloss-notes", passage.id);
  if (passage.tagName === "LI") passage.append(host);
  else passage.after(host);
  return host;
}

function setHighlight(name: string, ranges: Range[]) {
  const registry = (globalThis.CSS as unknown as { highlights?: Map<string, unknown> } | undefined)?.highlights;
  const HighlightClass = (globalThis as unknown as { Highlight?: new (...r: Range[]) => unknown }).Highlight;
  if (!registry || !HighlightClass) return;
  if (ranges.length > 0) registry.set(name, new HighlightClass(...ranges));
  else registry.delete(name);
}

/**
 * Adding one's own layer in the reader. Selecting words in one passage (mouse, touch, or Shift and
 * the arrow keys) shows a toolbar (Alt+A reaches it) to comment on them, tag them, identify them
 * as an entity, or make a claim from them. Everyone's public notes and the reader's own private
 * ones show beside their passage (in the margin on wide screens, under the passage otherwise),
 * their words highlighted, with replies in threads.
 */
// The forms and the notes' view load when first needed (words selected, notes to show), so that
// reading a page does not wait for them. Selecting words starts loading the forms at once.
const loadForms = () => import("./annotate-forms");
const loadNoteView = () => import("./note-view");
const CommentForm = lazy(() => loadForms().then((m) => ({ default: m.CommentForm })));
const TagForm = lazy(() => loadForms().then((m) => ({ default: m.TagForm })));
const IdentifyForm = lazy(() => loadForms().then((m) => ({ default: m.IdentifyForm })));
const ClaimForm = lazy(() => loadForms().then((m) => ({ default: m.ClaimForm })));
const Thread = lazy(() => loadNoteView().then((m) => ({ default: m.Thread })));

export function Annotator({ slug }: { slug: string }) {
  const router = useRouter();
  const [viewer, setViewer] = useState<Viewer | null | undefined>(undefined);
  const [notes, setNotes] = useState<Note[]>([]);
  const [selection, setSelection] = useState<(SelectedText & { top: number; left: number }) | null>(null);
  const [mode, setMode] = useState<Mode | null>(null);
  const [status, setStatus] = useState("");
  const [wide, setWide] = useState(false);
  const [groups, setGroups] = useState<Group[]>([]);
  const [hosts, setHosts] = useState<Map<string, HTMLElement>>(new Map());
  const [tops, setTops] = useState<Map<string, number>>(new Map());
  /** Threads whose words are no longer in the text (orphans): listed after it, not highlighted. */
  const [lost, setLost] = useState<ThreadView[]>([]);
  const [lostHost, setLostHost] = useState<HTMLElement | null>(null);
  /** Re-attaching an annotation (`?reattach=<id>`): the note, and the banner's host and message. */
  const [reattach, setReattach] = useState<{ id: string; note: Note | null; error: string } | null>(null);
  const [bannerHost, setBannerHost] = useState<HTMLElement | null>(null);
  /** Whose notes are shown (remembered across reloads), and where the choice is offered. */
  const [shown, setShown] = useState<Shown>("all");
  const [controlHost, setControlHost] = useState<HTMLElement | null>(null);
  const popover = useRef<HTMLDivElement>(null);
  /**
   * Where focus goes back to when the toolbar or one of its forms closes: what had it when the
   * words were selected (the ¶ link or name a keyboard selection began at), else the passage's ¶ link.
   */
  const returnPoint = useRef<HTMLElement | null>(null);
  const margin = useRef<HTMLDivElement>(null);
  const modeRef = useRef<Mode | null>(null);
  modeRef.current = mode;
  const readerPath = `/documents/${encodeURIComponent(slug)}`;
  /** "Only mine" means nothing to a reader who is not signed in: they see every note. */
  const showing: Shown = shown === "mine" && viewer === null ? "all" : shown;

  /** The filters loaded so far: the notes whose words are gone, and the ranges of the sections that came near the screen. */
  const loaded = useRef<string[]>(["state=orphaned"]);
  const merge = useCallback(
    (items: Note[]) =>
      setNotes((all) => {
        const byId = new Map(all.map((n) => [n.id, n]));
        for (const item of items) byId.set(item.id, item);
        return [...byId.values()];
      }),
    [],
  );
  /** Loads again everything loaded so far (after a change the server made, such as re-attaching). */
  const load = useCallback(
    () =>
      Promise.all(loaded.current.map((filter) => loadNotes(slug, filter))).then((lists) =>
        setNotes([...new Map(lists.flat().map((n) => [n.id, n])).values()]),
      ),
    [slug],
  );

  // Notes load section by section as the sections near the screen (two screens ahead), so a book's
  // first screen does not wait for the notes on the rest of it.
  useEffect(() => {
    const rangeOf = (section: Element): [number, number] | null => {
      const spans = section.querySelectorAll<HTMLElement>(".passage-text[data-start]");
      if (spans.length === 0) return null;
      return [Number(spans[0].dataset.start), Number(spans[spans.length - 1].dataset.end)];
    };
    const observer = new IntersectionObserver(
      (entries) => {
        const near = entries.filter((e) => e.isIntersecting).map((e) => e.target);
        for (const section of near) observer.unobserve(section);
        const ranges = near.map(rangeOf).filter((r): r is [number, number] => r !== null);
        if (ranges.length === 0) return;
        // Sections near the screen at once are next to each other: one range covers them.
        const filter = `start=${Math.min(...ranges.map((r) => r[0]))}&end=${Math.max(...ranges.map((r) => r[1]))}`;
        loaded.current.push(filter);
        loadNotes(slug, filter)
          .then(merge)
          .catch(() => undefined);
      },
      { rootMargin: "200% 0px" },
    );
    for (const section of document.querySelectorAll("#text .text-section")) observer.observe(section);
    return () => observer.disconnect();
  }, [slug, merge]);

  useEffect(() => {
    fetch("/api/auth/get-session", { credentials: "same-origin" })
      .then((r) => (r.ok ? r.json() : null))
      .then((s: { user?: { id: string; email: string; name?: string; role?: string } } | null) =>
        setViewer(
          s?.user
            ? {
                id: s.user.id,
                email: s.user.email,
                name: s.user.name ?? s.user.email,
                role: s.user.role === "editor" ? "editor" : "annotator",
              }
            : null,
        ),
      )
      .catch(() => setViewer(null));
    loadNotes(slug, "state=orphaned")
      .then(merge)
      .catch(() => undefined);
  }, [slug, merge]);

  useEffect(() => {
    const id = new URLSearchParams(window.location.search).get("reattach");
    const text = document.getElementById("text");
    if (!id || !text) return;
    const host = document.createElement("div");
    host.setAttribute("data-gloss-reattach", "");
    text.before(host);
    setBannerHost(host);
    setReattach({ id, note: null, error: "" });
    fetch(annotationPath(slug, id), { credentials: "same-origin", headers: { Accept: "application/ld+json" } })
      .then(async (r) =>
        r.ok
          ? setReattach({ id, note: (await r.json()) as Note, error: "" })
          : setReattach({ id, note: null, error: await errorMessage(r, "The annotation could not be loaded") }),
      )
      .catch(() => setReattach({ id, note: null, error: "The annotation could not be loaded." }));
    return () => host.remove();
  }, [slug]);

  useEffect(() => {
    const query = window.matchMedia(MARGIN_QUERY);
    const update = () => setWide(query.matches);
    update();
    query.addEventListener("change", update);
    return () => query.removeEventListener("change", update);
  }, []);

  useEffect(() => {
    const root = document.getElementById("text");
    if (!root) return;
    const removeKeyboard = installKeyboardSelection(root);
    const removePointer = installPointerSelection(root);
    return () => {
      removeKeyboard();
      removePointer();
    };
  }, []);

  // A claim just saved reloads the page: focus goes to it in the claims panel.
  useEffect(() => takeFocusAfterLoad(), []);

  // Whose notes to show: the reader's last choice, offered in the contents column.
  useEffect(() => {
    try {
      const stored = localStorage.getItem(SHOWN_KEY);
      if (stored === "all" || stored === "mine" || stored === "none") setShown(stored);
    } catch {
      // unreadable storage: every note shows
    }
    setControlHost(document.querySelector<HTMLElement>("[data-notes-control]"));
  }, []);

  // Follow the selection (mouse, touch and keyboard all end in selectionchange).
  useEffect(() => {
    let frame = 0;
    const update = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (modeRef.current) return;
        const found = selectionInPassage(window.getSelection());
        if (found && found.passage.closest("#text")) {
          const rect = found.range.getBoundingClientRect();
          const { start, end, exact, prefix, suffix } = found;
          const active = document.activeElement;
          const passage = found.passage.closest<HTMLElement>(".passage");
          if (!(active && popover.current?.contains(active)))
            returnPoint.current =
              active instanceof HTMLElement && passage?.contains(active)
                ? active
                : (passage?.querySelector<HTMLElement>("a.permalink") ?? null);
          void loadForms(); // ready by the time a button is pressed
          setSelection({
            start,
            end,
            exact,
            prefix,
            suffix,
            top: rect.bottom + window.scrollY + 8,
            left: Math.max(8, Math.min(rect.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - 420)),
          });
        } else if (!popover.current?.contains(document.activeElement)) {
          setSelection(null);
        }
      });
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey && (event.key === "a" || event.key === "A" || event.code === "KeyA")) {
        const first = popover.current?.querySelector<HTMLElement>("button, a, textarea, input");
        if (first) {
          event.preventDefault();
          first.focus();
        }
      } else if (event.key === "Escape" && popover.current) {
        finishRef.current();
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

  // Find each thread's passage, highlight the words the notes are on, and make the hosts.
  useEffect(() => {
    const root = document.getElementById("text");
    if (!root) return;
    const ranges: Range[] = [];
    const byPassage = new Map<string, Group>();
    const order: HTMLElement[] = [];
    const orphans: ThreadView[] = [];
    for (const thread of threadsOf(notes).filter((t) => threadShown(t, showing, viewer))) {
      if (anchoringOf(thread.root)?.state === "orphaned") {
        orphans.push(thread);
        continue;
      }
      const at = positionOf(thread.root);
      if (!at) continue;
      const range = rangeFromOffsets(root, at.start, at.end);
      if (!range) continue;
      ranges.push(range);
      const passage = (range.startContainer.parentElement as HTMLElement | null)?.closest<HTMLElement>(".passage");
      if (!passage) continue;
      let group = byPassage.get(passage.id);
      if (!group) {
        group = { passageId: passage.id, label: passage.dataset.label ?? passage.id, threads: [] };
        byPassage.set(passage.id, group);
        order.push(passage);
      }
      group.threads.push(thread);
    }
    setHighlight("gloss-comment", ranges);
    order.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    const map = new Map<string, HTMLElement>();
    if (!wide) for (const passage of order) map.set(passage.id, inlineHost(passage));
    for (const element of root.querySelectorAll<HTMLElement>("[data-gloss-notes]"))
      if (!map.has(element.dataset.glossNotes ?? "")) element.remove();
    setGroups(order.map((p) => byPassage.get(p.id)!));
    setHosts(map);
    setLost(orphans);
    let host = document.querySelector<HTMLElement>("[data-gloss-lost]");
    if (orphans.length > 0 && !host) {
      host = document.createElement("div");
      host.setAttribute("data-gloss-lost", "");
      // At the end of the text column, so the page's grid keeps its side panels where they are.
      root.append(host);
    }
    if (orphans.length === 0 && host) {
      host.remove();
      host = null;
    }
    setLostHost(host);
  }, [notes, wide, showing, viewer]);

  // In the margin, each passage's notes start level with it, pushed down below the notes above.
  const layoutMargin = useCallback(() => {
    const column = margin.current;
    if (!column || !wide) return;
    const origin = column.getBoundingClientRect().top;
    const next = new Map<string, number>();
    let floor = 0;
    for (const element of column.querySelectorAll<HTMLElement>(":scope > [data-margin-notes]")) {
      const id = element.dataset.marginNotes ?? "";
      const passage = document.getElementById(id);
      const wanted = passage ? passage.getBoundingClientRect().top - origin : floor;
      const top = Math.max(wanted, floor);
      next.set(id, Math.round(top));
      floor = top + element.offsetHeight + MARGIN_GAP;
    }
    setTops((old) => (old.size === next.size && [...next].every(([k, v]) => old.get(k) === v) ? old : next));
  }, [wide]);

  useLayoutEffect(layoutMargin);

  useEffect(() => {
    if (!wide) return;
    const observer = new ResizeObserver(() => layoutMargin());
    const text = document.getElementById("text");
    if (text) observer.observe(text);
    if (margin.current) for (const child of margin.current.children) observer.observe(child);
    return () => observer.disconnect();
  }, [wide, groups, layoutMargin]);

  useEffect(() => {
    if (!status) return;
    const timer = setTimeout(() => setStatus(""), 5000);
    return () => clearTimeout(timer);
  }, [status]);

  /**
   * Closes the toolbar or its form and lets the words go. Focus goes to what was saved when it
   * shows (`saved`, waited for while it is rendered), else back to where the words were selected.
   */
  const finish = (saved?: () => Element | null) => {
    setMode(null);
    setSelection(null);
    window.getSelection()?.removeAllRanges();
    // Back where the words were (still on the screen), the page does not move; what was saved may be elsewhere.
    returnFocus(saved ? [saved, returnPoint.current] : [returnPoint.current], { wait: saved ? 5000 : 0, preventScroll: !saved });
  };
  const finishRef = useRef(finish);
  finishRef.current = () => finish();
  const close = () => finish();
  const done = (saved: Note | null, message: string) => {
    const isNote = !!saved && (NOTE_MOTIVATIONS as readonly string[]).includes(saved.motivation);
    if (saved && isNote) setNotes((list) => [...list, saved]);
    const hidden = isNote && showing === "none";
    setStatus(hidden ? `${message} Readers’ notes are hidden: choose All or Only mine to see it.` : message);
    finish(saved && !hidden ? () => savedElement(saved) : undefined);
    router.refresh();
  };
  const choose = (next: Shown) => {
    setShown(next);
    setStatus(SHOWN_SAID[next]);
    try {
      localStorage.setItem(SHOWN_KEY, next);
    } catch {
      // storage full or denied: the choice lasts for this page only
    }
  };
  const changed = (updated: Note) => setNotes((all) => all.map((n) => (n.id === updated.id ? updated : n)));
  const deleted = (id: string) =>
    setNotes((all) => {
      // A deleted note takes its replies with it.
      const gone = new Set([id]);
      for (let grew = true; grew;) {
        grew = false;
        for (const n of all) {
          const parent = replyTarget(n);
          if (parent && gone.has(parent) && !gone.has(n.id)) {
            gone.add(n.id);
            grew = true;
          }
        }
      }
      return all.filter((n) => !gone.has(n.id));
    });
  const added = (note: Note) => setNotes((all) => [...all, note]);

  const attachHere = async () => {
    if (!reattach || !selection) return;
    const { start, end, exact } = selection;
    const response = await fetch(`${annotationPath(slug, reattach.id)}/anchor`, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ action: "attach", start, end, exact }),
    }).catch(() => null);
    if (!response?.ok) {
      setReattach({
        ...reattach,
        error: response ? await errorMessage(response, "The annotation could not be attached") : "The server could not be reached.",
      });
      close();
      return;
    }
    const url = new URL(window.location.href);
    url.searchParams.delete("reattach");
    window.history.replaceState(null, "", url);
    const attached = reattach.note;
    setReattach(null);
    // Focus goes to the note on its new words, not to where it is still listed among the lost ones.
    const onItsWords = (element: Element | null) => (element?.closest("[data-gloss-lost]") ? null : element);
    finish(attached ? () => onItsWords(savedElement(attached)) : undefined);
    setStatus("Attached to the selected words.");
    await load().catch(() => undefined);
    router.refresh();
  };

  /** A list of threads: a passage's, or those whose words are gone. */
  const renderThreads = (threads: ThreadView[], passageLabel: string, label?: string) => (
    <ul className={styles.notes} aria-label={label}>
      <Suspense fallback={null}>
        {threads.map((thread) => (
          <Thread
            key={thread.root.id}
            note={thread.root}
            replies={thread.replies}
            viewer={viewer}
            slug={slug}
            passageLabel={passageLabel}
            onChanged={changed}
            onDeleted={deleted}
            onAdded={added}
          />
        ))}
      </Suspense>
    </ul>
  );
  const renderGroup = (group: Group) => renderThreads(group.threads, group.label, `Notes on ${group.label}`);

  const formProps = selection
    ? {
        slug,
        readerPath,
        selected: {
          start: selection.start,
          end: selection.end,
          exact: selection.exact,
          prefix: selection.prefix,
          suffix: selection.suffix,
        },
        onDone: done,
        onCancel: close,
      }
    : null;

  return (
    <>
      <div className={styles.margin} ref={margin} data-notes-margin="">
        {wide
          ? groups.map((group) => (
              <div
                key={group.passageId}
                className={styles.marginGroup}
                data-margin-notes={group.passageId}
                data-gloss-notes={group.passageId}
                style={{ top: tops.get(group.passageId) ?? 0 }}
              >
                {renderGroup(group)}
              </div>
            ))
          : null}
      </div>
      {!wide
        ? groups.map((group) => {
            const host = hosts.get(group.passageId);
            return host ? createPortal(renderGroup(group), host, `notes-${group.passageId}`) : null;
          })
        : null}
      {selection && formProps && viewer !== undefined
        ? createPortal(
            <div
              ref={popover}
              className={`${styles.popover} ${mode === "identify" || mode === "claim" ? styles.wide : ""}`}
              style={{ top: selection.top, left: selection.left }}
              data-annotator=""
            >
              <Suspense fallback={<p role="status">Loading…</p>}>
                {mode === "comment" ? (
                  <CommentForm {...formProps} />
                ) : mode === "tag" ? (
                  <TagForm {...formProps} />
                ) : mode === "identify" ? (
                  <IdentifyForm {...formProps} />
                ) : mode === "claim" ? (
                  <ClaimForm
                    slug={slug}
                    selected={formProps.selected}
                    onCancel={close}
                    onClaim={(id) => {
                      // A whole load, so the claims panel, its margin markers and the timeline all include it;
                      // focus then goes to the claim in the panel.
                      returnFocusAfterLoad(`.claims-panel a[data-claim="${CSS.escape(id)}"]`);
                      window.location.assign(`${readerPath}?claim=${encodeURIComponent(id)}`);
                    }}
                  />
                ) : (
                  <div role="toolbar" aria-label="Annotate the selected words" className={styles.toolbar}>
                    {reattach && viewer ? (
                      <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={() => void attachHere()}>
                        Attach here
                      </button>
                    ) : viewer ? (
                      MODES.map(([value, label]) => (
                        <button key={value} type="button" onMouseDown={(e) => e.preventDefault()} onClick={() => setMode(value)}>
                          {label}
                        </button>
                      ))
                    ) : (
                      <a href={`/sign-in?next=${encodeURIComponent(readerPath)}`}>Sign in to annotate</a>
                    )}
                    <button
                      type="button"
                      onMouseDown={(e) => e.preventDefault()}
                      onClick={() => {
                        const { start, end } = selection;
                        setSelection(null);
                        // The citation opens from where the words were selected, and closing it returns there.
                        returnFocus([returnPoint.current], { preventScroll: true });
                        document.dispatchEvent(new CustomEvent("gloss:cite", { detail: { start, end } }));
                      }}
                    >
                      Cite
                    </button>
                  </div>
                )}
              </Suspense>
            </div>,
            document.body,
          )
        : null}
      {lostHost && lost.length > 0
        ? createPortal(
            <section className={styles.lost} aria-labelledby="lost-notes">
              <h2 id="lost-notes">Notes on words no longer in the text</h2>
              <p>The text changed after these notes were made, and their words are gone. They are kept with the words they were on.</p>
              {renderThreads(lost, "an earlier version")}
            </section>,
            lostHost,
          )
        : null}
      {bannerHost && reattach
        ? createPortal(
            <div className={styles.reattach} role="region" aria-label="Re-attaching an annotation">
              {reattach.note ? (
                <p>
                  Re-attaching the {reattach.note.motivation === "identifying" ? "mention" : "annotation"} that was on{" "}
                  <q>{quoteOf(reattach.note)}</q>
                  {anchoringOf(reattach.note)?.previousQuote ? (
                    <>
                      {" "}
                      (first on <q>{anchoringOf(reattach.note)!.previousQuote}</q>)
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
            bannerHost,
          )
        : null}
      {controlHost && viewer !== undefined
        ? createPortal(
            <fieldset className="legend notes-control">
              <legend>Readers’ notes</legend>
              {SHOWN.filter(([value]) => value !== "mine" || viewer).map(([value, label]) => (
                <label key={value} className="legend-item">
                  <input type="radio" name="readers-notes" value={value} checked={showing === value} onChange={() => choose(value)} />
                  {label}
                </label>
              ))}
              {viewer ? (
                <p className="legend-link">
                  Export your notes:{" "}
                  <a href={`${containerPath(slug)}export?format=jsonld&creator=me`} download>
                    JSON-LD
                  </a>{" "}
                  ·{" "}
                  <a href={`${containerPath(slug)}export?format=csv&creator=me`} download>
                    CSV
                  </a>
                </p>
              ) : null}
            </fieldset>,
            controlHost,
          )
        : null}
      <div className="visually-hidden" role="status">
        {status || (selection && !mode ? "Words selected: press Alt+A to annotate them." : "")}
      </div>
    </>
  );
}

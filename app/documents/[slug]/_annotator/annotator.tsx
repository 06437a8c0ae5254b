"use client";

import { Suspense, useEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { returnFocus, returnFocusAfterLoad, takeFocusAfterLoad } from "../_selection/focus-return";
import { annotationIdOf, noteElement, type Note } from "./annotation-client";
import { NotesControl } from "./notes-control";
import { loadSelectionPopover, NotesLoadError, ProposedNames, ReattachBanner, SelectionPopover } from "./lazy-parts";
import type { Mode } from "./selection-popover";
import { firstInteraction } from "../_text/deferred";
import { ThreadList, type ThreadActions } from "./thread-list";
import { useMarginLayout } from "./use-margin-layout";
import { useMediaQuery } from "./use-media-query";
import { useNotePlacement } from "./use-note-placement";
import { isNoteMotivation, useNotes } from "./use-notes";
import { usePrivateNames } from "./use-private-names";
import { useReattach } from "./use-reattach";
import { useSelectionToolbar } from "./use-selection-toolbar";
import { useShownNotes } from "./use-shown-notes";
import { useStatus } from "./use-status";
import { useViewer } from "./use-viewer";
import styles from "./annotator.module.css";

/** From this width the notes sit in a margin column beside their passage; below it, under the passage. */
const MARGIN_QUERY = "(min-width: 96rem)";

/** What saved words take focus as: a note, or for an identification the name it made (once the page shows it). */
function savedElement(saved: Note): Element | null {
  if (saved.motivation !== "identifying") return noteElement(saved.id);
  const id = annotationIdOf(saved);
  return Array.from(document.querySelectorAll<HTMLElement>("#text a.mention[data-mention]")).find((a) => a.dataset.mention === id) ?? null;
}

/**
 * Adding one's own layer in the reader. Selecting words in one passage (mouse, touch, or Shift and
 * the arrow keys) shows a toolbar (Alt+A reaches it) to comment on them, tag them, identify them
 * as an entity, or make a claim from them. Everyone's public notes and the reader's own private
 * ones show beside their passage (in the margin on wide screens, under the passage otherwise),
 * their words highlighted, with replies in threads.
 */
export function Annotator({ slug }: { slug: string }) {
  const readerPath = `/documents/${encodeURIComponent(slug)}`;
  const viewer = useViewer();
  const { refreshPage } = usePrivateNames(slug, viewer);
  const notes = useNotes(slug);
  const [status, setStatus] = useStatus();
  const { showing, choose, controlHost } = useShownNotes(viewer, setStatus);
  const wide = useMediaQuery(MARGIN_QUERY);
  const { groups, hosts, lost, lostHost } = useNotePlacement(notes.notes, showing, viewer, wide);
  const margin = useRef<HTMLDivElement>(null);
  const tops = useMarginLayout(margin, wide, groups);
  const { reattach, bannerHost, attach } = useReattach(slug);
  const [mode, setMode] = useState<Mode | null>(null);
  const popover = useRef<HTMLDivElement>(null);
  const { selection, setSelection, returnPoint } = useSelectionToolbar(popover, { paused: mode !== null, onEscape: () => finish() });

  // A claim just saved reloads the page: focus goes to it in the claims panel.
  useEffect(() => takeFocusAfterLoad(), []);
  // The toolbar is there by the time words are selected.
  useEffect(() => void firstInteraction().then(loadSelectionPopover), []);

  /**
   * Closes the toolbar or its form and lets the words go. Focus goes to what was saved when it
   * shows (`saved`, waited for while it is rendered), else back to where the words were selected.
   */
  function finish(saved?: () => Element | null) {
    setMode(null);
    setSelection(null);
    window.getSelection()?.removeAllRanges();
    // Back where the words were (still on the screen), the page does not move; what was saved may be elsewhere.
    returnFocus(saved ? [saved, returnPoint.current] : [returnPoint.current], { wait: saved ? 5000 : 0, preventScroll: !saved });
  }
  const close = () => finish();

  const done = (saved: Note | null, message: string) => {
    const isNote = !!saved && isNoteMotivation(saved.motivation);
    if (saved && isNote) notes.added(saved);
    const hidden = isNote && showing === "none";
    setStatus(hidden ? `${message} Readers’ notes are hidden: choose All or Only mine to see it.` : message);
    finish(saved && !hidden ? () => savedElement(saved) : undefined);
    // A note is drawn here from the API's answer; the page is not rendered again for it. A name
    // (an identification) is drawn by the server, in the text and the entity cards: the page is
    // rendered again (loaded again when it is the kept copy, focus then going to the new name).
    if (!isNote) refreshPage(saved ? `#text a.mention[data-mention="${CSS.escape(annotationIdOf(saved))}"]` : undefined);
  };

  const attachHere = async () => {
    if (!selection) return;
    const { start, end, exact } = selection;
    const attached = await attach({ start, end, exact });
    if (!attached) {
      close();
      return;
    }
    // Focus goes to the note on its new words, not to where it is still listed among the lost ones.
    const onItsWords = (element: Element | null) => (element?.closest("[data-gloss-lost]") ? null : element);
    const note = attached.note;
    finish(note ? () => onItsWords(savedElement(note)) : undefined);
    setStatus("Attached to the selected words.");
    await notes.reload();
    // The notes came back with reload; a name, or an annotation that could not be read, needs the page.
    if (!note || !isNoteMotivation(note.motivation)) refreshPage();
  };

  const cite = () => {
    if (!selection) return;
    const { start, end } = selection;
    setSelection(null);
    // The citation opens from where the words were selected, and closing it returns there.
    returnFocus([returnPoint.current], { preventScroll: true });
    document.dispatchEvent(new CustomEvent("gloss:cite", { detail: { start, end } }));
  };

  const claimed = (id: string) => {
    // A whole load, so the claims panel, its margin markers and the timeline all include it;
    // focus then goes to the claim in the panel.
    returnFocusAfterLoad(`.claims-panel a[data-claim="${CSS.escape(id)}"]`);
    window.location.assign(`${readerPath}?claim=${encodeURIComponent(id)}`);
  };

  const actions: ThreadActions = { viewer, slug, onChanged: notes.changed, onDeleted: notes.deleted, onAdded: notes.added };

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
                <ThreadList threads={group.threads} passageLabel={group.label} label={`Notes on ${group.label}`} {...actions} />
              </div>
            ))
          : null}
      </div>
      {!wide
        ? groups.map((group) => {
            const host = hosts.get(group.passageId);
            return host
              ? createPortal(
                  <ThreadList threads={group.threads} passageLabel={group.label} label={`Notes on ${group.label}`} {...actions} />,
                  host,
                  `notes-${group.passageId}`,
                )
              : null;
          })
        : null}
      {selection && viewer !== undefined ? (
        <Suspense fallback={null}>
          <SelectionPopover
            popover={popover}
            slug={slug}
            readerPath={readerPath}
            selection={selection}
            viewer={viewer}
            mode={mode}
            onMode={setMode}
            onAttach={reattach ? () => void attachHere() : null}
            onCite={cite}
            onDone={done}
            onCancel={close}
            onClaim={claimed}
          />
        </Suspense>
      ) : null}
      {lostHost && lost.length > 0
        ? createPortal(
            <section className={styles.lost} aria-labelledby="lost-notes">
              <h2 id="lost-notes">Notes on words no longer in the text</h2>
              <p>The text changed after these notes were made, and their words are gone. They are kept with the words they were on.</p>
              <ThreadList threads={lost} passageLabel="an earlier version" {...actions} />
            </section>,
            lostHost,
          )
        : null}
      {bannerHost && reattach ? (
        <Suspense fallback={null}>
          <ReattachBanner host={bannerHost} reattach={reattach} />
        </Suspense>
      ) : null}
      {controlHost && viewer !== undefined ? (
        <NotesControl host={controlHost} slug={slug} viewer={viewer} showing={showing} onChoose={choose} />
      ) : null}
      {notes.failure ? (
        <Suspense fallback={null}>
          <NotesLoadError reason={notes.failure} onRetry={notes.retry} />
        </Suspense>
      ) : null}
      {/* Proposals are shown to reviewers, who are signed in. */}
      {viewer ? (
        <Suspense fallback={null}>
          <ProposedNames slug={slug} viewer={viewer} />
        </Suspense>
      ) : null}
      <div className="visually-hidden" role="status">
        {status || (selection && !mode ? "Words selected: press Alt+A to annotate them." : "")}
      </div>
    </>
  );
}

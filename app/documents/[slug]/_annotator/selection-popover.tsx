"use client";

import { Suspense, type RefObject } from "react";
import { createPortal } from "react-dom";
import type { Note, Viewer } from "./annotation-client";
import type { TextRange } from "@/lib/text-model/text-range";
import { ClaimForm, CommentForm, IdentifyForm, TagForm } from "./lazy-parts";
import type { Selected } from "./use-selection-toolbar";
import styles from "./annotator.module.css";

export type Mode = "comment" | "tag" | "identify" | "claim";
const MODES: Array<[Mode, string]> = [
  ["comment", "Comment"],
  ["tag", "Tag"],
  ["identify", "Identify"],
  ["claim", "Claim"],
];

interface SelectionPopoverProps {
  popover: RefObject<HTMLDivElement | null>;
  slug: string;
  readerPath: string;
  selection: Selected;
  viewer: Viewer | null;
  /** The form open, or null for the toolbar. */
  mode: Mode | null;
  onMode: (mode: Mode) => void;
  /** Set while an annotation is re-attached: the toolbar offers Attach here instead. */
  onAttach: (() => void) | null;
  onCite: () => void;
  onDone: (saved: Note | null, message: string) => void;
  onCancel: () => void;
  onClaim: (id: string) => void;
}

const keepSelection = (event: { preventDefault: () => void }) => event.preventDefault();

/**
 * Under the selected words: the toolbar (Comment, Tag, Identify, Claim, or Attach here; Cite), or
 * the form of the mode chosen. Signed out, the toolbar offers signing in instead.
 */
export function SelectionPopover(props: SelectionPopoverProps) {
  const { popover, slug, readerPath, selection, viewer, mode, onMode, onAttach, onCite, onDone, onCancel, onClaim } = props;
  const selected: TextRange = {
    start: selection.start,
    end: selection.end,
    exact: selection.exact,
    prefix: selection.prefix,
    suffix: selection.suffix,
  };
  const formProps = { slug, readerPath, selected, onDone, onCancel };
  return createPortal(
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
          <ClaimForm slug={slug} selected={selected} onCancel={onCancel} onClaim={onClaim} />
        ) : (
          <div role="toolbar" aria-label="Annotate the selected words" className={styles.toolbar}>
            {onAttach && viewer ? (
              <button type="button" onMouseDown={keepSelection} onClick={onAttach}>
                Attach here
              </button>
            ) : viewer ? (
              MODES.map(([value, label]) => (
                <button key={value} type="button" onMouseDown={keepSelection} onClick={() => onMode(value)}>
                  {label}
                </button>
              ))
            ) : (
              <a href={`/sign-in?next=${encodeURIComponent(readerPath)}`}>Sign in to annotate</a>
            )}
            <button type="button" onMouseDown={keepSelection} onClick={onCite}>
              Cite
            </button>
          </div>
        )}
      </Suspense>
    </div>,
    document.body,
  );
}

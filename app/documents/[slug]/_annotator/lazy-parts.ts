"use client";

import { lazy } from "react";

// The forms and the notes' view load when first needed (words selected, notes to show), so that
// reading a page does not wait for them. Selecting words starts loading the forms at once. The
// selection's toolbar loads at the reader's first interaction (annotator.tsx); the parts for some
// readers or moments only (a reviewer's proposed names, re-attaching a note, a failed load of the
// notes) load when they are shown.
export const loadForms = () => import("./annotate-forms");
const loadNoteView = () => import("./note-view");
export const loadSelectionPopover = () => import("./selection-popover");

export const SelectionPopover = lazy(() => loadSelectionPopover().then((m) => ({ default: m.SelectionPopover })));
export const ProposedNames = lazy(() => import("./proposed-names").then((m) => ({ default: m.ProposedNames })));
export const ReattachBanner = lazy(() => import("./reattach-banner").then((m) => ({ default: m.ReattachBanner })));
export const NotesLoadError = lazy(() => import("./notes-load-error").then((m) => ({ default: m.NotesLoadError })));

export const CommentForm = lazy(() => loadForms().then((m) => ({ default: m.CommentForm })));
export const TagForm = lazy(() => loadForms().then((m) => ({ default: m.TagForm })));
export const IdentifyForm = lazy(() => loadForms().then((m) => ({ default: m.IdentifyForm })));
export const ClaimForm = lazy(() => loadForms().then((m) => ({ default: m.ClaimForm })));
export const Thread = lazy(() => loadNoteView().then((m) => ({ default: m.Thread })));

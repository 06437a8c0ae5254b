"use client";

import { lazy } from "react";

// The forms and the notes' view load when first needed (words selected, notes to show), so that
// reading a page does not wait for them. Selecting words starts loading the forms at once.
export const loadForms = () => import("./annotate-forms");
const loadNoteView = () => import("./note-view");

export const CommentForm = lazy(() => loadForms().then((m) => ({ default: m.CommentForm })));
export const TagForm = lazy(() => loadForms().then((m) => ({ default: m.TagForm })));
export const IdentifyForm = lazy(() => loadForms().then((m) => ({ default: m.IdentifyForm })));
export const ClaimForm = lazy(() => loadForms().then((m) => ({ default: m.ClaimForm })));
export const Thread = lazy(() => loadNoteView().then((m) => ({ default: m.Thread })));

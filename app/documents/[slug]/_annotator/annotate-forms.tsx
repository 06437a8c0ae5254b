// The forms of the selection toolbar, loaded together when the reader first opens one (lazy-parts.ts).

export { CommentForm, TagForm } from "./note-forms";
export { IdentifyForm } from "./identify-form";
export { ClaimForm } from "./claim-form";

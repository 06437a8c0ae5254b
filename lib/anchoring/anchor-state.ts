/**
 * Where an annotation's words stand after the text changed (docs/decisions/005-reanchoring.md):
 * unchanged, moved with their words, placed on near-equal words, or gone (kept with its last
 * words, never attached to other ones).
 */
export const ANCHOR_STATES = ["exact", "moved", "fuzzy", "orphaned"] as const;
export type AnchorState = (typeof ANCHOR_STATES)[number];

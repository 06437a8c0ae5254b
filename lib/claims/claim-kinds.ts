/**
 * The kinds of claim and the stances evidence takes, for the server's schemas and the forms alike
 * (no imports: the reader's client code loads it).
 */
export const CLAIM_KINDS = ["date", "quantity", "event", "attribution", "identity"] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

/** What each kind is called, in the order the forms offer them (an event first). */
export const CLAIM_KIND_LABELS: Record<ClaimKind, string> = {
  event: "Event",
  date: "Date",
  quantity: "Quantity",
  attribution: "Attribution",
  identity: "Identity",
};

/** How a passage bears on a claim. */
export const STANCES = ["supports", "contradicts", "qualifies"] as const;
export type Stance = (typeof STANCES)[number];

/** A stance as a form or a page names it. */
export const STANCE_LABELS: Record<Stance, string> = { supports: "Supports", contradicts: "Contradicts", qualifies: "Qualifies" };

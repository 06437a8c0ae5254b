import type { ClaimView } from "./queries";

/** Who made a claim: the edition (its curated claims file) or a reader, and which. */
export type ClaimOrigin = Pick<ClaimView, "origin" | "createdBy">;

/**
 * Who made a claim, in words: "from the edition", or "added by <the reader's name>" ("added by a
 * reader" once their account is gone). Said in words, not only by a colour.
 */
export function claimOriginText({ origin, createdBy }: ClaimOrigin): string {
  if (origin === "curated") return "from the edition";
  return `added by ${createdBy?.name ?? "a reader"}`;
}

/** The page of the reader who added a claim (null for the edition's, or once their account is gone). */
export const claimAuthorPath = ({ origin, createdBy }: ClaimOrigin): string | null =>
  origin === "user" && createdBy ? `/users/${encodeURIComponent(createdBy.id)}` : null;

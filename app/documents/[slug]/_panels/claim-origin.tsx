import { claimAuthorPath, claimOriginText, type ClaimOrigin as Origin } from "@/lib/claims/claim-origin";

/**
 * Who made a claim, in words: "from the edition", or "added by" the reader, their name linking to
 * their page (/users/<id>). For the claims panel and the timeline.
 */
export function ClaimOrigin({ claim }: { claim: Origin }) {
  const author = claimAuthorPath(claim);
  return (
    <span className="claim-origin" data-origin={claim.origin === "curated" ? "edition" : "reader"}>
      {author && claim.createdBy ? (
        <>
          added by <a href={author}>{claim.createdBy.name}</a>
        </>
      ) : (
        claimOriginText(claim)
      )}
    </span>
  );
}

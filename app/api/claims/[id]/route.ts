import { apiRoute, endpoint } from "@/lib/api/api-route";
import { DomainError } from "@/lib/errors";
import { claimJson, getClaim } from "@/lib/claims/queries";
import { claimPatchSchema, currentClaimEtag, deleteClaim, MAX_CLAIM_REQUEST_BYTES, patchClaim } from "@/lib/claims/user-claims";

export const dynamic = "force-dynamic";

const params = { id: "claim" } as const;

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute("/api/claims/:id", {
  // GET: one claim with its evidence and its document.
  GET: endpoint({ params, user: "viewer" }, async ({ params: { id }, user }) => {
    const [claim, etag] = await Promise.all([getClaim(id, user), currentClaimEtag(id)]);
    if (!claim || !etag) throw new DomainError("not_found", `No claim "${id}".`);
    return Response.json({ ...claimJson(claim), document: claim.document }, { headers: { ETag: etag } });
  }),

  // PATCH: change statement, kind, date (null removes it) or entities; editors any claim, a reader
  // their own. If-Match is honoured when sent. An edit of a curated claim lasts until the
  // document's claims file next changes.
  PATCH: endpoint(
    {
      params,
      user: { signIn: "change claims" },
      body: { schema: claimPatchSchema, limit: MAX_CLAIM_REQUEST_BYTES, what: "The change" },
      write: true,
      ifMatch: "optional",
    },
    async ({ params: { id }, user, body, precondition }) => {
      const claim = await patchClaim(id, user, body, precondition);
      return Response.json({ ...claimJson(claim), document: claim.document }, { headers: { ETag: (await currentClaimEtag(id))! } });
    },
  ),

  // DELETE: remove a claim and its evidence; editors any claim, a reader their own; 204.
  DELETE: endpoint(
    { params, user: { signIn: "delete claims" }, write: true, ifMatch: "optional" },
    async ({ params: { id }, user, precondition }) => {
      await deleteClaim(id, user, precondition);
      return new Response(null, { status: 204 });
    },
  ),
});

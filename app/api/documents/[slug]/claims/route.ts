import { apiRoute, endpoint } from "@/lib/api/api-route";
import { claimJson, getDocumentClaims } from "@/lib/claims/queries";
import { claimCreateSchema, createUserClaim, currentClaimEtag, MAX_CLAIM_REQUEST_BYTES } from "@/lib/claims/user-claims";
import { noSuchDocument } from "@/lib/documents/queries";

export const dynamic = "force-dynamic";

const params = { slug: "document" } as const;

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute("/api/documents/:slug/claims", {
  // GET: the claims about the text, each with its evidence.
  GET: endpoint({ params, user: "viewer" }, async ({ params: { slug }, user }) => {
    const claims = await getDocumentClaims(slug, user);
    if (!claims) throw noSuchDocument(slug);
    return Response.json({ claims: claims.map(claimJson) });
  }),

  // POST: a signed-in reader makes a claim about the text with the ranges that support,
  // contradict or qualify it; 201 with the claim as GET serves it, Location.
  POST: endpoint(
    {
      params,
      user: { signIn: "make claims" },
      body: { schema: claimCreateSchema, limit: MAX_CLAIM_REQUEST_BYTES, what: "The claim" },
      write: true,
    },
    async ({ params: { slug }, user, body, origin }) => {
      const claim = await createUserClaim(slug, user, body);
      return Response.json(claimJson(claim), {
        status: 201,
        headers: { Location: `${origin}/api/claims/${encodeURIComponent(claim.id)}`, ETag: (await currentClaimEtag(claim.id))! },
      });
    },
  ),
});

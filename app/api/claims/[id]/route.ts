import { apiMethods } from "@/lib/api/api-methods";
import { ApiError, apiRoute } from "@/lib/api/errors";
import { ifMatchAllows, parseBody, readJsonBody, requireUser, routeId } from "@/lib/api/json-body";
import { claimJson, getClaim } from "@/lib/claims/queries";
import { claimPatchSchema, currentClaimEtag, deleteClaim, MAX_CLAIM_REQUEST_BYTES, patchClaim } from "@/lib/claims/user-claims";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

// GET /api/claims/:id: one claim with its evidence and its document.
const onGet = apiRoute("GET /api/claims/:id", async (_request: Request, { params }: Context) => {
  const id = routeId((await params).id, "claim");
  const [claim, etag] = await Promise.all([getClaim(id), currentClaimEtag(id)]);
  if (!claim || !etag) throw new ApiError(404, "not_found", `No claim "${id}".`);
  return Response.json({ ...claimJson(claim), document: claim.document }, { headers: { ETag: etag } });
});

// PATCH /api/claims/:id: change statement, kind, date (null removes it) or entities; editors any
// claim, a reader their own. If-Match is honoured when sent. An edit of a curated claim lasts
// until the document's claims file next changes.
const onPatch = apiRoute("PATCH /api/claims/:id", async (request: Request, { params }: Context) => {
  const id = routeId((await params).id, "claim");
  const user = await requireUser(request, "change claims");
  const patch = parseBody(claimPatchSchema, await readJsonBody(request, MAX_CLAIM_REQUEST_BYTES), "The change");
  const ifMatch = request.headers.get("if-match");
  const claim = await patchClaim(id, user, patch, (etag) => ifMatchAllows(ifMatch, etag));
  return Response.json({ ...claimJson(claim), document: claim.document }, { headers: { ETag: (await currentClaimEtag(id))! } });
});

// DELETE /api/claims/:id: remove a claim and its evidence; editors any claim, a reader their own; 204.
const onDelete = apiRoute("DELETE /api/claims/:id", async (request: Request, { params }: Context) => {
  const id = routeId((await params).id, "claim");
  const user = await requireUser(request, "delete claims");
  const ifMatch = request.headers.get("if-match");
  await deleteClaim(id, user, (etag) => ifMatchAllows(ifMatch, etag));
  return new Response(null, { status: 204 });
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({ GET: onGet, PATCH: onPatch, DELETE: onDelete });

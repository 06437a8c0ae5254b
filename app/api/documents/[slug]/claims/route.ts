import { apiMethods } from "@/lib/api/api-methods";
import { ApiError, apiRoute } from "@/lib/api/errors";
import { parseBody, readJsonBody, requireUser, routeId } from "@/lib/api/json-body";
import { originOf } from "@/lib/api/request";
import { claimJson, getDocumentClaims } from "@/lib/claims/queries";
import { claimCreateSchema, currentClaimEtag, createUserClaim, MAX_CLAIM_REQUEST_BYTES } from "@/lib/claims/user-claims";

export const dynamic = "force-dynamic";

// GET /api/documents/:slug/claims: the claims about the text, each with its evidence.
const onGet = apiRoute("GET /api/documents/:slug/claims", async (_request: Request, { params }: { params: Promise<{ slug: string }> }) => {
  const { slug } = await params;
  const claims = await getDocumentClaims(slug);
  if (!claims) throw new ApiError(404, "not_found", `No document "${slug}".`);
  return Response.json({ claims: claims.map(claimJson) });
});

// POST /api/documents/:slug/claims: a signed-in reader makes a claim about the text with the
// ranges that support, contradict or qualify it; 201 with the claim as GET serves it, Location.
const onPost = apiRoute("POST /api/documents/:slug/claims", async (request: Request, { params }: { params: Promise<{ slug: string }> }) => {
  const slug = routeId((await params).slug, "document");
  const user = await requireUser(request, "make claims");
  const input = parseBody(claimCreateSchema, await readJsonBody(request, MAX_CLAIM_REQUEST_BYTES), "The claim");
  const claim = await createUserClaim(slug, user, input);
  return Response.json(claimJson(claim), {
    status: 201,
    headers: { Location: `${originOf(request)}/api/claims/${encodeURIComponent(claim.id)}`, ETag: (await currentClaimEtag(claim.id))! },
  });
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({ GET: onGet, POST: onPost });

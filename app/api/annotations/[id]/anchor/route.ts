import { apiMethods } from "@/lib/api/api-methods";
import { apiRoute } from "@/lib/api/errors";
import { redirectFromFormerIri } from "@/lib/annotations/former-iri";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

// POST /api/annotations/:id/anchor: the anchor review's former address, redirected (308, the POST
// and its body kept) to /api/documents/:slug/annotations/:id/anchor.
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods<Context>({
  POST: apiRoute("POST /api/annotations/:id/anchor", async (request: Request, { params }: Context) =>
    redirectFromFormerIri(request, (await params).id, "/anchor"),
  ),
});

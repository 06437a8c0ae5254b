import { apiMethods } from "@/lib/api/api-methods";
import { apiRoute } from "@/lib/api/errors";
import { redirectFromFormerIri } from "@/lib/annotations/former-iri";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

// /api/annotations/:id: where annotations' IRIs were before they moved into their document's
// container. Every IRI served then still resolves: a permanent redirect (308) to its IRI now.
const redirect = apiRoute("/api/annotations/:id", async (request: Request, { params }: Context) =>
  redirectFromFormerIri(request, (await params).id),
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods<Context>({ GET: redirect, PUT: redirect, DELETE: redirect });

import { apiMethods } from "@/lib/api/api-methods";
import { ApiError, apiRoute } from "@/lib/api/errors";
import { followPassage } from "@/lib/documents/passage-link";

export const dynamic = "force-dynamic";

// GET /api/documents/:slug/passages/:anchor: where a passage a link names is in the current text,
// also when the link was made on an earlier version (see followPassage).
const onGet = apiRoute(
  "GET /api/documents/:slug/passages/:anchor",
  async (_request: Request, { params }: { params: Promise<{ slug: string; anchor: string }> }) => {
    const { slug, anchor } = await params;
    const found = /^[a-z0-9][a-z0-9-]{0,199}$/.test(anchor) && /^[a-z0-9-]{1,200}$/.test(slug) ? await followPassage(slug, anchor) : null;
    if (!found) throw new ApiError(404, "not_found", `No passage "${anchor}" in any version of "${slug}".`);
    return Response.json(found);
  },
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({ GET: onGet });

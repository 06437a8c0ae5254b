import { apiRoute, endpoint } from "@/lib/api/api-route";
import { followPassage } from "@/lib/documents/passage-link";
import { DomainError } from "@/lib/errors";

export const dynamic = "force-dynamic";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute("/api/documents/:slug/passages/:anchor", {
  // GET: where a passage a link names is in the current text, also when the link was made on an
  // earlier version (see followPassage).
  GET: endpoint({ params: { slug: "document", anchor: "passage" }, user: "viewer" }, async ({ params: { slug, anchor }, user }) => {
    const found = await followPassage(slug, anchor, user);
    if (!found) throw new DomainError("not_found", `No passage "${anchor}" in any version of "${slug}".`);
    return Response.json(found);
  }),
});

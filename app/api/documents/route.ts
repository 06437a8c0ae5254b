import { apiRoute, endpoint } from "@/lib/api/api-route";
import { documentSummaryJson, listDocuments } from "@/lib/documents/queries";

export const dynamic = "force-dynamic";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute("/api/documents", {
  // GET: the library, one entry per document with its current version: the public ones and the
  // requester's own private ones.
  GET: endpoint({ user: "viewer" }, async ({ user }) =>
    Response.json({ documents: (await listDocuments(user)).map(documentSummaryJson) }, { headers: { Vary: "Cookie" } }),
  ),
});

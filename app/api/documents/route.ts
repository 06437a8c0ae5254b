import { apiRoute, endpoint } from "@/lib/api/api-route";
import { documentSummaryJson, listDocuments } from "@/lib/documents/queries";

export const dynamic = "force-dynamic";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute("/api/documents", {
  // GET: the library, one entry per document with its current version.
  GET: endpoint({}, async () => Response.json({ documents: (await listDocuments()).map(documentSummaryJson) })),
});

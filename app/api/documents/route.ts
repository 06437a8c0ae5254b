import { apiMethods } from "@/lib/api/api-methods";
import { apiRoute } from "@/lib/api/errors";
import { listDocuments } from "@/lib/documents/queries";

export const dynamic = "force-dynamic";

// GET /api/documents: the library, one entry per document with its current version.
const onGet = apiRoute("GET /api/documents", async () => {
  const documents = await listDocuments();
  return Response.json({
    documents: documents.map((d) => ({
      slug: d.slug,
      title: d.title,
      language: d.language,
      version: d.version,
      versionNumber: d.versionNumber,
      passageCount: d.passageCount,
      url: `/documents/${d.slug}`,
    })),
  });
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({ GET: onGet });

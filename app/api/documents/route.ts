import { apiRoute, endpoint } from "@/lib/api/api-route";
import { receiveUpload } from "@/lib/api/multipart-upload";
import { getDb } from "@/lib/db";
import { documentSummaryJson, listDocuments } from "@/lib/documents/queries";
import { createImport } from "@/lib/imports/create-import";
import { importJson } from "@/lib/imports/import-view";
import { IMPORT_FORM_LIMITS } from "@/lib/imports/upload-limits";
import { uploadDir } from "@/lib/imports/uploads";

export const dynamic = "force-dynamic";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute("/api/documents", {
  // GET: the library, one entry per document with its current version: the public ones and the
  // requester's own private ones.
  GET: endpoint({ user: "viewer" }, async ({ user }) =>
    Response.json({ documents: (await listDocuments(user)).map(documentSummaryJson) }, { headers: { Vary: "Cookie" } }),
  ),
  // POST: import a file or pasted text (multipart/form-data); 202 with the import to follow.
  POST: endpoint({ user: { signIn: "import a document" }, write: true }, async ({ request, user, origin }) => {
    const form = await receiveUpload(request, uploadDir(), IMPORT_FORM_LIMITS);
    const view = await createImport(getDb(), user, form);
    return Response.json(
      { import: importJson(view, origin) },
      { status: 202, headers: { Location: `${origin}/api/imports/${view.id}`, "Cache-Control": "no-store" } },
    );
  }),
});

import { apiRoute, endpoint } from "@/lib/api/api-route";
import { receiveUpload } from "@/lib/api/multipart-upload";
import { getDb } from "@/lib/db";
import { findRevisableDocument } from "@/lib/documents/revise-document";
import { createImport } from "@/lib/imports/create-import";
import { importJson } from "@/lib/imports/import-view";
import { IMPORT_FORM_LIMITS } from "@/lib/imports/upload-limits";
import { uploadDir } from "@/lib/imports/uploads";

export const dynamic = "force-dynamic";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute("/api/documents/:slug/versions", {
  // POST: a new version of an imported document from a file or text (the form of POST /api/documents);
  // 202 with the import. Its annotations re-anchor as for a changed content file.
  POST: endpoint(
    { params: { slug: "document" }, user: { signIn: "add a version" }, write: true },
    async ({ request, params: { slug }, user, origin }) => {
      const target = await findRevisableDocument(getDb(), slug, user);
      const form = await receiveUpload(request, uploadDir(), IMPORT_FORM_LIMITS);
      const view = await createImport(getDb(), user, form, target);
      return Response.json(
        { import: importJson(view, origin) },
        { status: 202, headers: { Location: `${origin}/api/imports/${view.id}`, "Cache-Control": "no-store" } },
      );
    },
  ),
});

import { apiRoute, endpoint } from "@/lib/api/api-route";
import { getDb } from "@/lib/db";
import { findImport } from "@/lib/imports/create-import";
import { importJson } from "@/lib/imports/import-view";

export const dynamic = "force-dynamic";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute("/api/imports/:id", {
  // GET: an import's status, stage and progress (its owner only; anyone else: not found).
  GET: endpoint({ params: { id: "import" }, user: "viewer" }, async ({ params: { id }, user, origin }) => {
    const view = await findImport(getDb(), id, user);
    return Response.json(importJson(view, origin), { headers: { "Cache-Control": "private, no-store" } });
  }),
});

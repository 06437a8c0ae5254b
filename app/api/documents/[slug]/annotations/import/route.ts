import { apiMethods } from "@/lib/api/api-methods";
import { ApiError, apiRoute } from "@/lib/api/errors";
import {
  importItems,
  MAX_IMPORT_BYTES,
  prepareImportItem,
  reasonOf,
  type ImportFailure,
  type ImportReport,
} from "@/lib/annotations/import-annotations";
import type { AnnotationInput } from "@/lib/annotations/protocol";
import { checkMediaType, readLimitedText, textTargetOf } from "@/lib/annotations/protocol";
import { currentDocumentText } from "@/lib/annotations/queries";
import { createAnnotations, IMPORT_MAX_ANNOTATIONS } from "@/lib/annotations/writes";
import { getSessionUser } from "@/lib/auth";

export const dynamic = "force-dynamic";

// POST /api/documents/:slug/annotations/import: a signed-in reader brings in annotations (a W3C
// AnnotationCollection with its items inline, or an array of annotations, up to 2 MB), each
// validated as a create is, anchored by its quote in the current text and created as the
// reader's own. Answers 200 { imported, failed: [{ index, id?, exact?, reason }] }; a body that is
// not such a list is refused whole (400) and nothing is stored.
const onPost = apiRoute(
  "POST /api/documents/:slug/annotations/import",
  async (request: Request, { params }: { params: Promise<{ slug: string }> }) => {
    const { slug } = await params;
    const user = await getSessionUser(request);
    if (!user) throw new ApiError(401, "unauthenticated", "Sign in to import annotations.");
    checkMediaType(request.headers.get("content-type"));
    const body = await readLimitedText(request, MAX_IMPORT_BYTES);
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch (error) {
      throw new ApiError(400, "bad_request", `The body is not valid JSON: ${(error as Error).message}`);
    }
    const items = importItems(json);
    if (items.length > IMPORT_MAX_ANNOTATIONS)
      throw new ApiError(413, "too_large", `At most ${IMPORT_MAX_ANNOTATIONS} annotations an import (this one has ${items.length}).`);
    const text = await currentDocumentText(slug);
    if (text === null) throw new ApiError(404, "not_found", `No document "${slug}".`);

    const failed: ImportFailure[] = [];
    const ready: Array<{ index: number; input: AnnotationInput }> = [];
    items.forEach((item, index) => {
      const prepared = prepareImportItem(item, index, text);
      if ("failure" in prepared) failed.push(prepared.failure);
      else ready.push({ index, input: prepared.input });
    });
    const outcomes = await createAnnotations(
      slug,
      user,
      ready.map((r) => r.input),
    );
    let imported = 0;
    outcomes.forEach((outcome, i) => {
      if ("id" in outcome) imported++;
      else {
        const { index, input } = ready[i];
        const selector = textTargetOf(input.target)?.selector ?? [];
        const quote = (Array.isArray(selector) ? selector : [selector]).find((s) => s.type === "TextQuoteSelector");
        failed.push({
          index,
          ...(input.id ? { id: input.id } : {}),
          ...(quote ? { exact: quote.exact } : {}),
          reason: reasonOf(outcome.error),
        });
      }
    });
    failed.sort((a, b) => a.index - b.index);
    const report: ImportReport = { imported, failed };
    return Response.json(report, { headers: { "Cache-Control": "no-store" } });
  },
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({ POST: onPost });

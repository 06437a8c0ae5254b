import { apiMethods } from "@/lib/api/api-methods";
import { z } from "zod";
import { ApiError, apiRoute } from "@/lib/api/errors";
import { originOf, parseSearchParams } from "@/lib/api/request";
import { citeRange } from "@/lib/citations/cite-range";
import { CITATION_FORMATS } from "@/lib/citations/format-citation";
import { getDocument } from "@/lib/documents/queries";

export const dynamic = "force-dynamic";

const offset = z
  .string()
  .regex(/^\d{1,9}$/, "must be a whole number of UTF-16 code units")
  .transform(Number);

const paramsSchema = z
  .object({
    passage: z
      .string()
      .regex(/^[\p{L}\p{N}_-]{1,200}$/u, "must be a passage id")
      .optional(),
    start: offset.optional(),
    end: offset.optional(),
    format: z.enum(CITATION_FORMATS).default("chicago"),
  })
  .strict()
  .superRefine((params, context) => {
    const range = params.start !== undefined || params.end !== undefined;
    if (params.passage !== undefined && range)
      context.addIssue({ code: "custom", message: "give either passage or start and end, not both" });
    else if (params.passage === undefined && !range) context.addIssue({ code: "custom", message: "give passage, or start and end" });
    else if (range && (params.start === undefined || params.end === undefined)) {
      context.addIssue({ code: "custom", path: [params.start === undefined ? "start" : "end"], message: "start and end go together" });
    }
  });

// GET /api/documents/:slug/cite?passage=ID or ?start=&end=, &format=: a citation of the passage or range, with its links.
const onGet = apiRoute("GET /api/documents/:slug/cite", async (request: Request, { params }: { params: Promise<{ slug: string }> }) => {
  const { slug } = await params;
  const query = parseSearchParams(request, paramsSchema);
  const document = /^[a-z0-9-]{1,200}$/.test(slug) ? await getDocument(slug) : null;
  if (!document) throw new ApiError(404, "not_found", `No document "${slug}".`);
  const target = query.passage !== undefined ? { passage: query.passage } : { start: query.start!, end: query.end! };
  const citation = citeRange(document, target, query.format, { origin: originOf(request) });
  return Response.json(citation, { headers: { "Cache-Control": "no-store" } });
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({ GET: onGet });

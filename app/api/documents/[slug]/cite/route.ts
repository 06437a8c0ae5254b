import { z } from "zod";
import { apiRoute, endpoint } from "@/lib/api/api-route";
import { citeRange } from "@/lib/citations/cite-range";
import { CITATION_FORMATS } from "@/lib/citations/format-citation";
import { getDocument, noSuchDocument } from "@/lib/documents/queries";
import { isPassageId } from "@/lib/validation/ids";

export const dynamic = "force-dynamic";

const offset = z
  .string()
  .regex(/^\d{1,9}$/, "must be a whole number of UTF-16 code units")
  .transform(Number);

const querySchema = z
  .object({
    passage: z.string().refine(isPassageId, "must be a passage id").optional(),
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

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute("/api/documents/:slug/cite", {
  // GET ?passage=ID or ?start=&end=, &format=: a citation of the passage or range, with its links.
  GET: endpoint({ params: { slug: "document" }, query: querySchema, user: "viewer" }, async ({ params: { slug }, query, user, origin }) => {
    const document = await getDocument(slug, user);
    if (!document) throw noSuchDocument(slug);
    const target = query.passage !== undefined ? { passage: query.passage } : { start: query.start!, end: query.end! };
    return Response.json(citeRange(document, target, query.format, { origin }), { headers: { "Cache-Control": "no-store" } });
  }),
});

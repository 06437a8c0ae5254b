import { createHash } from "node:crypto";
import { z } from "zod";
import { ANCHOR_STATES } from "../anchoring/anchor-state";
import type { AnnotationFilter } from "../annotations/queries";
import type { ContainerPreference } from "./container-preference";
import { DomainError } from "../errors";
import { containerPreference } from "./container-preference";
import { containerUrl } from "./iris";
import type { W3cAnnotation } from "./serialize-annotation";
import { ANNO_CONTEXT, ANNO_MEDIA_TYPE, CONTAINER_LINK, LDP_CONTEXT, MOTIVATIONS } from "./vocabulary";

/** Query parameters of a document's annotation container. */
export const containerQuerySchema = z
  .object({
    page: z.coerce.number().int().min(0).max(1_000_000).optional(),
    // The W3C representation the container's pages carry: the annotations' IRIs (1) or whole
    // annotations (0, the default). Set from a Prefer header, kept in the pages' IRIs.
    iris: z.enum(["0", "1"]).optional(),
    motivation: z.enum(MOTIVATIONS).optional(),
    state: z.enum(ANCHOR_STATES).optional(),
    // A range of the current text: the annotations on it whose words overlap [start, end).
    start: z.coerce.number().int().min(0).max(1_000_000_000).optional(),
    end: z.coerce.number().int().min(1).max(1_000_000_000).optional(),
  })
  .strict()
  .refine((q) => (q.start === undefined) === (q.end === undefined), { message: "start and end go together", path: ["end"] })
  .refine((q) => q.start === undefined || q.end === undefined || q.start < q.end, { message: "end must be after start", path: ["end"] });
export type ContainerQuery = z.infer<typeof containerQuerySchema>;

/** The filters of a container query, in the order they go into its IRIs. */
export function containerFilters(query: AnnotationFilter): URLSearchParams {
  const filters = new URLSearchParams();
  if (query.motivation) filters.set("motivation", query.motivation);
  if (query.state) filters.set("state", query.state);
  if (query.start !== undefined && query.end !== undefined) {
    filters.set("start", String(query.start));
    filters.set("end", String(query.end));
  }
  return filters;
}

/** What a container response is built from: one page of the annotations the requester may see. */
export interface ContainerPage {
  origin: string;
  slug: string;
  title: string;
  /** The filters asked for (motivation, state, a range), in the order they go into the IRIs. */
  filters: URLSearchParams;
  /** Annotations the filters select (all pages). */
  total: number;
  /** This page's number (from 0) and size. */
  page: number;
  pageSize: number;
  items: W3cAnnotation[];
}

/**
 * The container's representation (W3C Web Annotation Protocol 4.1 and 4.2) as `preference` asks:
 * an AnnotationCollection that is also an LDP BasicContainer, with its first page embedded (whole
 * annotations, or their IRIs) and a link to its last page, or only the links to both (minimal).
 * Its `id`, also its Content-Location, is the container's IRI (ending in "/"), with the filters
 * and, when the pages hold IRIs, `iris=1`: the pages' own IRIs carry the preference, so a client
 * asks for them without one.
 */
export function containerBody(input: ContainerPage, preference: ContainerPreference) {
  const { id, pageUrl, lastPage } = addresses(input, preference.iris);
  return {
    "@context": [ANNO_CONTEXT, LDP_CONTEXT],
    id,
    type: ["BasicContainer", "AnnotationCollection"],
    label: `Annotations on ${input.title}`,
    total: input.total,
    first: preference.minimal ? pageUrl(0) : pageBody(input, preference.iris, false),
    last: pageUrl(lastPage),
  };
}

/** One AnnotationPage of the container (`?page=N`), standing alone: with its context and what it is part of. */
export function containerPageBody(input: ContainerPage, iris: boolean) {
  return { "@context": ANNO_CONTEXT, ...pageBody(input, iris, true) };
}

/** The number of the container's last page (0 when it is empty). */
export const lastPageOf = (total: number, pageSize: number) => Math.max(0, Math.ceil(total / pageSize) - 1);

function pageBody(input: ContainerPage, iris: boolean, standalone: boolean) {
  const { id, pageUrl, lastPage } = addresses(input, iris);
  return {
    id: pageUrl(input.page),
    type: "AnnotationPage",
    ...(standalone ? { partOf: { id, type: "AnnotationCollection", total: input.total } } : {}),
    startIndex: input.page * input.pageSize,
    ...(input.page < lastPage ? { next: pageUrl(input.page + 1) } : {}),
    ...(input.page > 0 ? { prev: pageUrl(input.page - 1) } : {}),
    items: iris ? input.items.map((item) => item.id) : input.items,
  };
}

function addresses(input: ContainerPage, iris: boolean) {
  const base = containerUrl(input.origin, input.slug);
  const parameters = new URLSearchParams(input.filters);
  if (iris) parameters.set("iris", "1");
  const id = parameters.size ? `${base}?${parameters}` : base;
  const pageUrl = (n: number) => `${base}?${new URLSearchParams([...parameters, ["page", String(n)]])}`;
  return { id, pageUrl, lastPage: lastPageOf(input.total, input.pageSize) };
}

/**
 * The container's strong ETag: a hash of the representation sent and of `fingerprint`, a summary
 * of every annotation the requester may see there (see listDocumentAnnotations), so that it
 * changes when any of them does, on this page or another, and never with what the requester
 * cannot see.
 */
export const containerEtag = (body: unknown, fingerprint: string) =>
  `"${createHash("sha256").update(JSON.stringify(body)).update("\n").update(fingerprint).digest("hex").slice(0, 32)}"`;

/**
 * The container's answer to a GET as `query` and a Prefer header ask: one AnnotationPage standing
 * alone (`?page=N`: its representation in its IRI, whatever Prefer says; not_found past the last
 * page), or the container itself as Prefer (or `?iris=`) asks, its IRI in Content-Location. The
 * body and its headers; the ETag is the caller's (containerEtag).
 */
export function containerRepresentation(input: ContainerPage, query: Pick<ContainerQuery, "page" | "iris">, prefer: string | null) {
  const headers: Record<string, string> = { "Content-Type": ANNO_MEDIA_TYPE, Link: CONTAINER_LINK, "Accept-Post": ANNO_MEDIA_TYPE };
  if (query.page !== undefined) {
    const last = lastPageOf(input.total, input.pageSize);
    if (input.page > last && input.total > 0) throw new DomainError("not_found", `No page ${input.page}: the last page is ${last}.`);
    return { body: containerPageBody(input, query.iris === "1"), headers: { ...headers, Vary: "Accept, Cookie" } };
  }
  const preferred = containerPreference(prefer);
  const body = containerBody(input, query.iris === undefined ? preferred : { ...preferred, iris: query.iris === "1" });
  return { body, headers: { ...headers, "Content-Location": body.id, Vary: "Accept, Prefer, Cookie" } };
}

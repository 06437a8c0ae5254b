import { createHash } from "node:crypto";
import type { ContainerPreference } from "./container-preference";
import { ANNO_CONTEXT, containerUrl, LDP_CONTEXT, type W3cAnnotation } from "./w3c";

/** The Link header of a container (W3C Web Annotation Protocol 4.1): its type and the protocol's constraints. */
export const CONTAINER_LINK =
  '<http://www.w3.org/ns/ldp#BasicContainer>; rel="type", <http://www.w3.org/TR/annotation-protocol/>; rel="http://www.w3.org/ns/ldp#constrainedBy"';
/** The Link header of an annotation (W3C Web Annotation Protocol 4.2). */
export const ANNOTATION_LINK = '<http://www.w3.org/ns/ldp#Resource>; rel="type"';

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

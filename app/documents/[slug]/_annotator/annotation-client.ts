// What the reader's annotating components share: the W3C media type, the shape of the
// annotations they read, and every request they make to the API, whose errors become sentences
// (RequestFailed). Nothing else in the reader's annotating code calls fetch.

import type { Viewer } from "@/app/sign-in/session-client";
import { annotationPath, containerPath } from "@/lib/annotations/annotation-paths";
import type { PrivateLayer } from "@/lib/annotations/private-layer";
import type { AnchorState } from "@/lib/anchoring/anchor-state";
import type { TextRange } from "@/lib/text-model/text-range";

export const ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld";
export const LD_JSON = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';

export { getViewer, type Viewer } from "@/app/sign-in/session-client";

export interface TextualBody {
  type: "TextualBody";
  value: string;
  format?: string;
  purpose?: string;
}

/** A reader's annotation as the API serves it (the parts the reader uses). */
export interface Note {
  id: string;
  motivation: string;
  created: string;
  modified: string;
  creator?: { id: string; name?: string };
  body?: TextualBody | { type: string; source?: string } | Array<TextualBody | { type: string; source?: string }>;
  /** A reply's target is the IRI of the annotation it answers. */
  target: string | { source?: string; selector: Array<{ type: string; exact?: string; start?: number; end?: number }> };
  visibility?: "public" | "private";
  [key: string]: unknown;
}

/** Whether `note` was written by `viewer`. */
export const isMine = (note: Note, viewer: Viewer | null | undefined) =>
  !!viewer && !!note.creator?.id.endsWith(`/users/${encodeURIComponent(viewer.id)}`);

/** The id the database gives an annotation: the last segment of its IRI (what `data-mention` holds for a name). */
export const annotationIdOf = (note: Note) => decodeURIComponent(new URL(note.id, window.location.href).pathname.split("/").pop() ?? "");

/** A note's element on the page (`[data-note]`, its IRI), or null when it is not shown. */
export const noteElement = (id: string) =>
  Array.from(document.querySelectorAll<HTMLElement>("[data-note]")).find((element) => element.dataset.note === id) ?? null;

export const bodies = (note: Note) => (Array.isArray(note.body) ? note.body : note.body ? [note.body] : []);
export const textualBodies = (note: Note) => bodies(note).filter((b): b is TextualBody => b.type === "TextualBody");
export const tagsOf = (note: Note) =>
  textualBodies(note)
    .filter((b) => b.purpose === "tagging" || note.motivation === "tagging")
    .map((b) => b.value);
export const commentBody = (note: Note) => textualBodies(note).find((b) => b.purpose !== "tagging" && note.motivation !== "tagging");
export const positionOf = (note: Note) =>
  typeof note.target === "string"
    ? undefined
    : (note.target.selector.find((s) => s.type === "TextPositionSelector") as { start: number; end: number } | undefined);
export const quoteOf = (note: Note) =>
  typeof note.target === "string" ? "" : (note.target.selector.find((s) => s.type === "TextQuoteSelector")?.exact ?? "");
/** Where a note's words stand (the API's `anchoring`): its state, and what changed since it was made. */
export interface Anchoring {
  state: AnchorState;
  version: string;
  madeOn?: string;
  previousQuote?: string;
}
export const anchoringOf = (note: Note) =>
  note.anchoring && typeof note.anchoring === "object" ? (note.anchoring as Anchoring) : undefined;
export const replyTarget = (note: Note) => (typeof note.target === "string" ? note.target : null);

/** The path and query of an absolute API URL (the API serves absolute ids). */
export const apiPath = (url: string) => {
  const u = new URL(url, window.location.href);
  return `${u.pathname}${u.search}`;
};

/** The API's error message, or `fallback (status)`. */
export async function errorMessage(response: Response, fallback: string): Promise<string> {
  const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  return body?.error?.message ?? `${fallback} (${response.status})`;
}

export class RequestFailed extends Error {}

/** What to tell the reader when a request threw `error`. */
export const failureMessage = (error: unknown) => (error instanceof RequestFailed ? error.message : String(error));

/** GETs `url` accepting `accept`; throws RequestFailed with the API's message. */
async function get(url: string, accept: string, fallback: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: "same-origin", headers: { Accept: accept } });
  } catch {
    throw new RequestFailed("The server could not be reached. Try again.");
  }
  if (!response.ok) throw new RequestFailed(await errorMessage(response, fallback));
  return response;
}

/** Sends JSON and returns the decoded answer; throws RequestFailed with the API's message. */
export async function send<T>(
  url: string,
  method: string,
  body: unknown,
  fallback: string,
  headers: Record<string, string> = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new RequestFailed("The server could not be reached. Try again.");
  }
  if (!response.ok) throw new RequestFailed(await errorMessage(response, fallback));
  return (response.status === 204 ? null : await response.json()) as T;
}

/** GETs JSON; throws RequestFailed with the API's message. */
export async function getJson<T>(url: string, fallback: string): Promise<T> {
  return (await (await get(url, "application/json", fallback)).json()) as T;
}

/** A W3C annotation on `selected` words of the document at `readerPath`. */
export function annotationOn(
  readerPath: string,
  selected: TextRange,
  motivation: string,
  body: unknown,
  visibility: "public" | "private" = "public",
) {
  return {
    "@context": ANNO_CONTEXT,
    type: "Annotation",
    motivation,
    ...(body === undefined ? {} : { body }),
    target: {
      source: `${window.location.origin}${readerPath}`,
      selector: [
        { type: "TextQuoteSelector", exact: selected.exact, prefix: selected.prefix, suffix: selected.suffix },
        { type: "TextPositionSelector", start: selected.start, end: selected.end },
      ],
    },
    visibility,
  };
}

/** POSTs a W3C annotation to the document's collection; returns it as stored. */
export const createAnnotation = (slug: string, annotation: unknown, fallback: string) =>
  send<Note>(containerPath(slug), "POST", annotation, fallback, {
    "Content-Type": LD_JSON,
    Accept: "application/ld+json",
  });

/** Loads an annotation and its ETag (for If-Match). */
export async function currentAnnotation(url: string): Promise<{ etag: string; annotation: Note }> {
  const response = await get(url, "application/ld+json", "The note could not be read");
  return { etag: response.headers.get("etag") ?? "", annotation: (await response.json()) as Note };
}

/** The annotation `id` of the document. */
export async function getAnnotation(slug: string, id: string): Promise<Note> {
  return (await (await get(annotationPath(slug, id), "application/ld+json", "The annotation could not be loaded")).json()) as Note;
}

/** A page of the document's collection, or the collection with its first page embedded. */
type CollectionPage = { items?: Note[]; next?: string };

/** Every annotation of the document's collection that `query` selects (`motivation=…&start=…`), page after page. */
export async function listAnnotations(slug: string, query: string): Promise<Note[]> {
  const items: Note[] = [];
  let next: string | undefined = `${containerPath(slug)}?${query}`;
  for (let i = 0; next && i < 50; i++) {
    const response = await get(next, "application/ld+json", "The server could not answer");
    const json = (await response.json()) as CollectionPage & { first?: CollectionPage };
    const page = json.first ?? json;
    items.push(...(page.items ?? []));
    next = page.next ? apiPath(page.next) : undefined;
  }
  return items;
}

/** Moves a lost annotation `id` onto the words `words` (an editor's re-attaching). */
export const attachAnnotation = (slug: string, id: string, words: Pick<TextRange, "start" | "end" | "exact">) =>
  send<unknown>(`${annotationPath(slug, id)}/anchor`, "POST", { action: "attach", ...words }, "The annotation could not be attached");

/** The signed-in reader's own private layer of document `slug` (GET …/private-layer: their private identifications). */
export const getPrivateLayer = (slug: string) =>
  getJson<PrivateLayer>(`/api/documents/${encodeURIComponent(slug)}/private-layer`, "Your private names could not be loaded");

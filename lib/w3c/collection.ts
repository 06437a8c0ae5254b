import type { ImportItem } from "../annotations/import-annotations";
import { DomainError, oneLine } from "../errors";
import { parseAnnotation } from "./parse-annotation";
import { toW3cAnnotation, type W3cContext } from "./serialize-annotation";
import type { StoredAnnotation } from "../annotations/types";
import { ANNO_CONTEXT } from "./vocabulary";

/** Largest import body read (bytes): a whole exported file of a well-annotated document. */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

const hasType = (value: Record<string, unknown>, type: string) =>
  value.type === type || (Array.isArray(value.type) && value.type.includes(type));

const hasAnnoContext = (value: Record<string, unknown>) => {
  const context = value["@context"];
  return context === ANNO_CONTEXT || (Array.isArray(context) && context.includes(ANNO_CONTEXT));
};

const malformed = (message: string) => new DomainError("bad_request", message);

/**
 * The annotations of an import body: a JSON array of annotations, a W3C AnnotationCollection with
 * its items inline (`items`, or `first.items` as Gloss exports it), or one AnnotationPage. Items of
 * a collection or page with the annotation context inherit it when they carry none. Refused whole
 * (bad_request) when the body is none of these (nothing is imported then).
 */
export function importItems(json: unknown): unknown[] {
  if (Array.isArray(json)) return json;
  if (!isObject(json)) throw malformed("Send a JSON-LD AnnotationCollection (with its items inline) or a JSON array of annotations.");
  let items: unknown;
  if (hasType(json, "AnnotationCollection")) {
    if (Array.isArray(json.items)) items = json.items;
    else if (isObject(json.first) && Array.isArray(json.first.items)) items = json.first.items;
    else throw malformed("The AnnotationCollection has no inline items: give them in `first.items` (or `items`).");
  } else if (hasType(json, "AnnotationPage")) {
    if (!Array.isArray(json.items)) throw malformed("The AnnotationPage has no `items` array.");
    items = json.items;
  } else {
    throw malformed("Send a JSON-LD AnnotationCollection (with its items inline) or a JSON array of annotations.");
  }
  const list = items as unknown[];
  const inherited = hasAnnoContext(json) || (isObject(json.first) && hasAnnoContext(json.first));
  return inherited ? list.map((item) => (isObject(item) && !("@context" in item) ? { "@context": ANNO_CONTEXT, ...item } : item)) : list;
}

/** The `id` and quote of an item, as far as it has them (to name it in a failure). */
function labelOf(item: unknown): { id?: string; exact?: string } {
  if (!isObject(item)) return {};
  const out: { id?: string; exact?: string } = {};
  if (typeof item.id === "string") out.id = item.id;
  const target = item.target;
  const selectors = isObject(target) ? (Array.isArray(target.selector) ? target.selector : [target.selector]) : [];
  const quote = selectors.find((s) => isObject(s) && s.type === "TextQuoteSelector") as Record<string, unknown> | undefined;
  if (quote && typeof quote.exact === "string") out.exact = quote.exact;
  return out;
}

/** One item of an import body (at `index`) read as a create reads an annotation: its draft, or why it is none. */
export function parseImportItem(item: unknown, index: number): ImportItem {
  const label = labelOf(item);
  try {
    return { index, label, draft: parseAnnotation(item, "create") };
  } catch (error) {
    if (error instanceof DomainError) return { index, label, reason: oneLine(error) };
    throw error;
  }
}

/** An exported annotation: as stored, with the hash of the version its selectors refer to. */
type ExportedItem = StoredAnnotation & { version: { hash: string } };

/**
 * A W3C AnnotationCollection at `id` holding every annotation inline, in one AnnotationPage. Each
 * item keeps its own `@context`, so it stands alone (and is what a POST create would accept back).
 */
export function inlineCollection(
  annotations: ExportedItem[],
  { id, label, origin, slug }: { id: string; label: string } & Pick<W3cContext, "origin"> & { slug: string },
) {
  const page = `${id}#items`;
  return {
    "@context": ANNO_CONTEXT,
    id,
    type: "AnnotationCollection",
    label,
    total: annotations.length,
    first: {
      id: page,
      type: "AnnotationPage",
      startIndex: 0,
      items: annotations.map((a) => toW3cAnnotation(a, { origin, documentSlug: slug, version: a.version.hash })),
    },
    last: page,
  };
}

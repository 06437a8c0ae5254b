import { ApiError } from "../api/errors";
import { textTargetOf, validateAnnotationInput, type AnnotationInput } from "./protocol";
import { bestQuotePlaces, nearest } from "../text-model/quote-match";
import { ANNO_CONTEXT } from "./w3c";

/** Largest import body read (bytes): a whole exported file of a well-annotated document. */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

/** The reason given for an annotation whose quote the document's text does not hold. */
export const QUOTE_NOT_FOUND = "quote not found in the text";

/** One annotation an import did not create, and why. */
export interface ImportFailure {
  /** Its position in the imported list (0-based). */
  index: number;
  /** Its `id` in the imported file, when it had one. */
  id?: string;
  /** Its quote, when it had one. */
  exact?: string;
  reason: string;
}

/** What an import answers: how many annotations it created and which it did not. */
export interface ImportReport {
  imported: number;
  failed: ImportFailure[];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

const hasType = (value: Record<string, unknown>, type: string) =>
  value.type === type || (Array.isArray(value.type) && value.type.includes(type));

const hasAnnoContext = (value: Record<string, unknown>) => {
  const context = value["@context"];
  return context === ANNO_CONTEXT || (Array.isArray(context) && context.includes(ANNO_CONTEXT));
};

const malformed = (message: string) => new ApiError(400, "bad_request", message);

/**
 * The annotations of an import body: a JSON array of annotations, a W3C AnnotationCollection with
 * its items inline (`items`, or `first.items` as Gloss exports it), or one AnnotationPage. Items of
 * a collection or page with the annotation context inherit it when they carry none. Throws 400
 * when the body is none of these (nothing is imported then).
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

/**
 * Where a TextQuoteSelector's quote lies in `text` (UTF-16 offsets): among the places the exact
 * quote occurs, the one whose surroundings agree longest with the prefix and suffix (the 64
 * characters of each nearest the quote); between equally good places, the one nearest the
 * position hint (an old TextPositionSelector). A reason instead when the quote is absent, or
 * occurs in places nothing tells apart.
 */
export function anchorQuote(
  text: string,
  quote: { exact: string; prefix?: string; suffix?: string },
  hint?: { start: number } | null,
): { start: number; end: number } | { reason: string } {
  const best = bestQuotePlaces(text, quote);
  if (best.length === 0) return { reason: QUOTE_NOT_FOUND };
  let start = best[0];
  if (best.length > 1) {
    if (!hint) return { reason: `the quote occurs ${best.length} times and its prefix and suffix do not tell which` };
    start = nearest(best, hint.start);
  }
  return { start, end: start + quote.exact.length };
}

/** A client error as one line: its message and the problems it lists. */
export function reasonOf(error: ApiError): string {
  const details = Array.isArray(error.details)
    ? error.details
        .map((d) => (isObject(d) ? [d.path, d.message].filter((p) => typeof p === "string" && p !== "").join(": ") : ""))
        .filter(Boolean)
    : [];
  return details.length ? `${error.message} ${details.join("; ")}` : error.message;
}

/** The `id` and quote of an item, as far as it has them (to name it in a failure). */
function describe(item: unknown): { id?: string; exact?: string } {
  if (!isObject(item)) return {};
  const out: { id?: string; exact?: string } = {};
  if (typeof item.id === "string") out.id = item.id;
  const target = item.target;
  const selectors = isObject(target) ? (Array.isArray(target.selector) ? target.selector : [target.selector]) : [];
  const quote = selectors.find((s) => isObject(s) && s.type === "TextQuoteSelector") as Record<string, unknown> | undefined;
  if (quote && typeof quote.exact === "string") out.exact = quote.exact;
  return out;
}

/**
 * One imported item made ready to create on a document whose current plain text is `text`: it is
 * validated as a POST create is (the same schema and rules), then anchored by its quote (see
 * anchorQuote); the input it becomes targets the range found, with a position selector the create
 * checks against the quote, and no `source` (the import names the document). A failure otherwise.
 */
export function prepareImportItem(item: unknown, index: number, text: string): { input: AnnotationInput } | { failure: ImportFailure } {
  const fail = (reason: string) => ({ failure: { index, ...describe(item), reason } });
  let input: AnnotationInput;
  try {
    input = validateAnnotationInput(item);
  } catch (error) {
    if (error instanceof ApiError) return fail(reasonOf(error));
    throw error;
  }
  const target = textTargetOf(input.target);
  if (!target) return fail("a reply (its target is another annotation) is not imported: post it to the annotation it answers");
  const selectors = Array.isArray(target.selector) ? target.selector : [target.selector];
  const quote = selectors.find((s) => s.type === "TextQuoteSelector");
  const position = selectors.find((s) => s.type === "TextPositionSelector");
  if (!quote) return fail("no TextQuoteSelector: an import anchors annotations by their quote");
  const anchored = anchorQuote(text, quote, position);
  if ("reason" in anchored) return fail(anchored.reason);
  return {
    input: {
      ...input,
      target: {
        selector: [
          { type: "TextQuoteSelector", exact: quote.exact },
          { type: "TextPositionSelector", start: anchored.start, end: anchored.end },
        ],
      },
    },
  };
}

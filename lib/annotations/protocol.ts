import { z } from "zod";
import { ApiError } from "../api/errors";
import { quoteContext } from "../text-model/quote-context";
import { ANNO_CONTEXT, MOTIVATIONS } from "./w3c";

/** Largest request body the annotation routes read (bytes). */
export const MAX_REQUEST_BYTES = 64 * 1024;
/** Longest TextualBody value (UTF-16 code units). */
export const MAX_BODY_VALUE = 10_000;

/** The motivations a reader may give an annotation of their own. */
export const USER_MOTIVATIONS = [
  "commenting",
  "replying",
  "tagging",
  "identifying",
  "highlighting",
  "questioning",
  "describing",
  "bookmarking",
] as const;

/** Motivations that say nothing without a textual body. */
const NEEDS_TEXT = new Set(["commenting", "replying", "tagging", "questioning", "describing"]);

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Text PostgreSQL can store unchanged: no NUL, no unpaired surrogate. */
export const storableText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !s.includes("\u0000"), "must not contain NUL characters")
    .refine((s) => !LONE_SURROGATE.test(s), "must not contain unpaired surrogates");

const textualBody = z
  .object({
    type: z.literal("TextualBody"),
    value: storableText(MAX_BODY_VALUE),
    format: z.enum(["text/plain", "text/markdown"]).default("text/plain"),
    purpose: z.enum(MOTIVATIONS).optional(),
    language: z
      .string()
      .regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/)
      .optional(),
  })
  .strict();

const specificResourceBody = z
  .object({
    type: z.literal("SpecificResource"),
    source: z.url({ protocol: /^https?$/ }).max(2000),
    purpose: z.literal("identifying").default("identifying"),
  })
  .strict();

const quoteSelector = z
  .object({
    type: z.literal("TextQuoteSelector"),
    exact: storableText(MAX_REQUEST_BYTES).min(1),
    prefix: storableText(MAX_REQUEST_BYTES).optional(),
    suffix: storableText(MAX_REQUEST_BYTES).optional(),
  })
  .strict();

const positionSelector = z
  .object({
    type: z.literal("TextPositionSelector"),
    start: z.number().int().min(0),
    end: z.number().int().min(0),
  })
  .strict();

const selector = z.discriminatedUnion("type", [quoteSelector, positionSelector]);

/** A range of the document's text: the target of every annotation but a reply. */
const textTarget = z
  .object({
    type: z.literal("SpecificResource").optional(),
    source: z.string().max(2000).optional(),
    selector: z.union([selector, z.array(selector).min(1).max(2)]),
  })
  .strict();

const iri = z.url({ protocol: /^https?$/ }).max(2000);

/**
 * Another annotation, named by its IRI: the target of a reply (motivation "replying"). The W3C
 * model allows each of these forms for a target that is a whole resource: the IRI itself, an
 * External Web Resource `{ "id": IRI }`, or a SpecificResource `{ "source": IRI }` without a
 * selector. Gloss serves a reply's target as the plain IRI.
 */
const annotationTarget = z.union([
  iri,
  z.object({ id: iri, type: z.string().max(100).optional() }).strict(),
  z.object({ source: iri, type: z.literal("SpecificResource").optional() }).strict(),
]);

/** Any absolute IRI (`urn:uuid:…` as well as `https://…`) PostgreSQL can store. */
const anyIri = storableText(2000).refine((value) => URL.canParse(value), "must be an absolute IRI");

/** The W3C annotation a client sends on create (POST) and replace (PUT). */
export const annotationInputSchema = z
  .object({
    "@context": z.union([z.literal(ANNO_CONTEXT), z.tuple([z.literal(ANNO_CONTEXT)]).rest(z.string())]),
    type: z.union([z.literal("Annotation"), z.array(z.string()).refine((t) => t.includes("Annotation"), "must include Annotation")]),
    // Optional in the W3C model (the W3C's own protocol tests send none): see defaultMotivation.
    motivation: z.enum(USER_MOTIVATIONS).optional(),
    body: z.union([textualBody, z.array(textualBody).min(1).max(20), specificResourceBody]).optional(),
    target: z.union([textTarget, annotationTarget]),
    visibility: z.enum(["public", "private"]).default("public"),
    // The annotation's IRI elsewhere: kept unchanged (W3C Protocol 5.1).
    canonical: anyIri.optional(),
    // Where it came from: on create, the client's own `id` goes here (W3C Protocol 5.1).
    via: anyIri.optional(),
    // The client's IRI for it: on create kept as `via`, on replace ignored (the server names it).
    id: anyIri.optional(),
    // What the server serves and a client may send back on PUT; ignored (server-owned).
    created: z.string().max(100).optional(),
    modified: z.string().max(100).optional(),
    creator: z.unknown().optional(),
    anchoring: z.unknown().optional(),
  })
  .strict()
  .transform((input) => ({ ...input, motivation: input.motivation ?? defaultMotivation(input) }));
export type AnnotationInput = z.infer<typeof annotationInputSchema>;

/**
 * The motivation of an annotation sent without one: commenting when it has a body, highlighting
 * (words marked, nothing said) when it has none. Gloss stores and serves every annotation with a
 * motivation, which its pages and filters go by.
 */
function defaultMotivation(input: { body?: unknown }): (typeof USER_MOTIVATIONS)[number] {
  return input.body === undefined ? "highlighting" : "commenting";
}
/** A target naming a range of the document's text. */
export type TextTarget = z.infer<typeof textTarget>;
/** The selectors of a text target. */
export type Selectors = TextTarget["selector"];

/** The IRI of the annotation a reply's target names, or null when the target is a range of text. */
export function targetAnnotationIri(target: AnnotationInput["target"]): string | null {
  if (typeof target === "string") return target;
  if ("selector" in target) return null;
  return "id" in target ? target.id : target.source;
}

/** The target as a range of text, or null when it names an annotation. */
export const textTargetOf = (target: AnnotationInput["target"]): TextTarget | null =>
  typeof target === "object" && "selector" in target ? target : null;

/** A body as stored (the annotation row's `body` JSON): always an array. */
export type StoredBody = Array<Record<string, string>>;

/** Reads, decodes and validates an annotation request body; throws the contract's 4xx errors. */
export async function readAnnotationRequest(request: Request): Promise<AnnotationInput> {
  checkMediaType(request.headers.get("content-type"));
  const text = await readLimitedText(request, MAX_REQUEST_BYTES);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ApiError(400, "bad_request", `The body is not valid JSON: ${(error as Error).message}`);
  }
  return validateAnnotationInput(json);
}

/**
 * Validates a decoded annotation as a create or replace accepts it: 400 when it does not fit the
 * schema, 422 when its motivation and bodies do not go together.
 */
export function validateAnnotationInput(json: unknown): AnnotationInput {
  const result = annotationInputSchema.safeParse(json);
  if (!result.success) {
    throw new ApiError(
      400,
      "bad_request",
      "The annotation is not a valid W3C annotation Gloss accepts.",
      result.error.issues.map((i) => ({
        path: [...i.path, ...((i as { keys?: string[] }).keys ?? [])].join("."),
        message: i.message,
      })),
    );
  }
  const input = result.data;
  const bodies = bodiesOf(input);
  if (input.body && !Array.isArray(input.body) && input.body.type === "SpecificResource" && input.motivation !== "identifying")
    throw new ApiError(422, "invalid", "A SpecificResource body is only accepted with the motivation identifying.");
  if (NEEDS_TEXT.has(input.motivation) && !bodies.some((b) => b.type === "TextualBody" && b.value.trim() !== ""))
    throw new ApiError(422, "invalid", `An annotation with the motivation ${input.motivation} needs a non-empty TextualBody.`);
  const replyTo = targetAnnotationIri(input.target);
  if (input.motivation === "replying" && replyTo === null)
    throw new ApiError(422, "invalid", "A reply's target is the IRI of the annotation it answers, not a range of text.");
  if (input.motivation !== "replying" && replyTo !== null)
    throw new ApiError(422, "invalid", "Only a reply (motivation replying) targets another annotation: target a range of the text.");
  return input;
}

/** The bodies of an input, as stored. */
export function bodiesOf(input: AnnotationInput): StoredBody {
  if (!input.body) return [];
  return (Array.isArray(input.body) ? input.body : [input.body]).map((b) => ({ ...b }) as Record<string, string>);
}

/** 415 unless the media type is JSON-LD (with the anno profile, or none) or plain JSON. */
export function checkMediaType(header: string | null): void {
  const [type, ...params] = (header ?? "").split(";").map((p) => p.trim());
  const media = type.toLowerCase();
  const profile = params
    .map((p) => p.split("="))
    .find(([name]) => name?.trim().toLowerCase() === "profile")?.[1]
    ?.trim()
    .replace(/^"|"$/g, "");
  const ok =
    media === "application/json" ||
    (media === "application/ld+json" && (profile === undefined || profile.split(/\s+/).includes(ANNO_CONTEXT)));
  if (!ok)
    throw new ApiError(
      415,
      "unsupported_media_type",
      `Send the annotation as application/ld+json; profile="${ANNO_CONTEXT}" (or application/json), not ${header ? `"${header}"` : "without a Content-Type"}.`,
    );
}

/** The body as UTF-8 text, at most `limit` bytes: 413 beyond, 400 when not valid UTF-8. */
export async function readLimitedText(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge(limit);
      }
      chunks.push(value);
    }
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new ApiError(400, "bad_request", "The body is not valid UTF-8.");
  }
}

const tooLarge = (limit: number) => new ApiError(413, "too_large", `The body is larger than ${limit / 1024} KB.`);

/** A range of a document's text, resolved from a target's selectors. */
export interface ResolvedRange {
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
}

const splitsPair = (text: string, offset: number) =>
  offset > 0 && offset < text.length && /[\uD800-\uDBFF]/.test(text[offset - 1]) && /[\uDC00-\uDFFF]/.test(text[offset]);

/**
 * The range of `text` the selectors name: a position checked against the quote, or a quote found
 * exactly once (prefix and suffix narrowing it). Throws 422 with the reason otherwise.
 */
export function resolveSelectors(text: string, selectors: Selectors): ResolvedRange {
  const list = Array.isArray(selectors) ? selectors : [selectors];
  const quotes = list.filter((s) => s.type === "TextQuoteSelector");
  const positions = list.filter((s) => s.type === "TextPositionSelector");
  if (quotes.length > 1 || positions.length > 1)
    throw new ApiError(422, "invalid", "Give at most one TextQuoteSelector and one TextPositionSelector.");
  const quote = quotes[0];
  const position = positions[0];
  if (quote && quote.exact.trim() === "") throw new ApiError(422, "invalid", "The quote is only whitespace.");
  let start: number;
  let end: number;
  if (position) {
    ({ start, end } = position);
    if (end <= start) throw new ApiError(422, "invalid", `The position range [${start}, ${end}) is empty.`);
    if (end > text.length)
      throw new ApiError(422, "invalid", `The position range [${start}, ${end}) lies outside the text (${text.length} code units).`);
    if (splitsPair(text, start) || splitsPair(text, end))
      throw new ApiError(422, "invalid", "The position range splits a character (a UTF-16 surrogate pair).");
    if (quote && text.slice(start, end) !== quote.exact)
      throw new ApiError(422, "invalid", "The quote does not match the text at the position.", {
        expected: text.slice(start, end),
        quote: quote.exact,
      });
  } else if (quote) {
    const found: number[] = [];
    for (let at = text.indexOf(quote.exact); at !== -1 && found.length < 2; at = text.indexOf(quote.exact, at + 1)) {
      const prefixOk = !quote.prefix || text.slice(0, at).endsWith(quote.prefix);
      const suffixOk = !quote.suffix || text.slice(at + quote.exact.length).startsWith(quote.suffix);
      if (prefixOk && suffixOk) found.push(at);
    }
    if (found.length === 0) throw new ApiError(422, "invalid", "The quote is not in the document's text.");
    if (found.length > 1)
      throw new ApiError(422, "invalid", "The quote occurs more than once: add a prefix, a suffix or a TextPositionSelector.");
    start = found[0];
    end = start + quote.exact.length;
  } else {
    throw new ApiError(422, "invalid", "The target needs a TextQuoteSelector or a TextPositionSelector.");
  }
  if (text.slice(start, end).trim() === "") throw new ApiError(422, "invalid", "The selected range is only whitespace.");
  return { start, end, ...quoteContext(text, start, end) };
}

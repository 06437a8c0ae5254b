import { z } from "zod";
import type { TextTarget } from "../anchoring/anchor";
import type { AnnotationDraft, StoredBody, UserMotivation } from "../annotations/types";
import { USER_MOTIVATIONS } from "../annotations/types";
import { DomainError } from "../errors";
import { problemsOf } from "../validation/issues";
import { storableText } from "../validation/text";
import { annotationIdOf, documentSlugOf, entityIdOf } from "./iris";
import { ANNO_CONTEXT, MOTIVATIONS } from "./vocabulary";

/** Largest annotation a create or replace reads (bytes). */
export const MAX_ANNOTATION_BYTES = 64 * 1024;
/** Longest TextualBody value (UTF-16 code units). */
export const MAX_BODY_VALUE = 10_000;

/** Motivations that say nothing without a textual body. */
const NEEDS_TEXT = new Set<UserMotivation>(["commenting", "replying", "tagging", "questioning", "describing"]);

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
    exact: storableText(MAX_ANNOTATION_BYTES).min(1),
    prefix: storableText(MAX_ANNOTATION_BYTES).optional(),
    suffix: storableText(MAX_ANNOTATION_BYTES).optional(),
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
/** The selectors of a target on the text: one, or a list of them. */
export type Selectors = z.infer<typeof selector> | Array<z.infer<typeof selector>>;

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

/** The W3C annotation a client sends on create (POST), replace (PUT) and in an import. */
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
type AnnotationInput = z.infer<typeof annotationInputSchema>;

/**
 * The motivation of an annotation sent without one: commenting when it has a body, highlighting
 * (words marked, nothing said) when it has none. Gloss stores and serves every annotation with a
 * motivation, which its pages and filters go by.
 */
function defaultMotivation(input: { body?: unknown }): UserMotivation {
  return input.body === undefined ? "highlighting" : "commenting";
}

const invalid = (message: string) => new DomainError("invalid", message);

/** The IRI of the annotation a reply's target names, or null when the target is a range of text. */
function targetAnnotationIri(target: AnnotationInput["target"]): string | null {
  if (typeof target === "string") return target;
  if ("selector" in target) return null;
  return "id" in target ? target.id : target.source;
}

/** The quote and position a target's selectors give (refused when it gives two of either). */
export function targetOfSelectors(selectors: Selectors): TextTarget {
  const list = Array.isArray(selectors) ? selectors : [selectors];
  const quotes = list.filter((s) => s.type === "TextQuoteSelector");
  const positions = list.filter((s) => s.type === "TextPositionSelector");
  if (quotes.length > 1 || positions.length > 1) throw invalid("Give at most one TextQuoteSelector and one TextPositionSelector.");
  const [quote] = quotes;
  const [position] = positions;
  return {
    ...(quote ? { quote: { exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix } } : {}),
    ...(position ? { position: { start: position.start, end: position.end } } : {}),
  };
}

/**
 * A W3C annotation as Gloss takes it from a client: a draft of a reader's annotation. `purpose`
 * says what for: on create the client's own `id` is kept as `via` (W3C Protocol 5.1); a replace
 * ignores it (the server names annotations).
 *
 * Refused as bad_request (with each problem) when it does not fit the schema, and as invalid when
 * its parts do not go together: a motivation that needs words without them, an entity link that is
 * not an identification, a reply that targets words or words that target an annotation, a target's
 * source that is not a URL.
 */
export function parseAnnotation(json: unknown, purpose: "create" | "replace"): AnnotationDraft {
  const result = annotationInputSchema.safeParse(json);
  if (!result.success)
    throw new DomainError("bad_request", "The annotation is not a valid W3C annotation Gloss accepts.", problemsOf(result.error));
  const input = result.data;
  const list = input.body === undefined ? [] : Array.isArray(input.body) ? input.body : [input.body];
  if (input.body && !Array.isArray(input.body) && input.body.type === "SpecificResource" && input.motivation !== "identifying")
    throw invalid("A SpecificResource body is only accepted with the motivation identifying.");
  if (NEEDS_TEXT.has(input.motivation) && !list.some((b) => b.type === "TextualBody" && b.value.trim() !== ""))
    throw invalid(`An annotation with the motivation ${input.motivation} needs a non-empty TextualBody.`);
  const replyTo = targetAnnotationIri(input.target);
  if (input.motivation === "replying" && replyTo === null)
    throw invalid("A reply's target is the IRI of the annotation it answers, not a range of text.");
  if (input.motivation !== "replying" && replyTo !== null)
    throw invalid("Only a reply (motivation replying) targets another annotation: target a range of the text.");

  const bodies = list.map((b) => ({ ...b }) as StoredBody);
  const via = purpose === "create" ? (input.id ?? input.via) : input.via;
  const common = {
    motivation: input.motivation,
    visibility: input.visibility,
    ...(input.canonical === undefined ? {} : { canonical: input.canonical }),
    ...(via === undefined ? {} : { via }),
  };
  if (replyTo !== null) {
    const parentId = annotationIdOf(replyTo);
    if (parentId === null) throw invalid("A reply's target must be the IRI of an annotation (…/api/documents/<slug>/annotations/<id>).");
    return { kind: "reply", parentId, bodies, ...common };
  }
  const target = input.target as z.infer<typeof textTarget>;
  let document: string | null | undefined;
  if (target.source !== undefined) {
    if (!URL.canParse(target.source)) throw invalid("The target's source is not a URL.");
    document = documentSlugOf(target.source);
  }
  // An identifying body naming one of Gloss's entities links it (and is served from the link);
  // any other (a Wikidata item, say) stays a body.
  const body = input.body;
  const entityId =
    input.motivation === "identifying" && body && !Array.isArray(body) && body.type === "SpecificResource" ? entityIdOf(body.source) : null;
  return {
    kind: "text",
    target: { ...targetOfSelectors(target.selector), ...(document === undefined ? {} : { document }) },
    entityId,
    bodies: entityId ? [] : bodies,
    ...common,
  };
}

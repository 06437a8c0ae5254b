import type { AnchorState } from "../anchoring/anchor-state";
import type { Stance } from "../claims/claim-kinds";
import type { TextTarget } from "../anchoring/anchor";
import type { TextRange } from "../text-model/text-range";

/**
 * Gloss's own annotations, whatever format they come and go in. lib/w3c turns the W3C Web
 * Annotation JSON-LD the API speaks into drafts and stored annotations back into it; the domain
 * (this folder) sees only these types.
 */

/** The motivations a reader may give an annotation of their own (the W3C vocabulary's names). */
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
export type UserMotivation = (typeof USER_MOTIVATIONS)[number];

/** Who may see an annotation: everyone, or its author alone. */
export type Visibility = "public" | "private";

/**
 * One body as stored (the annotation row's `body` JSON is a list of them): a textual body's
 * `type`, `value`, `format`, `purpose` and `language`, or another resource's `type`, `source` and
 * `purpose`.
 */
export type StoredBody = Record<string, string>;

interface DraftFields {
  motivation: UserMotivation;
  /** Its bodies, as stored (an entity link is not among them: see TextDraft.entityId). */
  bodies: StoredBody[];
  visibility: Visibility;
  /** The IRI it has elsewhere, kept unchanged once set (W3C Protocol 5.1). */
  canonical?: string;
  /** Where it came from (W3C Protocol 5.1: on create, the client's own id). */
  via?: string;
}

/** A reader's annotation on words of the text, as a create, a replace or an import takes it. */
export interface TextDraft extends DraftFields {
  kind: "text";
  /**
   * The words it is on; `document` is the slug of the document the client said they are in (its
   * target's source), null when that names no document, absent when it did not say.
   */
  target: TextTarget & { document?: string | null };
  /** The entity an identifying annotation links (its body named `/entities/<id>`), or null. */
  entityId: string | null;
}

/** A reply: it answers another annotation (by id), and joins that annotation's thread. */
export interface ReplyDraft extends DraftFields {
  kind: "reply";
  parentId: string;
}

/** A reader's annotation before it is stored: on words of the text, or a reply. */
export type AnnotationDraft = TextDraft | ReplyDraft;

/** An annotation as the database holds it, with what is read along with it. */
export interface StoredAnnotation extends TextRange {
  id: string;
  motivation: string;
  entityId: string | null;
  state: AnchorState;
  visibility: Visibility;
  created: Date;
  modified: Date;
  /** Evidence of a claim: the claim, and how this range bears on it. */
  claim?: { id: string; statement: string } | null;
  stance?: Stance | null;
  /** A side of a conflict inside the text. */
  conflict?: { id: string; reason: string } | null;
  /** A reader's bodies (StoredBody objects), as stored. */
  body?: unknown;
  /** The account that wrote it (user annotations only). */
  creatorId?: string | null;
  /** That account's display name, when read with it. */
  creator?: { name: string } | null;
  /** A reply: the root annotation of its thread (what its target names). */
  replyToId?: string | null;
  /** For a fuzzy anchor, the words it was on before the text changed. */
  priorExact?: string | null;
  /** The version it was made on, when read with it. */
  madeOnVersion?: { hash: string } | null;
  /** The canonical IRI its client gave it, kept unchanged (W3C Protocol 5.1). */
  canonical?: string | null;
  /** Where it came from (W3C Protocol 5.1). */
  via?: string | null;
}

/** Which annotation a change names: its id, and the document whose container its address is in (when it came by that address). */
export interface AnnotationRef {
  id: string;
  documentSlug?: string;
}

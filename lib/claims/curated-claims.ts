import { createHash } from "node:crypto";
import { z } from "zod";
import { calendarDateProblem } from "./calendar-date";
import { CLAIM_KINDS, STANCES, type Stance } from "./claim-kinds";
import { DocumentParseError } from "../text-model/document-parse-error";
import { anchorSnippet, snippetSchema, type AnchoredRange } from "../text-model/snippet";
import { parseYamlFile } from "../text-model/yaml-file";
import { KEBAB_SLUG } from "../validation/ids";

export const DATE_PRECISIONS = ["year", "month", "day"] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

const slug = z.string().regex(KEBAB_SLUG, "a kebab-case slug");
/**
 * A real date as YYYY, YYYY-MM or YYYY-MM-DD (calendar-date.ts: years 0001 to 9999, days that
 * exist). YAML reads 1944-11-12 as a date and 1944 as a number: take both as text.
 */
export const dateText = z.preprocess(
  (value) => (typeof value === "number" ? String(value) : value instanceof Date ? value.toISOString().slice(0, 10) : value),
  z.string().superRefine((value, context) => {
    const problem = calendarDateProblem(value);
    if (problem) context.addIssue({ code: "custom", message: problem });
  }),
);

/** The precision a date's form has: YYYY a year, YYYY-MM a month, YYYY-MM-DD a day. */
export const precisionOf = (value: string): DatePrecision => (value.length === 4 ? "year" : value.length === 7 ? "month" : "day");
/** True when a date's precision matches its form. */
export const precisionMatches = (value: string, precision: DatePrecision) => precisionOf(value) === precision;
export const PRECISION_MESSAGE = "the date's precision must match its form (year: YYYY, month: YYYY-MM, day: YYYY-MM-DD)";

const claimSchema = z
  .object({
    id: slug,
    statement: z.string().trim().min(1),
    kind: z.enum(CLAIM_KINDS),
    date: z
      .object({ value: dateText, precision: z.enum(DATE_PRECISIONS), approximate: z.boolean().default(false), end: dateText.optional() })
      .strict()
      .refine((d) => precisionMatches(d.value, d.precision), PRECISION_MESSAGE)
      .optional(),
    entities: z.array(slug).default([]),
    evidence: z
      .array(z.object({ stance: z.enum(STANCES), quote: snippetSchema, note: z.string().trim().min(1).optional() }).strict())
      .min(1, "a claim needs at least one passage of evidence"),
  })
  .strict();

const conflictSchema = z
  .object({
    id: slug,
    reason: z.string().trim().min(1),
    sides: z.array(z.object({ claim: slug.optional(), quote: snippetSchema }).strict()).min(2, "a conflict has at least two sides"),
  })
  .strict();

/** The curated claims file of a document: `content/<slug>.claims.yaml`. */
export const curatedClaimsSchema = z
  .object({ claims: z.array(claimSchema).default([]), conflicts: z.array(conflictSchema).default([]) })
  .strict();

export type CuratedClaims = z.infer<typeof curatedClaimsSchema>;
export type CuratedClaim = z.infer<typeof claimSchema>;

export interface AnchoredEvidence extends AnchoredRange {
  /** Deterministic annotation id. */
  id: string;
  claimId: string;
  stance: Stance;
  note?: string;
}

export interface AnchoredConflictSide extends AnchoredRange {
  id: string;
  conflictId: string;
  claimId?: string;
}

export interface AnchoredClaims {
  claims: CuratedClaim[];
  conflicts: CuratedClaims["conflicts"];
  evidence: AnchoredEvidence[];
  sides: AnchoredConflictSide[];
}

const stableId = (prefix: string, ...parts: string[]) =>
  `${prefix}-${createHash("sha256").update(parts.join("\0")).digest("hex").slice(0, 16)}`;

/**
 * Parses a curated claims file and anchors every evidence quote and conflict side in the text.
 * Claim ids are unique; entity ids must be known (`entityIds`); a conflict side's claim must
 * exist. Fails loudly, with file, line and quote, on anything that cannot be anchored.
 *
 * @throws DocumentParseError
 */
export function parseAndAnchorClaims(
  source: string,
  file: string,
  text: string,
  passages: Array<{ id: string; start: number; end: number }>,
  documentSlug: string,
  entityIds: ReadonlySet<string>,
): AnchoredClaims {
  const { data, lineOf } = parseYamlFile(source, file, curatedClaimsSchema);
  const claimIds = new Set<string>();
  const evidence: AnchoredEvidence[] = [];
  data.claims.forEach((claim, c) => {
    if (claimIds.has(claim.id)) throw new DocumentParseError(file, lineOf(["claims", c, "id"]), `duplicate claim id "${claim.id}"`);
    claimIds.add(claim.id);
    claim.entities.forEach((entity, e) => {
      if (!entityIds.has(entity))
        throw new DocumentParseError(file, lineOf(["claims", c, "entities", e]), `unknown entity "${entity}" in claim "${claim.id}"`);
    });
    claim.evidence.forEach((item, i) => {
      const anchored = anchorSnippet(text, passages, item.quote);
      if ("error" in anchored) {
        throw new DocumentParseError(
          file,
          lineOf(["claims", c, "evidence", i, "quote"]),
          `evidence of claim "${claim.id}" ${anchored.error}: "${item.quote}"`,
        );
      }
      evidence.push({
        ...anchored,
        id: stableId("e", documentSlug, claim.id, item.quote),
        claimId: claim.id,
        stance: item.stance,
        note: item.note,
      });
    });
  });
  const conflictIds = new Set<string>();
  const sides: AnchoredConflictSide[] = [];
  data.conflicts.forEach((conflict, k) => {
    if (conflictIds.has(conflict.id))
      throw new DocumentParseError(file, lineOf(["conflicts", k, "id"]), `duplicate conflict id "${conflict.id}"`);
    conflictIds.add(conflict.id);
    conflict.sides.forEach((side, s) => {
      if (side.claim && !claimIds.has(side.claim)) {
        throw new DocumentParseError(
          file,
          lineOf(["conflicts", k, "sides", s, "claim"]),
          `unknown claim "${side.claim}" in conflict "${conflict.id}"`,
        );
      }
      const anchored = anchorSnippet(text, passages, side.quote);
      if ("error" in anchored) {
        throw new DocumentParseError(
          file,
          lineOf(["conflicts", k, "sides", s, "quote"]),
          `side of conflict "${conflict.id}" ${anchored.error}: "${side.quote}"`,
        );
      }
      sides.push({ ...anchored, id: stableId("c", documentSlug, conflict.id, side.quote), conflictId: conflict.id, claimId: side.claim });
    });
  });
  return { claims: data.claims, conflicts: data.conflicts, evidence, sides };
}

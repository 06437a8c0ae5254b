import { createHash } from "node:crypto";
import { z } from "zod";
import { DocumentParseError } from "../text-model/document-parse-error";
import { anchorSnippet, locateSnippet, snippetSchema as snippet, type AnchoredRange } from "../text-model/snippet";
import { parseYamlFile } from "../text-model/yaml-file";
import { ENTITY_KINDS } from "./entity-kinds";
import { KEBAB_SLUG } from "../validation/ids";

/** An entity's outside identifiers (only where certainly right). */
export const identifiersSchema = z
  .object({
    wikidata: z
      .string()
      .regex(/^Q[1-9]\d*$/, "a Wikidata id such as Q42")
      .optional(),
  })
  .strict();

const entitySchema = z
  .object({
    id: z.string().regex(KEBAB_SLUG, "a kebab-case slug"),
    kind: z.enum(ENTITY_KINDS),
    name: z.string().trim().min(1),
    aliases: z.array(z.string().trim().min(1)).default([]),
    description: z.string().trim().min(1),
    identifiers: identifiersSchema.default({}),
    mentions: z.array(snippet).default([]),
    /**
     * Mentions the alias matcher cannot find (e.g. a name run together with the word before it
     * in the source): kept as they are when the mentions are proposed again.
     */
    manualMentions: z.array(snippet).default([]),
  })
  .strict();

/** The curated entities file of a document: `content/<slug>.entities.yaml`. */
export const curatedEntitiesSchema = z
  .object({
    entities: z.array(entitySchema),
    /** Occurrences of a known name that deliberately are not mentions, with the reason. */
    unlinked: z.array(z.object({ snippet, reason: z.string().trim().min(1) }).strict()).default([]),
  })
  .strict();

export type CuratedEntities = z.infer<typeof curatedEntitiesSchema> & {
  /** The line of the file where a mention snippet stands (1-based). */
  mentionLine?: (entityIndex: number, mentionIndex: number, list?: string) => number;
  /** The line of the file where an `unlinked` entry stands (1-based). */
  unlinkedLine?: (index: number) => number;
};

/** An occurrence of a known name that the curated file says is not a mention, anchored in a text. */
export interface UnlinkedOccurrence {
  start: number;
  end: number;
  reason: string;
}
export type CuratedEntity = z.infer<typeof entitySchema>;

/** A curated mention anchored in a version's plain text. */
export interface AnchoredMention extends AnchoredRange {
  /** Deterministic id: the same entity and snippet in the same document keep their id. */
  id: string;
  entityId: string;
  snippet: string;
}

/**
 * Parses and validates a curated entities file. Ids must be unique, an alias may name only one
 * entity, and every entity has at least one mention (except in a `draft` being proposed).
 *
 * @throws DocumentParseError with the file and the line of the first problem
 */
export function parseCuratedEntities(source: string, file: string, options: { draft?: boolean } = {}): CuratedEntities {
  const { data: parsed, lineOf: lineOfPath } = parseYamlFile(source, file, curatedEntitiesSchema);
  const data: CuratedEntities = {
    ...parsed,
    mentionLine: (e, m, list = "mentions") => lineOfPath(["entities", e, list, m]),
    unlinkedLine: (index) => lineOfPath(["unlinked", index, "snippet"]),
  };
  const ids = new Map<string, number>();
  const aliasOwner = new Map<string, string>();
  data.entities.forEach((entity, index) => {
    if (ids.has(entity.id)) throw new DocumentParseError(file, lineOfPath(["entities", index, "id"]), `duplicate entity id "${entity.id}"`);
    ids.set(entity.id, index);
    if (!options.draft && entity.mentions.length + entity.manualMentions.length === 0) {
      throw new DocumentParseError(
        file,
        lineOfPath(["entities", index]),
        `entity "${entity.id}" has no mentions: every entity of the text is mentioned in it`,
      );
    }
    for (const name of [entity.name, ...entity.aliases]) {
      const owner = aliasOwner.get(name);
      if (owner && owner !== entity.id) {
        throw new DocumentParseError(
          file,
          lineOfPath(["entities", index]),
          `the name "${name}" is listed for both "${owner}" and "${entity.id}"`,
        );
      }
      aliasOwner.set(name, entity.id);
    }
  });
  return data;
}

/**
 * Anchors every curated mention in a version's plain text by its snippet. Fails loudly, with the
 * snippet, when one cannot be anchored: not found, ambiguous, across two passages, or
 * overlapping another mention.
 *
 * @throws DocumentParseError naming the file, the entity and the snippet
 */
export function anchorMentions(
  curated: CuratedEntities,
  text: string,
  passages: Array<{ id: string; start: number; end: number }>,
  documentSlug: string,
  file: string,
): AnchoredMention[] {
  const mentions: AnchoredMention[] = [];
  const lines = new Map<string, number>();
  curated.entities.forEach((entity, e) => {
    const all = [
      ...entity.mentions.map((text, m) => ({ text, key: "mentions", m })),
      ...entity.manualMentions.map((text, m) => ({ text, key: "manualMentions", m })),
    ];
    all.forEach(({ text: snippetText, key, m }) => {
      const line = curated.mentionLine?.(e, m, key) ?? 0;
      lines.set(snippetText, line);
      const anchored = anchorSnippet(text, passages, snippetText);
      if ("error" in anchored) throw new DocumentParseError(file, line, `mention of "${entity.id}" ${anchored.error}: "${snippetText}"`);
      const id = `m-${createHash("sha256").update(`${documentSlug}\0${entity.id}\0${snippetText}`).digest("hex").slice(0, 16)}`;
      mentions.push({
        id,
        entityId: entity.id,
        snippet: snippetText,
        ...anchored,
      });
    });
  });
  mentions.sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < mentions.length; i++) {
    if (mentions[i].start < mentions[i - 1].end) {
      throw new DocumentParseError(
        file,
        lines.get(mentions[i].snippet) ?? 0,
        `mentions overlap: "${mentions[i - 1].snippet}" (${mentions[i - 1].entityId}) and "${mentions[i].snippet}" (${mentions[i].entityId})`,
      );
    }
  }
  return mentions;
}

/**
 * Finds the occurrences the curated file lists as not mentions (`unlinked`) in a version's plain
 * text. With `strict` (the import of a curated file) a snippet that cannot be found fails loudly,
 * as a mention does; without (the file was written for another version of the text) it is left out.
 *
 * @throws DocumentParseError naming the file, the line and the snippet, when strict
 */
export function anchorUnlinked(
  unlinked: CuratedEntities["unlinked"],
  text: string,
  strict?: { file: string; lineOf?: (index: number) => number },
): UnlinkedOccurrence[] {
  const found: UnlinkedOccurrence[] = [];
  unlinked.forEach(({ snippet: snippetText, reason }, index) => {
    const located = locateSnippet(text, snippetText);
    if ("start" in located) found.push({ start: located.start, end: located.end, reason });
    else if (strict)
      throw new DocumentParseError(
        strict.file,
        strict.lineOf?.(index) ?? 0,
        `occurrence listed as not a mention ${located.error}: "${snippetText}"`,
      );
  });
  return found;
}

export { locateSnippet };

import { createHash } from "node:crypto";
import { LineCounter, parseDocument as parseYaml, isMap, isSeq, type Node as YamlNode } from "yaml";
import { z } from "zod";
import { DocumentParseError } from "../text-model/document-parse-error";
import { passageContaining, quoteContext } from "../text-model/quote-context";
import { ENTITY_KINDS } from "./entity-kinds";

/**
 * A mention written as a snippet of the text with the mention in braces:
 * "the Han Chinese warlord {Sheng Shicai} between 1934". The snippet must occur exactly once. A
 * leading "^" or trailing "$" ties it to the start or end of a passage (for a heading such as
 * "^{Aftermath}$" whose words also occur elsewhere).
 */
const snippet = z
  .string()
  .regex(/^[^{}]*\{[^{}]+\}[^{}]*$/, 'a snippet of the text with the mention in braces, e.g. "warlord {Sheng Shicai} between"');

const entitySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "a kebab-case slug"),
    kind: z.enum(ENTITY_KINDS),
    name: z.string().trim().min(1),
    aliases: z.array(z.string().trim().min(1)).default([]),
    description: z.string().trim().min(1),
    identifiers: z
      .object({
        wikidata: z
          .string()
          .regex(/^Q[1-9]\d*$/, "a Wikidata id such as Q42")
          .optional(),
      })
      .strict()
      .default({}),
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
};
export type CuratedEntity = z.infer<typeof entitySchema>;

/** A curated mention anchored in a version's plain text. */
export interface AnchoredMention {
  /** Deterministic id: the same entity and snippet in the same document keep their id. */
  id: string;
  entityId: string;
  snippet: string;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  passageId: string;
}

/**
 * Parses and validates a curated entities file. Ids must be unique, an alias may name only one
 * entity, and every entity has at least one mention (except in a `draft` being proposed).
 *
 * @throws DocumentParseError with the file and the line of the first problem
 */
export function parseCuratedEntities(source: string, file: string, options: { draft?: boolean } = {}): CuratedEntities {
  const lineCounter = new LineCounter();
  const doc = parseYaml(source, { lineCounter, prettyErrors: false });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;
  if (doc.errors.length > 0)
    throw new DocumentParseError(file, lineAt(doc.errors[0].pos[0]), `invalid YAML: ${doc.errors[0].message.split("\n")[0]}`);

  const lineOfPath = (path: PropertyKey[]): number => {
    let node: unknown = doc.contents;
    let line = 1;
    for (const key of path) {
      if (isMap(node) || isSeq(node)) {
        const next = (node as { get(key: unknown, keepScalar: boolean): unknown }).get(key, true);
        if (next === undefined) break;
        node = next;
        const range = (node as YamlNode).range;
        if (range) line = lineAt(range[0]);
      } else break;
    }
    return line;
  };

  const result = curatedEntitiesSchema.safeParse(doc.toJS());
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new DocumentParseError(file, lineOfPath(issue.path), `${issue.path.join(".") || "file"}: ${issue.message}`);
  }
  const data: CuratedEntities = { ...result.data, mentionLine: (e, m, list = "mentions") => lineOfPath(["entities", e, list, m]) };
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

/** Finds a snippet ("… {mention} …") in the text: the mention's offsets, or why not. */
export function locateSnippet(text: string, snippetText: string): { start: number; end: number } | { error: string } {
  const atStart = snippetText.startsWith("^");
  const atEnd = snippetText.endsWith("$");
  const body = snippetText.slice(atStart ? 1 : 0, atEnd ? -1 : undefined);
  const open = body.indexOf("{");
  const close = body.indexOf("}");
  if (open === -1 || close < open) return { error: "has no {mention} in braces" };
  const before = body.slice(0, open);
  const quote = body.slice(open + 1, close);
  const haystack = before + quote + body.slice(close + 1);
  const places: number[] = [];
  for (let at = text.indexOf(haystack); at !== -1 && places.length < 2; at = text.indexOf(haystack, at + 1)) {
    const startsPassage = at === 0 || text.startsWith("\n\n", at - 2);
    const endsPassage = at + haystack.length === text.length || text.startsWith("\n\n", at + haystack.length);
    if ((!atStart || startsPassage) && (!atEnd || endsPassage)) places.push(at);
  }
  if (places.length === 0) return { error: "not found in the text" };
  if (places.length > 1) return { error: "found in more than one place: add context to make it unique" };
  return { start: places[0] + before.length, end: places[0] + before.length + quote.length };
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
    const all = [...entity.mentions.map((text, m) => ({ text, key: "mentions", m })), ...entity.manualMentions.map((text, m) => ({ text, key: "manualMentions", m }))];
    all.forEach(({ text: snippetText, key, m }) => {
      const line = curated.mentionLine?.(e, m, key) ?? 0;
      lines.set(snippetText, line);
      const located = locateSnippet(text, snippetText);
      if ("error" in located) throw new DocumentParseError(file, line, `mention of "${entity.id}" ${located.error}: "${snippetText}"`);
      const passage = passageContaining(passages, located.start, located.end);
      if (!passage) throw new DocumentParseError(file, line, `mention of "${entity.id}" crosses a passage boundary: "${snippetText}"`);
      const id = `m-${createHash("sha256").update(`${documentSlug}\0${entity.id}\0${snippetText}`).digest("hex").slice(0, 16)}`;
      mentions.push({
        id,
        entityId: entity.id,
        snippet: snippetText,
        ...located,
        ...quoteContext(text, located.start, located.end),
        passageId: passage.id,
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

import type { EntityKind } from "./entity-kinds";
import { nameKey, nameWords, wordKey } from "./name-key";
import { recogniseNames, type RecogniserLists } from "./recognise-names";
import { overlapIndex } from "../text-model/overlap-index";

/** An entity of the registry, as the proposer knows it. */
export interface RegistryEntity {
  id: string;
  name: string;
  aliases: string[];
  kind: EntityKind;
}

/** Where a proposal comes from (sources.md). */
export type ProposalSource = "registry" | "variant" | "recogniser";

/** A name proposed as a mention: of a known entity, or of a new one. */
export interface NameProposal {
  /** UTF-16 offsets into the text, `end` exclusive. */
  start: number;
  end: number;
  exact: string;
  kind: EntityKind;
  /** The known entity it names, or null for a new name. */
  entityId: string | null;
  /** The entity's name, or the proposed name of a new one (its group's fullest spelling). */
  name: string;
  /** Proposals naming the same thing share a group: `entity:<id>` for a known one, `new:<key>` for a new one. */
  group: string;
  source: ProposalSource;
  score: number;
}

export interface ProposeOptions {
  /** The lists the recogniser uses (name-lexicon.ts); none: capitalisation and cue words only. */
  lists?: RecogniserLists;
  /** Ranges where names are not proposed (already mentions). */
  covered?: Array<{ start: number; end: number }>;
  /** At most this many proposals (the rest are the least sure). */
  limit?: number;
}

type Range = { start: number; end: number };

/** How many characters around a name count as its context. */
const CONTEXT = 1500;

/**
 * The names of a text, proposed for review (issue: names in every text):
 * 1. **known names**: every name and alias of the registry, as written (`registry`);
 * 2. **spellings of known names**: a name the recogniser finds whose spelling key
 *    (name-key.ts) is a known name's (`variant`: "Achmad-Jan" for Ehmetjan Qasimi, "Tihwa" for
 *    Dihua when the registry records it), or a lone given or family name of a known person;
 *    where several entities share the key, the one named nearest in the text wins (context);
 * 3. **new names**: the rest of what the recogniser finds (`recogniser`), grouped: one spelling
 *    key is one group; a lone word that is the first or last word of a longer new person's name
 *    joins it; an acronym joins the organisation whose initials it is.
 * Names inside `covered` ranges (mentions already made) are left out. Pure; linear in the text
 * for a fixed registry.
 */
export function proposeNames(text: string, registry: RegistryEntity[], options: ProposeOptions = {}): NameProposal[] {
  const isCovered = overlapIndex(options.covered ?? []);
  const byId = new Map(registry.map((e) => [e.id, e]));
  const proposals: NameProposal[] = [];

  // 1. Known names as written (a name two entities share goes to the first listed).
  const ownerOfName = new Map<string, string>();
  for (const e of registry)
    for (const n of [e.name, ...e.aliases])
      if (n.trim() && !ownerOfName.has(n.trim())) ownerOfName.set(n.trim().replace(/\s+/g, " "), e.id);
  // A known name inside a longer name that its head word makes another thing ("Kashgar" in
  // "Kashgar Trading Cooperative") is not a mention of it: the longer name is proposed instead.
  const recognised = recogniseNames(text, options.lists ?? {});
  const isInsideLonger = overlapIndex(recognised.filter((n) => n.cue === "suffix" && /\s/.test(n.exact)));
  const longerAt = new Map(recognised.filter((n) => n.cue === "suffix").map((n) => [n.start, n]));
  const known = findWrittenNames(text, [...ownerOfName.keys()]).filter(
    (m) =>
      !isCovered(m) &&
      !(isInsideLonger(m) && [...longerAt.values()].some((n) => n.start <= m.start && n.end >= m.end && n.end - n.start > m.end - m.start)),
  );
  for (const match of known) {
    const entity = byId.get(ownerOfName.get(match.exact)!)!;
    proposals.push({
      start: match.start,
      end: match.end,
      exact: match.exact,
      kind: entity.kind,
      entityId: entity.id,
      name: entity.name,
      group: `entity:${entity.id}`,
      source: "registry",
      score: 0.95,
    });
  }
  const takenRanges = [...proposals];
  const isTaken = overlapIndex(takenRanges);

  // Spelling keys of the registry's names, whole and (for people) their first and last words.
  const byKey = new Map<string, Set<string>>();
  const byPart = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, key: string, id: string) => {
    if (key) map.set(key, (map.get(key) ?? new Set()).add(id));
  };
  for (const entity of registry) {
    for (const name of [entity.name, ...entity.aliases]) {
      add(byKey, nameKey(name), entity.id);
      const words = nameWords(name);
      if (entity.kind === "person" && words.length >= 2) {
        add(byPart, wordKey(words[0]), entity.id);
        add(byPart, wordKey(words.at(-1)!), entity.id);
      }
    }
  }
  /** Of several entities, the one the text names nearest to `at` (known names and spellings found so far). */
  const nearest = (ids: Set<string>, at: number): string | null => {
    let best: string | null = null;
    let bestDistance = Infinity;
    for (const match of proposals) {
      if (!match.entityId) continue;
      if (!ids.has(match.entityId)) continue;
      const distance = Math.abs(match.start - at);
      if (distance < bestDistance) {
        best = match.entityId;
        bestDistance = distance;
      }
    }
    return best !== null && bestDistance <= CONTEXT * 10 ? best : null;
  };

  // 2 and 3. What the recogniser finds, and any capitalised word that is a spelling of a known
  // name (the recogniser keeps a lone word only with a cue; a known name is cue enough).
  const spellings = [...text.matchAll(/(?<![\p{L}\p{M}\p{N}'’-])\p{Lu}[\p{L}\p{M}'’-]*[\p{L}\p{M}]/gu)]
    .map((m) => ({ start: m.index, end: m.index + m[0].length, exact: m[0], kind: "person" as EntityKind, cue: "registry", score: 0.6 }))
    .filter((w) => byKey.has(nameKey(w.exact)) || byPart.has(wordKey(w.exact)));
  const isRecognised = overlapIndex(recognised);
  const found = [...recognised, ...spellings.filter((w) => !isRecognised(w))]
    .sort((a, b) => a.start - b.start)
    .filter((n) => !isCovered(n) && !isTaken(n));
  const fresh: NameProposal[] = [];
  // Two passes: whole names first, so that a lone given or family name (second pass) has every
  // full name of the text as its context, before it as well as after it.
  const resolve = (name: (typeof found)[number], pass: 1 | 2): { entityId: string; score: number } | null => {
    const whole = byKey.get(nameKey(name.exact));
    if (whole && whole.size === 1) return { entityId: [...whole][0], score: 0.85 };
    if (pass === 1) return null;
    if (whole) return { entityId: nearest(whole, name.start) ?? [...whole][0], score: 0.7 };
    const words = nameWords(name.exact);
    const part = words.length === 1 ? byPart.get(wordKey(words[0])) : undefined;
    // A lone given or family name: only for a person the text itself names in full.
    const near = part ? nearest(part, name.start) : null;
    return near ? { entityId: near, score: 0.6 } : null;
  };
  const second: typeof found = [];
  for (const name of found) {
    const hit = resolve(name, 1);
    if (!hit) {
      second.push(name);
      continue;
    }
    const entity = byId.get(hit.entityId)!;
    proposals.push({
      start: name.start,
      end: name.end,
      exact: name.exact,
      kind: entity.kind,
      entityId: entity.id,
      name: entity.name,
      group: `entity:${entity.id}`,
      source: "variant",
      score: hit.score,
    });
  }
  for (const name of second) {
    const key = nameKey(name.exact);
    const hit = resolve(name, 2);
    const entityId = hit?.entityId ?? null;
    const score = hit?.score ?? 0;
    if (entityId) {
      const entity = byId.get(entityId)!;
      proposals.push({
        start: name.start,
        end: name.end,
        exact: name.exact,
        kind: entity.kind,
        entityId,
        name: entity.name,
        group: `entity:${entityId}`,
        source: "variant",
        score,
      });
    } else {
      fresh.push({
        start: name.start,
        end: name.end,
        exact: name.exact,
        kind: name.kind,
        entityId: null,
        name: name.exact,
        group: `new:${key}`,
        source: "recogniser",
        score: name.score,
      });
    }
  }
  // A new name found once is a name wherever the text writes it (at a sentence's start too).
  const freshNames = new Map(fresh.map((p) => [p.exact, p]));
  const seen = new Set(fresh.map((p) => `${p.start}:${p.end}`));
  const isProposed = overlapIndex([...proposals, ...fresh]);
  for (const match of findWrittenNames(text, [...freshNames.keys()])) {
    if (seen.has(`${match.start}:${match.end}`) || isCovered(match) || isTaken(match) || isProposed(match)) continue;
    const model = freshNames.get(match.exact)!;
    fresh.push({ ...model, start: match.start, end: match.end, exact: match.exact, score: Math.min(model.score, 0.5) });
  }
  proposals.push(...groupNewNames(fresh));
  proposals.sort((a, b) => a.start - b.start);
  if (options.limit !== undefined && proposals.length > options.limit) {
    const kept = new Set([...proposals].sort((a, b) => b.score - a.score).slice(0, options.limit));
    return proposals.filter((p) => kept.has(p));
  }
  return proposals;
}

/**
 * Groups new names: by spelling key; then a lone word that is the first or last word of a longer
 * person's name joins that person's group (when only one such person has it), and an acronym
 * joins the organisation whose words' initials it spells. Each group is named by its fullest,
 * then most frequent, spelling, and takes the kind most of its names have.
 */
function groupNewNames(fresh: NameProposal[]): NameProposal[] {
  const groups = new Map<string, NameProposal[]>();
  for (const p of fresh) groups.set(p.group, [...(groups.get(p.group) ?? []), p]);

  const partOwners = new Map<string, Set<string>>();
  const initialsOwners = new Map<string, Set<string>>();
  for (const [group, members] of groups) {
    const sample = members[0];
    const words = nameWords(sample.exact);
    if (words.length >= 2 && members.some((m) => m.kind === "person")) {
      for (const word of [words[0], words.at(-1)!]) partOwners.set(wordKey(word), (partOwners.get(wordKey(word)) ?? new Set()).add(group));
    }
    if (words.length >= 2 && members.some((m) => m.kind === "organization")) {
      const initials = words
        .filter((w) => /^\p{Lu}/u.test(w))
        .map((w) => w[0])
        .join("");
      if (initials.length >= 2) initialsOwners.set(initials, (initialsOwners.get(initials) ?? new Set()).add(group));
    }
  }
  const target = new Map<string, string>();
  for (const [group, members] of groups) {
    const words = nameWords(members[0].exact);
    if (words.length !== 1) continue;
    const asPart = partOwners.get(wordKey(words[0]));
    const asAcronym = /^\p{Lu}{2,6}$/u.test(words[0]) ? initialsOwners.get(words[0]) : undefined;
    const owners = asAcronym ?? asPart;
    if (owners && owners.size === 1) target.set(group, [...owners][0]);
  }
  for (const [from, to] of target) {
    groups.set(to, [...(groups.get(to) ?? []), ...(groups.get(from) ?? [])]);
    groups.delete(from);
  }

  const out: NameProposal[] = [];
  for (const [group, members] of groups) {
    const counts = new Map<string, number>();
    for (const m of members) counts.set(m.exact, (counts.get(m.exact) ?? 0) + 1);
    const name = [...counts.entries()].sort((a, b) => b[0].split(/\s+/).length - a[0].split(/\s+/).length || b[1] - a[1])[0][0];
    const kinds = new Map<EntityKind, number>();
    for (const m of members) kinds.set(m.kind, (kinds.get(m.kind) ?? 0) + m.score);
    const kind = [...kinds.entries()].sort((a, b) => b[1] - a[1])[0][0];
    // A name the text uses several times is likelier a name.
    const bonus = Math.min(0.15, 0.03 * (members.length - 1));
    for (const m of members) out.push({ ...m, group, name, kind, score: Math.min(0.9, Math.round((m.score + bonus) * 100) / 100) });
  }
  return out;
}

/**
 * Every place `text` writes one of `names` exactly, as whole words (the longest where several
 * start at one word; no overlaps). Indexed by first word, so thousands of names cost a look-up
 * per word of the text, not a pass each.
 */
function findWrittenNames(text: string, names: string[]): Array<Range & { exact: string }> {
  if (names.length === 0) return [];
  const byFirst = new Map<string, string[][]>();
  for (const name of names) {
    const words = name.split(/\s+/);
    byFirst.set(words[0], [...(byFirst.get(words[0]) ?? []), words]);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.length - a.length);
  const tokens = [...text.matchAll(/[\p{L}\p{M}\p{N}'’.-]+/gu)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
  const found: Array<Range & { exact: string }> = [];
  for (let i = 0; i < tokens.length; i++) {
    const candidates = byFirst.get(tokens[i].text.replace(/[.'’-]+$/, ""));
    if (!candidates) continue;
    for (const words of candidates) {
      let ok = i + words.length <= tokens.length;
      for (let k = 1; ok && k < words.length; k++) {
        const token = tokens[i + k];
        ok = token.text.replace(/[.'’-]+$/, "") === words[k] && /^\s+$/.test(text.slice(tokens[i + k - 1].end, token.start));
      }
      if (!ok) continue;
      const start = tokens[i].start;
      const end = start + words.join(" ").length;
      if (text.slice(start, end).replace(/\s+/g, " ") !== words.join(" ")) continue;
      found.push({ start, end, exact: text.slice(start, end) });
      i += words.length - 1;
      break;
    }
  }
  return found;
}

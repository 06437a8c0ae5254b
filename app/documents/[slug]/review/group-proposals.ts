import type { EntityKind } from "@/lib/entities/entity-kinds";
import type { ProposalView } from "@/lib/entities/review-proposals";

/** Where a group's name comes from, as the review queue says it. */
export type GroupOrigin = "known" | "spelling" | "new";

/** The pending proposals that name one thing (one `group`), as the review queue shows them. */
export interface ProposalGroup {
  group: string;
  /** The known entity's name, or the proposed name of a new one. */
  name: string;
  kind: EntityKind;
  entity: { id: string; name: string } | null;
  origin: GroupOrigin;
  /** The surest of its proposals' scores. */
  score: number;
  /** Its spellings, most frequent first. */
  spellings: string[];
  /** Its mentions in text order. */
  proposals: ProposalView[];
}

/**
 * A known entity's group is "known" when the text writes one of its names as the registry has
 * it, "spelling" when every mention is another spelling or transliteration of it (source
 * `variant`), and "new" when no entity of the registry is meant.
 */
function originOf(members: ProposalView[]): GroupOrigin {
  if (!members[0].entity) return "new";
  return members.every((p) => p.source === "variant") ? "spelling" : "known";
}

/** Spellings by how often the group writes them, ties in the order first written. */
function spellingsOf(members: ProposalView[]): string[] {
  const counts = new Map<string, number>();
  for (const p of members) counts.set(p.exact, (counts.get(p.exact) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([spelling]) => spelling);
}

/**
 * Groups proposals by their `group` and orders the groups most sure first: known entities
 * before new names, then by score, then by how many mentions, then by name.
 */
export function groupProposals(proposals: ProposalView[]): ProposalGroup[] {
  const byGroup = new Map<string, ProposalView[]>();
  for (const p of proposals) byGroup.set(p.group, [...(byGroup.get(p.group) ?? []), p]);
  const groups = [...byGroup.entries()].map(([group, members]): ProposalGroup => {
    const sorted = [...members].sort((a, b) => a.start - b.start || a.end - b.end);
    const first = sorted[0];
    return {
      group,
      name: first.entity?.name ?? first.name,
      kind: first.kind,
      entity: first.entity,
      origin: originOf(sorted),
      score: Math.max(...sorted.map((p) => p.score)),
      spellings: spellingsOf(sorted),
      proposals: sorted,
    };
  });
  return groups.sort(
    (a, b) =>
      Number(!!b.entity) - Number(!!a.entity) ||
      b.score - a.score ||
      b.proposals.length - a.proposals.length ||
      a.name.localeCompare(b.name),
  );
}

/** "1 mention" or "12 mentions". */
export const mentionCount = (count: number) => (count === 1 ? "1 mention" : `${count} mentions`);

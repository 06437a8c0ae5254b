/** A name to look for, and the entity it stands for. */
export interface AliasEntry {
  entityId: string;
  /** The canonical name and every alias. */
  names: string[];
}

export interface MatchOptions {
  /**
   * Match names regardless of case. Off by default: in running text a capital letter is what
   * tells "Batur" the name from a common word.
   */
  ignoreCase?: boolean;
}

/** An occurrence of a known name in the text. */
export interface AliasMatch {
  entityId: string;
  /** The name (as listed) that matched. */
  name: string;
  /** UTF-16 offsets into the text; `end` exclusive. */
  start: number;
  end: number;
  /** The text matched (equal to `name` up to white space and, with ignoreCase, case). */
  exact: string;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
// A name stands alone: no letter, digit or combining mark directly before or after it.
const WORD = "[\\p{L}\\p{N}\\p{M}]";

/**
 * Finds every occurrence of the known names in `text`, for proposing and checking mentions.
 * Names match as whole words (Unicode letters, digits and marks), any run of white space in a
 * name matches any run in the text, the longest name wins where several start at the same
 * place, and matches never overlap (scanning left to right). A name listed for two entities
 * matches for the first entity only.
 *
 * Pure: no I/O, linear in the text for a fixed set of names.
 */
export function matchAliases(text: string, entries: AliasEntry[], options: MatchOptions = {}): AliasMatch[] {
  const owner = new Map<string, { entityId: string; name: string }>();
  for (const entry of entries) {
    for (const raw of entry.names) {
      const name = raw.trim().replace(/\s+/g, " ");
      const key = options.ignoreCase ? name.toLocaleLowerCase() : name;
      if (name && !owner.has(key)) owner.set(key, { entityId: entry.entityId, name: raw });
    }
  }
  if (owner.size === 0) return [];
  // Longest first: at any position the regex alternation then takes the longest name.
  const names = [...owner.keys()].sort((a, b) => b.length - a.length || a.localeCompare(b));
  const pattern = names.map((name) => name.split(" ").map(escape).join("\\s+")).join("|");
  const regex = new RegExp(`(?<!${WORD})(?:${pattern})(?!${WORD})`, options.ignoreCase ? "giu" : "gu");

  const matches: AliasMatch[] = [];
  for (const found of text.matchAll(regex)) {
    const exact = found[0];
    const normal = exact.replace(/\s+/g, " ");
    const hit = owner.get(options.ignoreCase ? normal.toLocaleLowerCase() : normal);
    if (!hit) continue;
    matches.push({ entityId: hit.entityId, name: hit.name, start: found.index, end: found.index + exact.length, exact });
  }
  return matches;
}

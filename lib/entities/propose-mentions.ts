import { matchAliases, type AliasEntry, type AliasMatch } from "./match-aliases";

/**
 * The mentions the alias matcher proposes in `text`: every occurrence of a name of `entries` (longest
 * name first, one entity per place: `matchAliases`), except the places a curated file lists as not
 * mentions (`unlinked`: "Soviet" in "Soviet setbacks" is an adjective, not the Soviet Union). The
 * curated mentions are exactly these (a test holds the seed edition to it), and a reader marking a
 * name's other occurrences is offered these ticked.
 *
 * Pure: offsets are UTF-16 code units of `text`.
 */
export function proposeMentions(text: string, entries: AliasEntry[], unlinked: Array<{ start: number; end: number }>): AliasMatch[] {
  const notMentions = new Set(unlinked.map((u) => `${u.start}:${u.end}`));
  return matchAliases(text, entries).filter((m) => !notMentions.has(`${m.start}:${m.end}`));
}

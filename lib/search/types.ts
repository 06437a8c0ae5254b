/** A piece of a snippet: plain text, and whether it matched the query (to show with `<mark>`). */
export interface SnippetSegment {
  text: string;
  match: boolean;
}

export type SearchResultType = "passage" | "entity" | "claim";

/** One search hit. */
export interface SearchResult {
  type: SearchResultType;
  /** Passage id (permalink anchor), entity id or claim id. */
  id: string;
  /** The passage holding the hit (for a claim: its first supporting passage). */
  passageId?: string;
  /** Citable label of the passage, or the entity's name. */
  label?: string;
  /** Text around the match, as segments rather than HTML. */
  snippet: SnippetSegment[];
  score: number;
}

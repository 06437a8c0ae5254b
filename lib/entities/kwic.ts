/** A keyword-in-context line: the words around a mention, within its passage. */
export interface KwicLine {
  before: string;
  exact: string;
  after: string;
  /** True when the text goes on beyond `before` / `after` in the same passage. */
  moreBefore: boolean;
  moreAfter: boolean;
}

/**
 * Builds a keyword-in-context line from a quote selector's prefix, exact and suffix: context
 * from another passage (past a blank line) is dropped, and a word cut off at the edge of the
 * context is left out rather than shown in part.
 */
export function kwicLine(prefix: string, exact: string, suffix: string, contextLength = 32): KwicLine {
  let before = prefix;
  let moreBefore = prefix.length >= contextLength;
  const boundaryBefore = before.lastIndexOf("\n\n");
  if (boundaryBefore !== -1) {
    before = before.slice(boundaryBefore + 2);
    moreBefore = false;
  } else if (moreBefore) {
    const space = before.search(/\s/);
    before = space === -1 ? "" : before.slice(space + 1);
  }
  let after = suffix;
  let moreAfter = suffix.length >= contextLength;
  const boundaryAfter = after.indexOf("\n\n");
  if (boundaryAfter !== -1) {
    after = after.slice(0, boundaryAfter);
    moreAfter = false;
  } else if (moreAfter) {
    const space = after.search(/\s\S*$/);
    after = space === -1 ? "" : after.slice(0, space);
  }
  return { before, exact, after, moreBefore, moreAfter };
}

// The hand-off of a kept markup's HTML from the server component that writes it (kept-markup.tsx)
// to the same request's server rendering of the page (markup-island.tsx), in the same process,
// without it travelling in the page's React payload. Keyed by the markup's hash; the last few are
// kept, which covers every render in progress. See docs/decisions/018-text-out-of-the-payload.md.

const STORE = Symbol.for("gloss.kept-markup");
const KEPT = 32;

const store = (): Map<string, string> => ((globalThis as { [STORE]?: Map<string, string> })[STORE] ??= new Map());

/** Keeps `markup` under `token` for the page's server rendering. */
export function handOver(token: string, markup: string): void {
  const kept = store();
  kept.delete(token);
  kept.set(token, markup);
  for (const oldest of kept.keys()) {
    if (kept.size <= KEPT) break;
    kept.delete(oldest);
  }
}

/** The markup kept under `token`, if this process holds it. */
export const takeOver = (token: string): string | undefined => store().get(token);

/** The event the document gets when an island's markup was replaced in the browser (new elements, same ids). */
export const MARKUP_CHANGED = "gloss:markup-changed";

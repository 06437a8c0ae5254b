/** Most characters of a prefix or suffix compared (the ones nearest the quote): bounds the work. */
const CONTEXT_COMPARED = 64;

/** How many characters of `text` just before `at` agree with the end of `prefix`. */
function prefixAgreement(text: string, at: number, prefix: string): number {
  let n = 0;
  while (n < CONTEXT_COMPARED && n < prefix.length && n < at && text[at - 1 - n] === prefix[prefix.length - 1 - n]) n++;
  return n;
}

/** How many characters of `text` from `at` agree with the start of `suffix`. */
function suffixAgreement(text: string, at: number, suffix: string): number {
  let n = 0;
  while (n < CONTEXT_COMPARED && n < suffix.length && at + n < text.length && text[at + n] === suffix[n]) n++;
  return n;
}

/**
 * The offsets where the exact quote occurs in `text` whose surroundings agree longest with the
 * prefix and suffix (the 64 characters of each nearest the quote), in text order; empty when the
 * quote is absent. Several places come back when nothing tells them apart.
 */
export function bestQuotePlaces(text: string, quote: { exact: string; prefix?: string; suffix?: string }): number[] {
  const { exact } = quote;
  if (exact === "") return [];
  const prefix = quote.prefix ?? "";
  const suffix = quote.suffix ?? "";
  let best: number[] = [];
  let bestScore = -1;
  for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) {
    const score = prefixAgreement(text, at, prefix) + suffixAgreement(text, at + exact.length, suffix);
    if (score > bestScore) {
      bestScore = score;
      best = [at];
    } else if (score === bestScore) best.push(at);
  }
  return best;
}

/** Of `places`, the one nearest `target` (the first among equals). */
export const nearest = (places: number[], target: number) => places.reduce((a, b) => (Math.abs(b - target) < Math.abs(a - target) ? b : a));

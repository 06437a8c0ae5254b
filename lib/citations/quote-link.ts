import { z } from "zod";
import type { QuoteSelector } from "./resolve-quote";

/** The longest quote a permalink carries (UTF-16 units): keeps the address well under servers' limits. */
export const MAX_QUOTE_LENGTH = 2000;
/** Characters of context kept on each side of a quote in a permalink. */
export const LINK_CONTEXT_LENGTH = 32;

/**
 * The search parameters of a quote permalink: `quote` (the exact words), `prefix` and `suffix`
 * (up to 32 characters either side), `start` and `end` (their offsets when the link was made).
 * Anything malformed makes the link a plain link to the document.
 */
export const quoteLinkSchema = z.object({
  quote: z.string().min(1).max(MAX_QUOTE_LENGTH),
  prefix: z.string().max(200).optional(),
  suffix: z.string().max(200).optional(),
  start: z.coerce.number().int().min(0).optional(),
  end: z.coerce.number().int().min(0).optional(),
});

/**
 * A permalink to a quote of the document at `documentUrl`: the selector in the query (read by the
 * server, so it works without JavaScript) and the passage's id as the fragment, so a browser
 * scrolls to the passage even before the words are highlighted.
 */
export function quotePermalink(documentUrl: string, selector: QuoteSelector, passageId?: string): string {
  const params = new URLSearchParams({ quote: selector.exact });
  if (selector.prefix) params.set("prefix", selector.prefix);
  if (selector.suffix) params.set("suffix", selector.suffix);
  if (selector.start !== undefined) params.set("start", String(selector.start));
  if (selector.end !== undefined) params.set("end", String(selector.end));
  // URLSearchParams writes spaces as "+": %20 reads the same everywhere and survives more chat clients.
  return `${documentUrl}?${params.toString().replace(/\+/g, "%20")}${passageId ? `#${passageId}` : ""}`;
}

/** The quote selector in a page's search parameters, or null when there is none or it is malformed. */
export function parseQuoteLink(searchParams: Record<string, string | string[] | undefined>): QuoteSelector | null {
  const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const result = quoteLinkSchema.safeParse({
    quote: single(searchParams.quote),
    prefix: single(searchParams.prefix),
    suffix: single(searchParams.suffix),
    start: single(searchParams.start),
    end: single(searchParams.end),
  });
  if (!result.success) return null;
  const { quote, ...rest } = result.data;
  return { exact: quote, ...rest };
}

/** What a quotation needs of a citation: the words, a short citation and the link. */
export interface Quotable {
  quote: string;
  /** "“Title,” §3 ¶4" or "(Author, §3 ¶4)": the outer parentheses of an in-text citation are dropped. */
  short: string;
  permalink: string;
}

const escapeHtml = (value: string) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const escapeMarkdown = (value: string) => value.replace(/([\\`*_[\]<>])/g, "\\$1");

/** A quote on one line: the breaks between the passages it spans become pilcrows. */
export const quoteLine = (quote: string) => quote.replace(/\s*\n\n\s*/g, " ¶ ");

/**
 * "Copy as quotation": the exact words in quotation marks, then the short citation linked to the
 * permalink, as markdown and as HTML: “words” ([“Title,” §3 ¶4](link)).
 */
export function quotation(citation: Quotable): { markdown: string; html: string } {
  const { short, permalink } = citation;
  const inner = short.startsWith("(") && short.endsWith(")") ? short.slice(1, -1) : short;
  const words = quoteLine(citation.quote);
  const href = /[\s()<>]/.test(permalink) ? `<${permalink}>` : permalink;
  return {
    markdown: `“${escapeMarkdown(words)}” ([${escapeMarkdown(inner)}](${href}))`,
    html: `<p>“${escapeHtml(words)}” (<a href="${escapeHtml(permalink)}">${escapeHtml(inner)}</a>)</p>`,
  };
}

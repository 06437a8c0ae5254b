// A mention in the text is a link to its entity's page (passages.tsx): its address is the one place
// that names the entity, for the page's script as for a reader without it. While a press on it
// lasts, the address waits in data-href (pointer-selection.ts), so both are read.

/** The entity a mention's link (PassageText) names: the last segment of its address, `/entities/<id>`. */
export function entityOfMention(mention: HTMLElement): string {
  const address = mention.getAttribute("href") ?? mention.dataset.href ?? "";
  return decodeURIComponent(address.slice("/entities/".length));
}

/** The selector of the mentions of entity `id` in a page. */
export function mentionsOf(id: string): string {
  const address = `/entities/${id.replace(/["\\]/g, "\\$&")}`;
  return `a.mention[href="${address}"], a.mention[data-href="${address}"]`;
}

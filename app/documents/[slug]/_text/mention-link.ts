// A mention in the text is a link to its entity's page (passages.tsx): its address is the one place
// that names the entity, for the page's script as for a reader without it.

/** The entity a mention's link (PassageText) names: the last segment of its address, `/entities/<id>`. */
export const entityOfMention = (mention: HTMLAnchorElement): string => decodeURIComponent(mention.pathname.slice("/entities/".length));

/** The selector of the mentions of entity `id` in a page. */
export const mentionsOf = (id: string) => `a.mention[href="/entities/${id.replace(/["\\]/g, "\\$&")}"]`;

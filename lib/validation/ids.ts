/**
 * The names Gloss gives things, and what an address may name.
 *
 * A document's slug and a curated entity's or claim's id are kebab case (`sheng-shicai`): checked
 * when content files are read. Readers' entities and claims are `u--<slug>` (lib/user-ids.ts),
 * annotations UUIDs, curated annotations `m-<16 hex digits>` and the like: all of them lower-case
 * ASCII letters, digits and hyphens. An address naming anything else names nothing.
 *
 * Pure patterns, without zod: the browser imports them too.
 */

/** A kebab-case slug: lower-case letters and digits in words joined by single hyphens. */
export const KEBAB_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The characters and length of any id or slug Gloss makes (a pattern to build larger ones from). */
export const ID_CHARACTERS = "[a-z0-9-]{1,200}";
const ID = new RegExp(`^${ID_CHARACTERS}$`);

/** True when `value` can be the slug of a document or the id of an entity, claim or annotation. */
export const isId = (value: string) => ID.test(value);

/**
 * A passage's id (lib/text-model/passage-id.ts): a heading's slug (github-slugger keeps the letters
 * and digits of any script, hyphens and underscores) or `p-` and hex digits.
 */
const PASSAGE_ID = /^[\p{L}\p{N}_-]{1,200}$/u;

/** True when `value` can be a passage's id. */
export const isPassageId = (value: string) => PASSAGE_ID.test(value);

import { slug } from "github-slugger";

/**
 * Readers' entities and claims get ids of the form `u--<slug>`: a double hyphen, which a curated
 * id (a kebab-case slug, checked when content files are parsed) can never contain, so a curated
 * file can never take, or overwrite, what a reader made.
 */
export const USER_ID_PREFIX = "u--";

/** Longest slug part of a reader's id (the id's readable part; the suffix keeps it unique). */
const MAX_SLUG = 60;

/** A URL-safe ASCII slug of `text` (github-slugger, diacritics dropped), or `fallback` when nothing is left. */
export function asciiSlug(text: string, fallback: string): string {
  const ascii = slug(text.normalize("NFKD").replace(/\p{M}/gu, ""))
    .replace(/[^a-z0-9-]/g, "")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "");
  const cut = ascii.length > MAX_SLUG ? ascii.slice(0, MAX_SLUG).replace(/-[^-]*$/, "") || ascii.slice(0, MAX_SLUG) : ascii;
  return cut || fallback;
}

/**
 * The first free id among `u--<slug>`, `u--<slug>-2`, `u--<slug>-3`, ..., given the ids already
 * taken that start with `u--<slug>` (the caller reads them, and retries on a unique-key race).
 */
export function firstFreeId(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const id = `${USER_ID_PREFIX}${base}`;
  if (!used.has(id)) return id;
  for (let n = 2; ; n++) if (!used.has(`${id}-${n}`)) return `${id}-${n}`;
}

/** True for Prisma's unique-constraint violation (P2002): a concurrent write took the id. */
export const isUniqueViolation = (error: unknown) => !!error && typeof error === "object" && (error as { code?: unknown }).code === "P2002";

/**
 * The id a URL's fragment names (`#p-1a2b3c4d`, as `location.hash` gives it, with or without the
 * `#`), percent-decoded. Null when it names none: an empty fragment, a malformed percent-encoding
 * (`#%`, `#%E0%A4%A`: decodeURIComponent throws on them) or a bare fragment directive (`#:~:text=…`,
 * which is words, not an id). Every reader of the address's fragment goes through this, so no
 * address a person can type breaks a page.
 */
export function fragmentId(hash: string): string | null {
  const fragment = hash.startsWith("#") ? hash.slice(1) : hash;
  // The fragment directive (`:~:` onwards) is not part of the id (the URL Fragment Text Directives spec).
  const directive = fragment.indexOf(":~:");
  const encoded = directive === -1 ? fragment : fragment.slice(0, directive);
  if (!encoded) return null;
  try {
    return decodeURIComponent(encoded);
  } catch {
    return null;
  }
}

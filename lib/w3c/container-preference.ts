/** The W3C Web Annotation Protocol's preferences for a container's representation (4.2). */
export const PREFER_MINIMAL_CONTAINER = "http://www.w3.org/ns/ldp#PreferMinimalContainer";
export const PREFER_CONTAINED_IRIS = "http://www.w3.org/ns/oa#PreferContainedIRIs";
export const PREFER_CONTAINED_DESCRIPTIONS = "http://www.w3.org/ns/oa#PreferContainedDescriptions";

/**
 * What a container's representation holds: `minimal` leaves the annotations out (no embedded
 * page, only links to the first and last); `iris` lists the annotations by IRI; otherwise they
 * are whole (descriptions, the protocol's default).
 */
export interface ContainerPreference {
  minimal: boolean;
  iris: boolean;
}

/**
 * The container preference a `Prefer` header (RFC 7240) asks for: the `include` parameter of its
 * `return=representation` preference, a space-separated list of IRIs. Anything else in the header
 * (other preferences, `omit`, unknown IRIs, a header that cannot be parsed) is ignored, as RFC 7240
 * asks of preferences a server does not support. PreferContainedIRIs wins over
 * PreferContainedDescriptions when both are named (they exclude each other).
 */
export function containerPreference(header: string | null): ContainerPreference {
  const include = new Set<string>();
  for (const preference of splitOutsideQuotes(header ?? "", ",")) {
    const [token, ...parameters] = splitOutsideQuotes(preference, ";").map((part) => part.trim());
    if (!/^return\s*=\s*"?representation"?$/i.test(token ?? "")) continue;
    for (const parameter of parameters) {
      const match = /^include\s*=\s*"?([^"]*)"?$/i.exec(parameter);
      if (match) for (const iri of match[1].split(/\s+/)) if (iri) include.add(iri);
    }
  }
  return { minimal: include.has(PREFER_MINIMAL_CONTAINER), iris: include.has(PREFER_CONTAINED_IRIS) };
}

/** `text` split on `separator` where it is not inside double quotes. */
function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (const character of text) {
    if (character === '"') quoted = !quoted;
    if (character === separator && !quoted) {
      parts.push(current);
      current = "";
    } else current += character;
  }
  parts.push(current);
  return parts.filter((part) => part.trim() !== "");
}

/**
 * The W3C Web Annotation vocabulary and protocol as Gloss speaks them: contexts, media type,
 * motivations and the container's link headers. Pure constants: the browser imports them too.
 */

/** The JSON-LD context of every annotation Gloss serves (the http form: the W3C's test suite requires it). */
export const ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld";
export const LDP_CONTEXT = "http://www.w3.org/ns/ldp.jsonld";
/** The media type of the W3C Web Annotation Protocol. */
export const ANNO_MEDIA_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';

/** The W3C motivations (Web Annotation Vocabulary §3.3.5). */
export const MOTIVATIONS = [
  "assessing",
  "bookmarking",
  "classifying",
  "commenting",
  "describing",
  "editing",
  "highlighting",
  "identifying",
  "linking",
  "moderating",
  "questioning",
  "replying",
  "tagging",
] as const;

/** What pages call an annotation of each motivation Gloss makes (others show the motivation itself). */
export const MOTIVATION_NAMES: Partial<Record<string, string>> = {
  commenting: "Comment",
  replying: "Reply",
  tagging: "Tags",
  identifying: "Names",
  highlighting: "Highlight",
  questioning: "Question",
  describing: "Description",
  bookmarking: "Bookmark",
  linking: "Evidence",
};

/** The Link header of a container (W3C Web Annotation Protocol 4.1): its type and the protocol's constraints. */
export const CONTAINER_LINK =
  '<http://www.w3.org/ns/ldp#BasicContainer>; rel="type", <http://www.w3.org/TR/annotation-protocol/>; rel="http://www.w3.org/ns/ldp#constrainedBy"';
/** The Link header of an annotation (W3C Web Annotation Protocol 4.2). */
export const ANNOTATION_LINK = '<http://www.w3.org/ns/ldp#Resource>; rel="type"';

/**
 * What the annotation routes read: JSON-LD with the annotation profile (or none), or plain JSON.
 * `accepts` judges a Content-Type header; `asked` says what to send instead (the 415's message).
 */
export const ANNOTATION_MEDIA_TYPES = {
  accepts(header: string | null): boolean {
    const [type, ...params] = (header ?? "").split(";").map((p) => p.trim());
    const media = type.toLowerCase();
    const profile = params
      .map((p) => p.split("="))
      .find(([name]) => name?.trim().toLowerCase() === "profile")?.[1]
      ?.trim()
      .replace(/^"|"$/g, "");
    return (
      media === "application/json" ||
      (media === "application/ld+json" && (profile === undefined || profile.split(/\s+/).includes(ANNO_CONTEXT)))
    );
  },
  asked: (header: string | null) =>
    `Send the annotation as application/ld+json; profile="${ANNO_CONTEXT}" (or application/json), not ${header ? `"${header}"` : "without a Content-Type"}.`,
};

// Where the API serves a document's annotations, as paths: for the server's absolute IRIs
// (lib/w3c) and the reader's requests alike.

/** The path of a document's annotation container (W3C Web Annotation Protocol 4: it ends in "/"). */
export const containerPath = (slug: string) => `/api/documents/${encodeURIComponent(slug)}/annotations/`;

/** The path of an annotation: inside its document's container. */
export const annotationPath = (slug: string, id: string) => `${containerPath(slug)}${encodeURIComponent(id)}`;

// Next.js drops Content-Encoding (and Content-Length) from a response its proxy (proxy.ts) makes,
// since it may have decoded a fetched body on the way. The reader's kept copy is sent encoded by
// the proxy itself (brotli, compressed once: lib/http/slotted-brotli.ts), so the proxy names the
// coding in a header of its own, which the web server (scripts/serve.ts) sends as Content-Encoding.
// Next.js's own compression leaves a body that has a Content-Encoding alone.

/** The header the proxy names its body's coding in. */
export const ENCODED_BODY_HEADER = "x-gloss-content-encoding";

/** Set by the web server that turns ENCODED_BODY_HEADER into Content-Encoding: without it (a bare `next start`) the proxy sends no encoded body. */
export const ENCODED_BODIES_ENV = "GLOSS_SERVER_SENDS_ENCODED_BODIES";

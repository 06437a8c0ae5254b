import { randomBytes } from "node:crypto";

// The security headers every response carries. Pure: no Next.js here, so the proxy, the
// configuration and the tests share one definition.

/**
 * Headers that do not depend on the response: no content-type sniffing (a JSON body or an upload
 * is never run as a script or a page), no full address sent to other sites, and no framing by
 * other sites (for browsers that predate `frame-ancestors`).
 */
export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
};

/**
 * The Content-Security-Policy of a page. Scripts come from the site itself, and inline scripts
 * (the framework's bootstrap and page data) only when they carry the response's `nonce`: a script
 * injected into the markup runs nowhere, and no inline event handler runs at all
 * (`'unsafe-inline'` is never given for scripts). Styles keep `'unsafe-inline'`: React writes
 * positions as style attributes, and a style cannot run code. Images are the site's own (readers'
 * markdown images are rendered as links), and nothing may frame the page.
 */
export function pageContentSecurityPolicy(nonce: string, options: { development?: boolean } = {}): string {
  // The development server evaluates modules from strings; production never does.
  const evaluation = options.development ? " 'unsafe-eval'" : "";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'${evaluation}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** The policy of everything that is not a page (JSON, files): nothing in it may load or run anything, nor be framed. */
export const RESOURCE_CONTENT_SECURITY_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** A nonce for one response: 128 random bits, base64 (CSP's nonce syntax). */
export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

const INLINE_SCRIPT = /<script(\s[^>]*)?>[\s\S]*?<\/script\s*>/gi;
const HAS_SRC = /\ssrc\s*=/i;

/**
 * A page kept once and served to everyone (the reader's kept copy), cut where each response's
 * nonce goes: `parts[0] + nonce + parts[1] + nonce + … + parts[n]`. Each inline script's opening
 * tag gets a `nonce` attribute, so the policy stays one nonce long however many scripts the page
 * holds (a book's reader has hundreds: their hashes made a header larger than clients accept).
 * Scripts with a `src` are left as they are: `'self'` covers them. The page must hold no nonce of
 * its own (the request that renders a kept copy is given none).
 */
export function nonceSlots(html: string): string[] {
  const parts: string[] = [];
  let from = 0;
  let opening = "";
  for (const match of html.matchAll(INLINE_SCRIPT)) {
    const attributes = match[1] ?? "";
    if (HAS_SRC.test(attributes)) continue;
    const tagEnd = match.index + "<script".length + attributes.length;
    parts.push(`${opening}${html.slice(from, tagEnd)} nonce="`);
    opening = '"'; // the next part closes the attribute
    from = tagEnd;
  }
  parts.push(`${opening}${html.slice(from)}`);
  return parts;
}

/** The kept page's bytes for one response: its parts (nonceSlots, as bytes) joined by `nonce`. */
export function withNonce(parts: readonly Uint8Array[], nonce: string): Buffer {
  const between = Buffer.from(nonce);
  const pieces: Uint8Array[] = [];
  parts.forEach((part, i) => {
    if (i > 0) pieces.push(between);
    pieces.push(part);
  });
  return Buffer.concat(pieces);
}

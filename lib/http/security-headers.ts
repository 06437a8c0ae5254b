import { createHash, randomBytes } from "node:crypto";

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

/** What a page may run: inline scripts by this response's nonce, or by the hashes of the scripts a kept copy holds. */
export type ScriptSources = { nonce: string } | { hashes: readonly string[] };

/**
 * The Content-Security-Policy of a page. Scripts come from the site itself, and inline scripts
 * (the framework's bootstrap and page data) only when they carry the response's nonce or match a
 * hash: a script injected into the markup runs nowhere, and no inline event handler runs at all
 * (`'unsafe-inline'` is never given for scripts). Styles keep `'unsafe-inline'`: React writes
 * positions as style attributes, and a style cannot run code. Images are the site's own (readers'
 * markdown images are rendered as links), and nothing may frame the page.
 */
export function pageContentSecurityPolicy(scripts: ScriptSources, options: { development?: boolean } = {}): string {
  const inline = "nonce" in scripts ? [`'nonce-${scripts.nonce}'`] : scripts.hashes.map((hash) => `'${hash}'`);
  // The development server evaluates modules from strings; production never does.
  const evaluation = options.development ? ["'unsafe-eval'"] : [];
  return [
    "default-src 'self'",
    `script-src ${["'self'", ...inline, ...evaluation].join(" ")}`,
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

const INLINE_SCRIPT = /<script(\s[^>]*)?>([\s\S]*?)<\/script\s*>/gi;
const HAS_SRC = /\ssrc\s*=/i;

/**
 * The CSP hash sources (`sha256-…`) of the inline scripts in `html`: what a browser hashes is the
 * script element's text exactly as written (a script's content is raw text, so no entity is
 * decoded), encoded as UTF-8. Scripts with a `src` are left out: `'self'` covers them.
 */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const [, attributes = "", body] of html.matchAll(INLINE_SCRIPT)) {
    if (HAS_SRC.test(attributes)) continue;
    hashes.add(`sha256-${createHash("sha256").update(body, "utf8").digest("base64")}`);
  }
  return [...hashes];
}

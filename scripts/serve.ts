// The web server `npm start` runs (scripts/start.ts starts it with the database ready): Next.js's
// own request handler, the one `next start` uses, behind a Node HTTP server that first settles
// each request's forwarding headers, so that the app knows its clients' addresses for certain
// (docs/decisions/009-origins-and-client-addresses.md). Serves PORT until SIGTERM or SIGINT.
import http from "node:http";
import next from "next";
import { settleForwardedHeaders, trustedProxyHops } from "../lib/api/trusted-proxy";

async function serve(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  const hops = trustedProxyHops();
  const app = next({ dev: false, dir: process.cwd(), hostname: "localhost", port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer((request, response) => {
    settleForwardedHeaders(request, hops);
    handle(request, response).catch((error: unknown) => {
      console.error(`gloss: failed to handle ${request.method} ${request.url}:`, error);
      if (!response.headersSent) response.statusCode = 500;
      response.end();
    });
  });
  server.once("error", (error) => {
    console.error(`gloss: the web server failed: ${error.message}`);
    process.exit(1);
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      server.close();
      process.exit(0);
    });
  }
  server.listen(port);
}

serve().catch((error: unknown) => {
  console.error(`gloss: the web server could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

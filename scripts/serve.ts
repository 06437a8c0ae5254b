// The web server `npm start` runs (scripts/start.ts starts it with the database ready): Next.js's
// own request handler, the one `next start` uses, behind a Node HTTP server that first settles
// each request's forwarding headers, so that the app knows its clients' addresses for certain
// (docs/decisions/009-origins-and-client-addresses.md). Serves PORT until SIGTERM or SIGINT.
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import path from "node:path";
import next from "next";
import { settleForwardedHeaders, trustedProxyHops } from "../lib/api/trusted-proxy";
import { ENCODED_BODIES_ENV, ENCODED_BODY_HEADER } from "../lib/http/encoded-body";

/** `response`'s ENCODED_BODY_HEADER, set by the proxy for a body it encoded, goes out as Content-Encoding. */
function sendEncodedBodies(response: http.ServerResponse): void {
  const setHeader = response.setHeader.bind(response);
  response.setHeader = ((name: string, value: number | string | readonly string[]) =>
    setHeader(name.toLowerCase() === ENCODED_BODY_HEADER ? "content-encoding" : name, value)) as typeof response.setHeader;
}

/**
 * The import worker beside this server (scripts/import-worker.ts): imports run there, never on the
 * thread that answers requests. Restarted if it dies; stopped with the server.
 */
function startImportWorker(): () => void {
  let child: ChildProcess | null = null;
  let stopped = false;
  const start = () => {
    child = spawn(process.execPath, ["--import", "tsx", path.join(process.cwd(), "scripts", "import-worker.ts")], {
      cwd: process.cwd(),
      env: process.env,
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.once("exit", (code, signal) => {
      if (stopped) return;
      console.error(`gloss: the import worker exited (${signal ?? code}); starting it again.`);
      setTimeout(start, 1000).unref();
    });
  };
  if (process.env.GLOSS_IMPORT_WORKER !== "off") start();
  return () => {
    stopped = true;
    child?.kill("SIGTERM");
  };
}

async function serve(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  const stopWorker = startImportWorker();
  const hops = trustedProxyHops();
  process.env[ENCODED_BODIES_ENV] = "1";
  const app = next({ dev: false, dir: process.cwd(), hostname: "localhost", port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer((request, response) => {
    settleForwardedHeaders(request, hops);
    sendEncodedBodies(response);
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
      stopWorker();
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

// A small HTTP load balancer for the reliability run's two servers (scripts/reliability-two-servers.ts):
// round robin over the servers that answer. A server that refuses a connection is marked down for
// a few seconds and the request goes to the next one (nothing reached the first); a request cut
// off by a server's death is tried again elsewhere when it is a GET or HEAD, and otherwise answered
// 502 (a write may have been made: only its client may try again). A kept-alive connection the
// server had just closed is no such cut (nothing was received): tried again at once (a server killed
// as it read a write looks the same, so a write may, rarely, be made twice: never lost). The Host
// header is passed on unchanged, as a real balancer does.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface Balancer {
  base: string;
  /** Requests each server answered, by its base address. */
  answered: Map<string, number>;
  close(): Promise<void>;
}

const DOWN_MS = 3000;

export async function startBalancer(backends: string[], port = 0): Promise<Balancer> {
  const targets = backends.map((base) => ({ url: new URL(base), downUntil: 0 }));
  const answered = new Map(backends.map((b) => [b, 0]));
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  let next = 0;

  /** The servers to try, in order: the next up one first, the ones marked down last. */
  function order(): typeof targets {
    const start = next++ % targets.length;
    const rotated = [...targets.slice(start), ...targets.slice(0, start)];
    const now = Date.now();
    return [...rotated.filter((t) => t.downUntil <= now), ...rotated.filter((t) => t.downUntil > now)];
  }

  function forward(
    target: (typeof targets)[number],
    request: http.IncomingMessage,
    body: Buffer,
    response: http.ServerResponse,
  ): Promise<"done" | "refused" | "closed" | "cut"> {
    return new Promise((resolve) => {
      const upstream = http.request(
        {
          host: target.url.hostname,
          port: target.url.port,
          method: request.method,
          path: request.url,
          headers: request.headers,
          agent,
        },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
          answer.once("end", () => {
            answered.set(target.url.origin, (answered.get(target.url.origin) ?? 0) + 1);
            resolve("done");
          });
          answer.once("error", () => {
            response.destroy();
            resolve("done");
          });
        },
      );
      upstream.once("error", (error: NodeJS.ErrnoException) => {
        if (response.headersSent) {
          response.destroy();
          resolve("done");
        } else if (error.code === "ECONNREFUSED") resolve("refused");
        else if (error.code === "ECONNRESET" && upstream.reusedSocket) resolve("closed");
        else resolve("cut");
      });
      upstream.end(body);
    });
  }

  const server = http.createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const idempotent = request.method === "GET" || request.method === "HEAD";
    for (const target of order()) {
      let outcome = await forward(target, request, body, response);
      if (outcome === "closed") outcome = await forward(target, request, body, response);
      if (outcome === "done") return;
      target.downUntil = Date.now() + DOWN_MS;
      if (outcome === "cut" && !idempotent) break;
    }
    response.writeHead(502, { "content-type": "application/json" });
    response.end(JSON.stringify({ error: { code: "bad_gateway", message: "No server could answer." } }));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    answered,
    close: () =>
      new Promise((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

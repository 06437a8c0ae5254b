import fs from "node:fs";
import path from "node:path";
import { root } from "./helpers";

/**
 * The API's route files found as Next.js finds them, and requests dispatched to their handlers the
 * way Next.js does, so a test can follow the URLs the API itself serves (a container's `first`,
 * an annotation's `id`) through the real handlers and database without a server.
 */

/** HTTP methods a Next.js route file can export. */
export const ROUTE_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

export interface RouteFile {
  /** The file, relative to the project's root, e.g. `app/api/documents/[slug]/route.ts`. */
  file: string;
  /** Its URL pattern, e.g. `/api/documents/[slug]`. */
  pattern: string;
  segments: string[];
}

/** Every route.ts under app/api, most specific first (static segments before dynamic ones before catch-alls, as Next.js matches). */
export function apiRouteFiles(): RouteFile[] {
  const found: RouteFile[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const file = path.relative(root, full);
        const pattern = `/${path.relative(path.join(root, "app"), dir).split(path.sep).join("/")}`;
        found.push({ file, pattern, segments: pattern.split("/").filter(Boolean) });
      }
    }
  };
  walk(path.join(root, "app", "api"));
  const rank = (segment: string) => (segment.startsWith("[...") ? 2 : segment.startsWith("[") ? 1 : 0);
  return found.sort((a, b) => {
    for (let i = 0; i < Math.min(a.segments.length, b.segments.length); i++) {
      const difference = rank(a.segments[i]) - rank(b.segments[i]);
      if (difference !== 0) return difference;
    }
    return b.segments.length - a.segments.length;
  });
}

/** The route file serving `pathname` and its parameters, or null. A trailing slash is ignored when matching, as Next.js does. */
export function matchRoute(pathname: string): { route: RouteFile; params: Record<string, string | string[]> } | null {
  const parts = pathname.split("/").filter(Boolean);
  for (const route of apiRouteFiles()) {
    const params: Record<string, string | string[]> = {};
    let matched = true;
    for (let i = 0; i < route.segments.length; i++) {
      const segment = route.segments[i];
      if (segment.startsWith("[...")) {
        const rest = parts.slice(i);
        if (rest.length === 0) matched = false;
        else params[segment.slice(4, -1)] = rest.map(decodeURIComponent);
        break;
      }
      if (i >= parts.length) {
        matched = false;
        break;
      }
      if (segment.startsWith("[")) params[segment.slice(1, -1)] = decodeURIComponent(parts[i]);
      else if (segment !== parts[i]) {
        matched = false;
        break;
      }
    }
    const last = route.segments[route.segments.length - 1];
    if (matched && (last?.startsWith("[...") || parts.length === route.segments.length)) return { route, params };
  }
  return null;
}

type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response> | Response;

/** A route file's module: its exported handlers by method. */
export async function routeModule(route: RouteFile): Promise<Partial<Record<string, Handler>>> {
  return (await import(/* @vite-ignore */ path.join(root, route.file))) as Partial<Record<string, Handler>>;
}

/**
 * Answers `request` as Next.js would: the matching route file's handler for the method; for a
 * method the file does not export, what Next.js itself does (HEAD by GET without the body, OPTIONS
 * with 204 and Allow, and an empty 405 otherwise).
 */
export async function dispatch(request: Request): Promise<Response> {
  const match = matchRoute(new URL(request.url).pathname);
  if (!match) return new Response(null, { status: 404 });
  const module = await routeModule(match.route);
  const context = { params: Promise.resolve(match.params) };
  const method = request.method.toUpperCase();
  const handler = module[method];
  if (handler) return handler(request, context);
  if (method === "HEAD" && module.GET) {
    const response = await module.GET(request, context);
    return new Response(null, { status: response.status, headers: response.headers });
  }
  const exported = ROUTE_METHODS.filter((m) => module[m]);
  if (method === "OPTIONS") return new Response(null, { status: 204, headers: { Allow: [...exported, "OPTIONS"].join(", ") } });
  return new Response(null, { status: 405 });
}

/**
 * Fetches `url` through dispatch, following redirects as a browser's fetch does (307 and 308 keep
 * the method and body; 301, 302 and 303 turn a POST into a GET).
 */
export async function fetchApi(url: string, init: RequestInit = {}, redirects = 5): Promise<Response> {
  const response = await dispatch(new Request(url, init));
  const location = response.headers.get("location");
  if (!location || response.status < 300 || response.status >= 400 || redirects === 0) return response;
  const next = new URL(location, url).toString();
  const keep = response.status === 307 || response.status === 308 || (init.method ?? "GET").toUpperCase() !== "POST";
  return fetchApi(next, keep ? init : { ...init, method: "GET", body: undefined }, redirects - 1);
}

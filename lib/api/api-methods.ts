import { errorResponse } from "./errors";

/** The HTTP methods a route file can answer (what Next.js dispatches to a route handler). */
export const API_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export type ApiMethod = (typeof API_METHODS)[number];

type Handler<C> = (request: Request, context: C) => Promise<Response> | Response;
/** A route's handlers: those of a route without parameters can be called with the request alone. */
type Handlers<C> = Record<
  ApiMethod,
  unknown extends C ? (request?: Request, context?: unknown) => Promise<Response> : (request: Request, context: C) => Promise<Response>
>;

/**
 * Every method of one API route. Next.js answers a method a route file does not export with an
 * empty 405 (and OPTIONS with its own 204), so each route exports all of API_METHODS from this:
 * the ones given answer as written; HEAD is GET without its body (same status and headers);
 * OPTIONS answers 200 with `Allow` (and `optionsHeaders`); any other method answers 405 with
 * `Allow` and the contract's JSON error. Every response carries `Allow`.
 *
 *     export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({ GET: ..., POST: ... });
 */
export function apiMethods<C = unknown>(
  given: Partial<Record<Exclude<ApiMethod, "HEAD" | "OPTIONS">, Handler<C>>>,
  options: { optionsHeaders?: Record<string, string> } = {},
): Handlers<C> {
  const supported = API_METHODS.filter((method) => method in given || (method === "HEAD" && "GET" in given) || method === "OPTIONS");
  const allow = supported.join(", ");
  const withAllow = (response: Response) => {
    if (!response.headers.has("allow")) {
      try {
        response.headers.set("Allow", allow);
      } catch {
        // Headers of a response made elsewhere (a redirect) can be immutable: copy them.
        const headers = new Headers(response.headers);
        headers.set("Allow", allow);
        return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
      }
    }
    return response;
  };
  const notAllowed = (request: Request) => methodNotAllowed(request, allow);
  const handlers = {} as Record<ApiMethod, (request: Request, context: C) => Promise<Response>>;
  for (const method of API_METHODS) {
    const handler = method === "HEAD" || method === "OPTIONS" ? undefined : given[method];
    handlers[method] = handler
      ? async (request: Request, context: C) => withAllow(await handler(request, context))
      : async (request: Request) => notAllowed(request);
  }
  if (given.GET) {
    const get = handlers.GET;
    handlers.HEAD = async (request: Request, context: C) => {
      const response = await get(request, context);
      await response.body?.cancel();
      return new Response(null, { status: response.status, statusText: response.statusText, headers: response.headers });
    };
  }
  handlers.OPTIONS = async () => new Response(null, { status: 200, headers: { ...options.optionsHeaders, Allow: allow } });
  return handlers as unknown as Handlers<C>;
}

/** 405 with `Allow` and the contract's JSON error: `request`'s method is not one of `allow` here. */
export function methodNotAllowed(
  request: Request,
  allow: string,
  message = `${request.method} is not allowed here: use ${allow}.`,
): Response {
  const response = errorResponse(405, "method_not_allowed", message);
  response.headers.set("Allow", allow);
  return response;
}

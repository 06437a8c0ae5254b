import { z } from "zod";
import { checkWriteLimit } from "../accounts/write-limit";
import { getSessionUser, type SessionUser } from "../auth";
import { DomainError } from "../errors";
import { preconditionOf, type Precondition } from "../etag";
import { isId, isPassageId } from "../validation/ids";
import { problemsOf } from "../validation/issues";
import { API_METHODS, type ApiMethod } from "./api-methods";
import { errorResponse, handleApiError } from "./errors";
import { readJsonBody, type MediaTypes } from "./request-body";
import { originOf } from "./request";

/**
 * The one wrapper of every API route (after dub's `withWorkspace`): a route file says, per method,
 * what its request must hold, and gets it checked, in this order, before its handler runs:
 *
 * 0. the address itself (`address`: an answer the route gives before reading anything, such as
 *    405 for a POST to a page of a container);
 * 1. the route's parameters (an id or slug that cannot name anything: not_found);
 * 2. who asks (`user`: the viewer, or a signed-in user: unauthenticated without one);
 * 3. the search parameters (a zod schema: bad_request with each problem);
 * 4. the body (`body`: its media type, its size, well-formed JSON, then a zod schema or a parser);
 * 5. the account's write limit (`write`: checked once here; the write records itself);
 * 6. If-Match (`ifMatch`: required or optional; the handler gets the check as `precondition`,
 *    which refuses a missing required one when the domain calls it, after its 404 and 403).
 *
 * Every method of the route file is exported from it: HEAD is GET without its body, OPTIONS answers
 * 200 with `Allow`, any method not given answers 405 with `Allow` and the JSON error, and every
 * response carries `Allow`. A GET answer with an ETag that the request's If-None-Match names is
 * answered 304. Whatever a handler throws is answered by handleApiError (lib/api/errors.ts): a
 * DomainError by the table of statuses, an unexpected error as a logged 500.
 *
 *     export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute("/api/claims/:id", {
 *       GET: endpoint({ params: { id: "claim" } }, async ({ params }) => Response.json(...)),
 *     });
 */

type GivenMethod = Exclude<ApiMethod, "HEAD" | "OPTIONS">;

/** What a route parameter names: an id or slug (see lib/validation/ids.ts), or a passage's id. */
type ParamKind = "document" | "annotation" | "entity" | "claim" | "passage" | "import";
type ParamSpec = Record<string, ParamKind>;

/** Who the handler needs: the viewer (signed in or not), or a signed-in user (`signIn` says what for: "Sign in to …"). */
type UserSpec = "viewer" | { signIn: string } | undefined;
type UserOf<U extends UserSpec> = U extends { signIn: string } ? SessionUser : U extends "viewer" ? SessionUser | null : undefined;

/** The body a method reads: JSON of `media` (plain JSON by default) up to `limit` bytes, then validated. */
type BodySpec<B> = { limit: number; media?: MediaTypes } & (
  | { schema: z.ZodType<B>; /** What the body is, for the refusal: "The claim" is not valid. */ what: string }
  | { parse: (json: unknown) => B }
);

interface Spec<P extends ParamSpec, Q extends z.ZodType | undefined, B, U extends UserSpec> {
  /** An answer to the request's address before anything else is read of it, or undefined to go on. */
  address?: (request: Request) => Response | undefined;
  params?: P;
  query?: Q;
  body?: BodySpec<B>;
  user?: U;
  /** The method writes: it counts against the signed-in user's write limit. */
  write?: boolean;
  /** If-Match: "required" (precondition_required without it) or "optional" (any ETag passes without it). */
  ifMatch?: "required" | "optional";
}

/** What a handler is given: the request and what the wrapper checked of it. */
export interface Call<P extends ParamSpec, Q extends z.ZodType | undefined, B, U extends UserSpec> {
  request: Request;
  params: { [K in keyof P]: string };
  query: Q extends z.ZodType ? z.infer<Q> : undefined;
  body: B;
  user: UserOf<U>;
  /** The request's If-Match as a check of an ETag (true when it names it or `*`, or, when optional, is absent). */
  precondition: Precondition;
  /** The site's origin, for absolute URLs (see originOf). */
  readonly origin: string;
}

/** One method of a route: its spec and handler, ready for apiRoute. */
export interface Endpoint {
  run(request: Request, params: Record<string, string | string[]>): Promise<Response>;
}

const id = z.string().refine(isId);
const PARAM_SCHEMAS: Record<ParamKind, z.ZodType<string>> = {
  document: id,
  annotation: id,
  entity: id,
  claim: id,
  import: id,
  passage: z.string().refine(isPassageId),
};

/** One method of a route: what it checks of a request (see apiRoute), and the handler it then calls. */
export function endpoint<
  P extends ParamSpec = Record<never, ParamKind>,
  Q extends z.ZodType | undefined = undefined,
  B = undefined,
  U extends UserSpec = undefined,
>(spec: Spec<P, Q, B, U>, handler: (call: Call<P, Q, B, U>) => Promise<Response> | Response): Endpoint {
  return {
    async run(request, rawParams) {
      const refused = spec.address?.(request);
      if (refused) return refused;
      const params: Record<string, string> = {};
      for (const [name, kind] of Object.entries(spec.params ?? {})) {
        const value = rawParams[name];
        const parsed = PARAM_SCHEMAS[kind].safeParse(value);
        if (!parsed.success) throw new DomainError("not_found", `No ${kind} "${value}".`);
        params[name] = parsed.data;
      }

      let user: SessionUser | null | undefined;
      if (spec.user !== undefined) {
        user = await getSessionUser(request);
        if (!user && spec.user !== "viewer") throw new DomainError("unauthenticated", `Sign in to ${spec.user.signIn}.`);
      }

      let query: unknown;
      if (spec.query) {
        const parsed = spec.query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
        if (!parsed.success) throw new DomainError("bad_request", "Invalid query parameters.", problemsOf(parsed.error));
        query = parsed.data;
      }

      let body: unknown;
      if (spec.body) {
        const json = await readJsonBody(request, spec.body.limit, spec.body.media);
        if ("parse" in spec.body) body = spec.body.parse(json);
        else {
          const parsed = spec.body.schema.safeParse(json);
          if (!parsed.success) throw new DomainError("bad_request", `${spec.body.what} is not valid.`, problemsOf(parsed.error));
          body = parsed.data;
        }
      }

      if (spec.write) {
        if (!user) throw new Error("A writing endpoint needs a signed-in user: give it `user: { signIn }`.");
        await checkWriteLimit(user.id);
      }

      // A required If-Match that is missing is refused where the domain checks the precondition:
      // after it has said whether the thing exists and may be changed (404 and 403 come first).
      const ifMatch = spec.ifMatch ? request.headers.get("if-match") : null;
      const precondition: Precondition =
        spec.ifMatch === "required" && ifMatch === null
          ? () => {
              throw new DomainError("precondition_required", "Send If-Match with the ETag you were served (GET it first).");
            }
          : preconditionOf(ifMatch);

      return handler({
        request,
        params: params as Call<P, Q, B, U>["params"],
        query: query as Call<P, Q, B, U>["query"],
        body: body as B,
        user: user as UserOf<U>,
        precondition,
        get origin() {
          return originOf(request);
        },
      });
    },
  };
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

/** `response` with `name: value` set, copied when a response made elsewhere (a redirect) has immutable headers. */
function withHeader(response: Response, name: string, value: string): Response {
  if (response.headers.has(name)) return response;
  try {
    response.headers.set(name, value);
    return response;
  } catch {
    const headers = new Headers(response.headers);
    headers.set(name, value);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}

/** A GET answer as the request's If-None-Match would have it: 304 (headers only) when it names the answer's ETag. */
function conditional(request: Request | undefined, response: Response): Response {
  const etag = response.headers.get("etag");
  const held = request?.headers.get("if-none-match");
  if (!etag || !held || response.status !== 200 || !held.split(",").some((tag) => tag.trim() === etag || tag.trim() === "*"))
    return response;
  void response.body?.cancel();
  return new Response(null, { status: 304, headers: response.headers });
}

type Context = { params: Promise<Record<string, string | string[]>> };
/**
 * A route's exported handlers, in Next.js's shape. A route without parameters may be called with
 * the request alone, and one that reads nothing of it without any (as tests call the library's).
 */
type Handler = (request?: Request, context?: Context) => Promise<Response>;
type Handlers = Record<ApiMethod, Handler>;

/**
 * Every method of the API route at `pattern` (used in logs): `methods` are the ones it answers
 * (see the top of this file for what each checks); `optionsHeaders` go on its OPTIONS answer.
 */
export function apiRoute(
  pattern: string,
  methods: Partial<Record<GivenMethod, Endpoint>>,
  options: { optionsHeaders?: Record<string, string> } = {},
): Handlers {
  const supported = API_METHODS.filter((method) => method in methods || (method === "HEAD" && "GET" in methods) || method === "OPTIONS");
  const allow = supported.join(", ");
  const handlers = {} as Record<ApiMethod, Handler>;
  for (const method of API_METHODS) {
    const given = method === "HEAD" || method === "OPTIONS" ? undefined : methods[method];
    handlers[method] = given
      ? async (request, context) => {
          let response: Response;
          try {
            response = await given.run(request as Request, (await context?.params) ?? {});
            if (method === "GET") response = conditional(request, response);
          } catch (error) {
            response = handleApiError(error, `${method} ${pattern}`);
          }
          return withHeader(response, "Allow", allow);
        }
      : async (request) => methodNotAllowed(request as Request, allow);
  }
  if (methods.GET) {
    const get = handlers.GET;
    handlers.HEAD = async (request, context) => {
      const response = await get(request, context);
      await response.body?.cancel();
      return new Response(null, { status: response.status, statusText: response.statusText, headers: response.headers });
    };
  }
  handlers.OPTIONS = async () => new Response(null, { status: 200, headers: { ...options.optionsHeaders, Allow: allow } });
  return handlers;
}

/**
 * A permanent redirect (308: PUT, DELETE and POST keep their method and body) to `path`, with the
 * request's query kept. A path, not a URL: the client resolves it against the address it asked,
 * so the redirect stays on the host it reached, however the server names itself. The answer may
 * depend on the session (a private annotation's former IRI), so no shared cache keeps it.
 */
export const permanentRedirect = (request: Request, path: string) =>
  new Response(null, {
    status: 308,
    headers: { Location: `${path}${new URL(request.url).search}`, Vary: "Cookie", "Cache-Control": "private" },
  });

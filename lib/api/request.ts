import { ApiError } from "./errors";
import type { z } from "zod";

/** The request's search parameters validated by `schema`; 400 with the problems otherwise. */
export function parseSearchParams<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const result = schema.safeParse(params);
  if (!result.success) {
    throw new ApiError(
      400,
      "bad_request",
      "Invalid query parameters.",
      result.error.issues.map((i) => ({ parameter: i.path.join(".") || (i as { keys?: string[] }).keys?.join(", "), message: i.message })),
    );
  }
  return result.data;
}

/** The origin to build absolute ids from. */
export const originOf = (request: Request) => new URL(request.url).origin;

/**
 * The origin the client used, for links it will follow: the Host (or X-Forwarded-Host) header
 * and protocol, since `next start` gives route handlers a request URL on its own host name.
 */
export function clientOrigin(request: Request): string {
  const url = new URL(request.url);
  const host = (request.headers.get("x-forwarded-host") ?? request.headers.get("host"))?.split(",")[0].trim();
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0].trim() ?? url.protocol.replace(/:$/, "");
  if (!host || !/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host) || !/^https?$/.test(proto)) return url.origin;
  return `${proto}://${host}`;
}

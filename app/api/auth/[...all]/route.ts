import { toNextJsHandler } from "better-auth/next-js";
import { apiRoute, endpoint } from "@/lib/api/api-route";
import { withErrorBody } from "@/lib/api/errors";
import { readdressed, requestOrigin } from "@/lib/api/request";
import { getAuth } from "@/lib/auth";

export const dynamic = "force-dynamic";

// /api/auth/*: better-auth's routes (sign-up, sign-in, sign-out, session), built on first request.
// Unless BETTER_AUTH_URL names the site, better-auth takes its address from the request's URL,
// which `next start` always names localhost: it gets the request as the client addressed it.
// better-auth answers a path it does not know with an empty 404: given the contract's JSON error.
const accounts = endpoint({}, async ({ request }) =>
  withErrorBody(await toNextJsHandler(getAuth())[request.method === "GET" ? "GET" : "POST"](readdressed(request, requestOrigin(request))), {
    404: `No account route ${new URL(request.url).pathname}.`,
  }),
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute("/api/auth/*", { GET: accounts, POST: accounts });

import { toNextJsHandler } from "better-auth/next-js";
import { apiMethods } from "@/lib/api/api-methods";
import { withErrorBody } from "@/lib/api/errors";
import { getAuth } from "@/lib/auth";

export const dynamic = "force-dynamic";

// /api/auth/*: better-auth's routes (sign-up, sign-in, sign-out, session), built on first request.
// better-auth answers a path it does not know with an empty 404: given the contract's JSON error.
const handler = async (request: Request) =>
  withErrorBody(await toNextJsHandler(getAuth())[request.method === "GET" ? "GET" : "POST"](request), {
    404: `No account route ${new URL(request.url).pathname}.`,
  });

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({ GET: handler, POST: handler });

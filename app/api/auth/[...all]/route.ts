import { toNextJsHandler } from "better-auth/next-js";
import { readdressed, requestOrigin } from "@/lib/api/request";
import { getAuth } from "@/lib/auth";

export const dynamic = "force-dynamic";

// /api/auth/*: better-auth's routes (sign-up, sign-in, sign-out, session), built on first request.
// Unless BETTER_AUTH_URL names the site, better-auth takes its address from the request's URL,
// which `next start` always names localhost: it gets the request as the client addressed it.
const handler = (request: Request) =>
  toNextJsHandler(getAuth())[request.method === "GET" ? "GET" : "POST"](readdressed(request, requestOrigin(request)));

export const GET = handler;
export const POST = handler;

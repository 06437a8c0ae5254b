import { toNextJsHandler } from "better-auth/next-js";
import { getAuth } from "@/lib/auth";

export const dynamic = "force-dynamic";

// /api/auth/*: better-auth's routes (sign-up, sign-in, sign-out, session), built on first request.
const handler = (request: Request) => toNextJsHandler(getAuth())[request.method === "GET" ? "GET" : "POST"](request);

export const GET = handler;
export const POST = handler;

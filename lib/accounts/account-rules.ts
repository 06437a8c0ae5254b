import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware, isAPIError } from "better-auth/api";
import { clientAddress } from "../api/trusted-proxy";
import { profileSchema } from "./credentials";
import { holdSignIn, releaseSignIn } from "./sign-in-limit";
import { problemsOf } from "../validation/issues";

type HookContext = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];

/**
 * A refusal in the contract's shape, `{ error: { code, message, details? } }`, whether the call
 * came over HTTP or from a server action or script (which see `message`).
 */
function refusal(status: "BAD_REQUEST" | "TOO_MANY_REQUESTS", code: string, message: string, details?: unknown, headers?: HeadersInit) {
  const error = new APIError(status, { error: { code, message, ...(details === undefined ? {} : { details }) } }, headers);
  error.message = message;
  return error;
}

const signUpProfile = profileSchema.required({ name: true });

const plainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The email and client address a sign-in is counted by, or null for a body better-auth will refuse anyway. */
function signInParties(ctx: HookContext): { email: string; address: string | null } | null {
  const email = plainObject(ctx.body) ? ctx.body.email : undefined;
  if (typeof email !== "string") return null;
  const headers = ctx.headers ?? ctx.request?.headers;
  return { email, address: headers ? clientAddress(headers) : null };
}

function waitFor(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

/**
 * Gloss's rules for accounts, applied by better-auth to every call of its endpoints, over HTTP or
 * from a server action or `npm run user:create`:
 * - a name and an image are checked with profileSchema on sign-up and update-user (400 with the
 *   problems otherwise; nothing is stored), and stored trimmed;
 * - failed sign-ins are limited per account and per client address (lib/accounts/sign-in-limit.ts):
 *   429 with Retry-After once either has failed too often in its window.
 */
export function accountRules(): BetterAuthPlugin {
  return {
    id: "gloss-account-rules",
    hooks: {
      before: [
        {
          matcher: (ctx) => ctx.path === "/sign-up/email" || ctx.path === "/update-user",
          handler: createAuthMiddleware(async (ctx) => {
            if (!plainObject(ctx.body)) return;
            const fields = Object.fromEntries(Object.entries(ctx.body).filter(([key]) => key === "name" || key === "image"));
            const parsed = (ctx.path === "/sign-up/email" ? signUpProfile : profileSchema).safeParse(fields);
            if (!parsed.success) {
              const details = problemsOf(parsed.error);
              throw refusal("BAD_REQUEST", "bad_request", details[0]?.message ?? "The account's details are not valid.", details);
            }
            return { context: { body: { ...ctx.body, ...parsed.data } } };
          }),
        },
        {
          matcher: (ctx) => ctx.path === "/sign-in/email",
          handler: createAuthMiddleware(async (ctx) => {
            const parties = signInParties(ctx);
            if (!parties) return;
            const attempt = await holdSignIn(parties.email, parties.address);
            if (!attempt.allowed) {
              throw refusal(
                "TOO_MANY_REQUESTS",
                "rate_limited",
                `Too many failed sign-ins: try again in ${waitFor(attempt.retryAfter)}.`,
                undefined,
                { "Retry-After": String(attempt.retryAfter) },
              );
            }
          }),
        },
      ],
      after: [
        {
          matcher: (ctx) => ctx.path === "/sign-in/email",
          handler: createAuthMiddleware(async (ctx) => {
            const parties = signInParties(ctx);
            if (!parties) return;
            const returned = ctx.context.returned;
            const failed = isAPIError(returned) && returned.statusCode === 401;
            if (!failed) await releaseSignIn(parties.email, parties.address);
          }),
        },
      ],
    },
  };
}

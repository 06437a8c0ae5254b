import { createHash } from "node:crypto";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { accountRules } from "./accounts/account-rules";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./accounts/credentials";
import { configuredOrigin, requestOrigin } from "./api/request";
import { trustedProxyHops, type Settings } from "./api/trusted-proxy";
import { getDb } from "./db";

/** The roles an account can have: annotators write their own annotations, editors any. */
export const ROLES = ["annotator", "editor"] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in user a request acts for. */
export interface SessionUser {
  id: string;
  email: string;
  role: Role;
}

let warnedAboutSecret = false;

/**
 * The secret that signs session cookies: BETTER_AUTH_SECRET. Outside production, when it is
 * unset, a stable secret derived from the project folder is used (with one warning), so sessions
 * survive restarts in development; production refuses to start without one.
 */
export function authSecret(env: NodeJS.ProcessEnv = process.env): string {
  const secret = env.BETTER_AUTH_SECRET;
  if (secret) return secret;
  if (env.NODE_ENV === "production") throw new Error("BETTER_AUTH_SECRET is not set: sessions cannot be signed.");
  if (!warnedAboutSecret) {
    warnedAboutSecret = true;
    console.warn("gloss: BETTER_AUTH_SECRET is not set; using a development secret (never do this in production).");
  }
  return createHash("sha256").update(`gloss-development-secret:${process.cwd()}`).digest("hex");
}

/**
 * The origins whose pages may call the account endpoints of a browser's session (better-auth
 * refuses others with 403, which is what stops another site's page from signing a reader up, in or
 * out): the origin the request was addressed to, however the server was reached (a loopback name,
 * a LAN address, a proxy's public name when the proxy is trusted); BETTER_AUTH_URL's; and those
 * GLOSS_TRUSTED_ORIGINS lists (comma-separated).
 */
export function trustedOrigins(request?: Request, env: Settings = process.env): string[] {
  const listed = (env.GLOSS_TRUSTED_ORIGINS ?? "")
    .split(",")
    .map((origin) => origin.trim())
    .filter(Boolean);
  const configured = configuredOrigin(env);
  return [...(request ? [requestOrigin(request)] : []), ...(configured ? [configured] : []), ...listed];
}

function createAuth() {
  return betterAuth({
    database: prismaAdapter(getDb(), { provider: "postgresql" }),
    secret: authSecret(),
    // The site's address is BETTER_AUTH_URL when it is set (better-auth reads it); otherwise it is
    // taken from each request, which the auth route readdresses to the origin the client used.
    emailAndPassword: { enabled: true, minPasswordLength: MIN_PASSWORD_LENGTH, maxPasswordLength: MAX_PASSWORD_LENGTH },
    user: {
      additionalFields: {
        role: { type: "string", required: false, defaultValue: "annotator", input: false },
      },
    },
    trustedOrigins: (request) => trustedOrigins(request),
    advanced: {
      // The same origin check in tests as in production (better-auth skips it under NODE_ENV=test).
      disableOriginCheck: false,
      // Secure cookies only when the site is served over https: a browser drops them on a plain
      // http address that is not loopback (a LAN address), and the reader could never sign in.
      useSecureCookies: configuredOrigin()?.startsWith("https:") ?? false,
      trustedProxyHeaders: trustedProxyHops() > 0,
      // The server (scripts/serve.ts) leaves the client's address, and only it, in X-Forwarded-For.
      ipAddress: { ipAddressHeaders: ["x-forwarded-for"] },
    },
    // better-auth's own limiter keeps its counts in one process's memory (or writes a row on every
    // call) and never sees server actions: failed sign-ins are limited by accountRules instead, in
    // the database, on every path.
    rateLimit: { enabled: false },
    plugins: [accountRules()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

const globalForAuth = globalThis as unknown as { glossAuth?: Auth };

/** The one better-auth instance of the process, built on first use (after DATABASE_URL is set). */
export function getAuth(): Auth {
  globalForAuth.glossAuth ??= createAuth();
  return globalForAuth.glossAuth;
}

/** Forgets the instance (tests and scripts that reconnect the database). */
export function resetAuth(): void {
  globalForAuth.glossAuth = undefined;
}

const isRole = (value: unknown): value is Role => typeof value === "string" && (ROLES as readonly string[]).includes(value);

/** The user signed in on `request` (its session cookie or bearer header), or null. */
export function getSessionUser(request: Request): Promise<SessionUser | null> {
  return sessionUserFrom(request.headers);
}

/** The user the request `headers` are signed in as (pages and server actions read them from next/headers), or null. */
export async function sessionUserFrom(headers: Headers): Promise<SessionUser | null> {
  if (!headers.get("cookie") && !headers.get("authorization")) return null;
  const session = await getAuth().api.getSession({ headers });
  if (!session) return null;
  const role = (session.user as { role?: unknown }).role;
  return { id: session.user.id, email: session.user.email, role: isRole(role) ? role : "annotator" };
}

import { createHash } from "node:crypto";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
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

/** Shortest password accepted (better-auth's default minimum). */
export const MIN_PASSWORD_LENGTH = 8;

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

function createAuth() {
  return betterAuth({
    database: prismaAdapter(getDb(), { provider: "postgresql" }),
    secret: authSecret(),
    emailAndPassword: { enabled: true, minPasswordLength: MIN_PASSWORD_LENGTH, maxPasswordLength: 256 },
    user: {
      additionalFields: {
        role: { type: "string", required: false, defaultValue: "annotator", input: false },
      },
    },
    trustedOrigins: process.env.GLOSS_TRUSTED_ORIGINS?.split(",")
      .map((o) => o.trim())
      .filter(Boolean),
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

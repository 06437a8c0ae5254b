import type { Settings } from "../api/trusted-proxy";
import { getDb } from "../db";

/** How many failed sign-ins are allowed, per account and per client address, in how long. */
export interface SignInLimits {
  perAccount: number;
  perAddress: number;
  windowSeconds: number;
}

function setting(env: Settings, name: string, fallback: number): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1) throw new Error(`${name} must be a whole number of at least 1, not "${text}".`);
  return value;
}

/**
 * The limits in force: GLOSS_SIGN_IN_FAILURES_PER_ACCOUNT (5), GLOSS_SIGN_IN_FAILURES_PER_ADDRESS
 * (20) and GLOSS_SIGN_IN_WINDOW_SECONDS (900). Read on each call, so that they follow the
 * environment.
 */
export function signInLimits(env: Settings = process.env): SignInLimits {
  return {
    perAccount: setting(env, "GLOSS_SIGN_IN_FAILURES_PER_ACCOUNT", 5),
    perAddress: setting(env, "GLOSS_SIGN_IN_FAILURES_PER_ADDRESS", 20),
    windowSeconds: setting(env, "GLOSS_SIGN_IN_WINDOW_SECONDS", 900),
  };
}

/** A counter of failures: an account's (by email) or a client address's. */
interface Bucket {
  key: string;
  max: number;
}

/** Whether a sign-in may be tried now, or only in `retryAfter` seconds. */
export type SignInAttempt = { allowed: true } | { allowed: false; retryAfter: number };

function bucketsOf(email: string, address: string | null, limits: SignInLimits): Bucket[] {
  return [
    { key: `account:${email.trim().toLowerCase()}`, max: limits.perAccount },
    ...(address ? [{ key: `address:${address}`, max: limits.perAddress }] : []),
  ];
}

/**
 * Counts one failure against `bucket` unless it is full, in one statement (so that concurrent
 * attempts cannot all pass one stale count); false when it is full. A window starts at a bucket's
 * first failure and ends `windowSeconds` later whatever happens meanwhile: a refused attempt is
 * not counted, so nobody's failures keep an account or an address closed past its window's end.
 */
async function hold(bucket: Bucket, windowSeconds: number): Promise<boolean> {
  const rows = await getDb().$queryRaw<unknown[]>`
    INSERT INTO "SignInFailure" AS f ("bucket", "windowStart", "failures")
    VALUES (${bucket.key}, now(), 1)
    ON CONFLICT ("bucket") DO UPDATE SET
      "windowStart" = CASE WHEN f."windowStart" <= now() - make_interval(secs => ${windowSeconds}) THEN now() ELSE f."windowStart" END,
      "failures" = CASE WHEN f."windowStart" <= now() - make_interval(secs => ${windowSeconds}) THEN 1 ELSE f."failures" + 1 END
    WHERE f."windowStart" <= now() - make_interval(secs => ${windowSeconds}) OR f."failures" < ${bucket.max}
    RETURNING 1`;
  return rows.length > 0;
}

/** Gives back the failures held against `buckets`. */
async function giveBack(buckets: Bucket[]): Promise<void> {
  await getDb().signInFailure.updateMany({
    where: { bucket: { in: buckets.map((b) => b.key) }, failures: { gt: 0 } },
    data: { failures: { decrement: 1 } },
  });
}

/**
 * Before a sign-in is tried: whether `email` (the account) and `address` (the client; null when
 * the request did not come through the server) may try now. The attempt is counted as a failure
 * of both before it is tried, so that many attempts at once cannot all pass; releaseSignIn gives
 * it back when the sign-in did not fail. Ended windows are removed as attempts come.
 */
export async function holdSignIn(email: string, address: string | null, limits = signInLimits()): Promise<SignInAttempt> {
  const db = getDb();
  await db.signInFailure.deleteMany({ where: { windowStart: { lt: new Date(Date.now() - limits.windowSeconds * 1000) } } });
  const held: Bucket[] = [];
  for (const bucket of bucketsOf(email, address, limits)) {
    if (!(await hold(bucket, limits.windowSeconds))) {
      await giveBack(held);
      const full = await db.signInFailure.findUnique({ where: { bucket: bucket.key }, select: { windowStart: true } });
      const end = (full?.windowStart.getTime() ?? Date.now()) + limits.windowSeconds * 1000;
      return { allowed: false, retryAfter: Math.max(1, Math.ceil((end - Date.now()) / 1000)) };
    }
    held.push(bucket);
  }
  return { allowed: true };
}

/** After a sign-in held by holdSignIn did not fail (it succeeded, or was refused for another reason than the password). */
export async function releaseSignIn(email: string, address: string | null, limits = signInLimits()): Promise<void> {
  await giveBack(bucketsOf(email, address, limits));
}

"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { isAPIError } from "better-auth/api";
import { parseSetCookieHeader, toCookieOptions } from "better-auth/cookies/utils";
import { credentialsSchema, displayName, firstProblem, signUpSchema } from "@/lib/accounts/credentials";
import { getAuth } from "@/lib/auth";
import { safeNext } from "./safe-next";

/** What the sign-in and sign-up forms show after a failed attempt. */
export interface AuthState {
  error: string | null;
  email: string;
}

/** Passes the session cookies an account endpoint set on to the browser. */
async function forwardCookies(response: Response) {
  const store = await cookies();
  for (const header of response.headers.getSetCookie()) {
    for (const [name, attributes] of parseSetCookieHeader(header)) store.set(name, attributes.value, toCookieOptions(attributes));
  }
}

async function messageOf(response: Response, fallback: string): Promise<string> {
  const body = (await response.json().catch(() => null)) as { message?: string; error?: { message?: string } } | null;
  return body?.error?.message ?? body?.message ?? fallback;
}

/**
 * Calls an account endpoint for a form: its response, or the message of a refusal it threw (Gloss's
 * own account rules, such as the sign-in limit, refuse before the endpoint runs).
 */
async function accountCall(call: () => Promise<Response>): Promise<Response | string> {
  try {
    return await call();
  } catch (error) {
    if (isAPIError(error) && error.statusCode < 500 && error.message) return error.message;
    throw error;
  }
}

/**
 * Signs in with email and password: the form works with JavaScript off (a plain POST) and on.
 * Validated with the same schema as sign-up and `npm run user:create`.
 */
export async function signInAction(_state: AuthState, form: FormData): Promise<AuthState> {
  const email = String(form.get("email") ?? "");
  const parsed = credentialsSchema.safeParse({ email, password: form.get("password") ?? "" });
  if (!parsed.success) return { error: firstProblem(parsed.error), email };
  const requestHeaders = await headers();
  const response = await accountCall(() => getAuth().api.signInEmail({ body: parsed.data, headers: requestHeaders, asResponse: true }));
  if (typeof response === "string") return { error: response, email };
  if (!response.ok) return { error: await messageOf(response, "The email or password is not right."), email };
  await forwardCookies(response);
  redirect(safeNext(form.get("next")));
}

/** Creates an account and signs it in (role annotator: sign-up cannot choose one). */
export async function signUpAction(_state: AuthState, form: FormData): Promise<AuthState> {
  const email = String(form.get("email") ?? "");
  const parsed = signUpSchema.safeParse({ email, password: form.get("password") ?? "", name: form.get("name") ?? undefined });
  if (!parsed.success) return { error: firstProblem(parsed.error), email };
  const { password, name } = parsed.data;
  const requestHeaders = await headers();
  const response = await accountCall(() =>
    getAuth().api.signUpEmail({
      body: { email: parsed.data.email, password, name: displayName(name, parsed.data.email) },
      headers: requestHeaders,
      asResponse: true,
    }),
  );
  if (typeof response === "string") return { error: response, email };
  if (!response.ok) return { error: await messageOf(response, "The account could not be created."), email };
  await forwardCookies(response);
  redirect(safeNext(form.get("next")));
}

/** What the sign-out button shows after a sign-out that failed. */
export interface SignOutState {
  error: string | null;
}

/** Signs out, then returns to the page the form was on; says so when the sign-out failed. */
export async function signOutAction(_state: SignOutState, form: FormData): Promise<SignOutState> {
  const requestHeaders = await headers();
  const response = await accountCall(() => getAuth().api.signOut({ headers: requestHeaders, asResponse: true }));
  if (typeof response === "string") return { error: `Could not sign out (${response}). You are still signed in.` };
  if (!response.ok) {
    return {
      error: `Could not sign out (${await messageOf(response, `the server answered ${response.status}`)}). You are still signed in.`,
    };
  }
  await forwardCookies(response);
  redirect(safeNext(form.get("next")));
}

"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
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
  const body = (await response.json().catch(() => null)) as { message?: string } | null;
  return body?.message ?? fallback;
}

/**
 * Signs in with email and password: the form works with JavaScript off (a plain POST) and on.
 * Validated with the same schema as sign-up and `npm run user:create`.
 */
export async function signInAction(_state: AuthState, form: FormData): Promise<AuthState> {
  const email = String(form.get("email") ?? "");
  const parsed = credentialsSchema.safeParse({ email, password: form.get("password") ?? "" });
  if (!parsed.success) return { error: firstProblem(parsed.error), email };
  const response = await getAuth().api.signInEmail({ body: parsed.data, headers: await headers(), asResponse: true });
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
  const response = await getAuth().api.signUpEmail({
    body: { email: parsed.data.email, password, name: displayName(name, parsed.data.email) },
    headers: await headers(),
    asResponse: true,
  });
  if (!response.ok) return { error: await messageOf(response, "The account could not be created."), email };
  await forwardCookies(response);
  redirect(safeNext(form.get("next")));
}

/** Signs out, then returns to the page the form was on. */
export async function signOutAction(form: FormData): Promise<void> {
  const requestHeaders = await headers();
  const response = await getAuth().api.signOut({ headers: requestHeaders, asResponse: true });
  await forwardCookies(response);
  redirect(safeNext(form.get("next")));
}

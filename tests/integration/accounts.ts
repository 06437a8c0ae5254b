import { expect } from "vitest";
import { POST as authPost } from "@/app/api/auth/[...all]/route";

/** A signed-up test account: its user id and the cookie header that carries its session. */
export interface Account {
  id: string;
  cookie: string;
}

/** Signs up `email` through the auth route handler and returns the account and its session cookie. */
export async function signUp(email: string, origin = "http://gloss.test"): Promise<Account> {
  const response = await authPost(
    new Request(`${origin}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password: "correct horse battery", name: email.split("@")[0] }),
    }),
  );
  expect(response.status).toBe(200);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  expect(cookie).toMatch(/session_token=/);
  return { id: (await response.json()).user.id, cookie };
}

/** A W3C commenting annotation on `[start, start + exact.length)` of the document at `source`. */
export function commentAnnotation(source: string, exact: string, start: number, value: string, extra: Record<string, unknown> = {}) {
  return {
    "@context": "http://www.w3.org/ns/anno.jsonld",
    type: "Annotation",
    motivation: "commenting",
    body: { type: "TextualBody", value, format: "text/plain" },
    target: {
      source,
      selector: [
        { type: "TextQuoteSelector", exact },
        { type: "TextPositionSelector", start, end: start + exact.length },
      ],
    },
    ...extra,
  };
}

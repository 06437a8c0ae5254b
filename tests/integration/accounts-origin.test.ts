import { afterAll, afterEach, describe, expect, it } from "vitest";
import { POST as authPost, GET as authGet } from "@/app/api/auth/[...all]/route";
import { GET as citeGet } from "@/app/api/documents/[slug]/cite/route";
import { POST as postAnnotation } from "@/app/api/documents/[slug]/annotations/route";
import { resetAuth } from "@/lib/auth";
import { disconnectDb, getDb } from "@/lib/db";
import { importDocument } from "@/lib/documents/import-document";
import { commentAnnotation } from "./accounts";
import { makeContentFolder, smallDocument } from "./helpers";

process.env.BETTER_AUTH_SECRET ??= "test-secret-for-the-account-origin-tests-0123456789";

// `next start` hands route handlers a URL on its own host name (localhost and its port), whatever
// address the browser used; the address the browser used is in the Host header.
const SERVER_URL = "http://localhost:3000";
const PASSWORD = "correct horse battery";
const run = Date.now().toString(36);

interface Call {
  host: string;
  origin?: string;
  cookie?: string;
  headers?: Record<string, string>;
}

function authRequest(path: string, call: Call, body?: unknown): Request {
  return new Request(`${SERVER_URL}/api/auth${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: {
      host: call.host,
      "x-forwarded-for": "192.0.2.10",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...(call.origin ? { origin: call.origin } : {}),
      ...(call.cookie ? { cookie: call.cookie } : {}),
      ...call.headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const cookieOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");

async function sessionEmail(call: Call): Promise<string | null> {
  const response = await authGet(authRequest("/get-session", call));
  const session = (await response.json()) as { user?: { email: string } } | null;
  return session?.user?.email ?? null;
}

const originals = { url: process.env.BETTER_AUTH_URL, hops: process.env.GLOSS_TRUSTED_PROXY_HOPS };
afterEach(() => {
  for (const [name, value] of [
    ["BETTER_AUTH_URL", originals.url],
    ["GLOSS_TRUSTED_PROXY_HOPS", originals.hops],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetAuth();
});

afterAll(async () => {
  await disconnectDb();
});

describe("accounts at the address the server is reached by", () => {
  for (const host of ["127.0.0.1:3000", "localhost:3000", "192.0.2.2:3000", "[::1]:3000"]) {
    it(`signs up, out and in again through the JSON API at http://${host}`, async () => {
      const origin = `http://${host}`;
      const email = `origin-${host.replace(/[^0-9a-z]/g, "-")}-${run}@example.org`;
      const signUp = await authPost(authRequest("/sign-up/email", { host, origin }, { email, password: PASSWORD, name: "Origin" }));
      expect(signUp.status, await signUp.clone().text()).toBe(200);
      const cookie = cookieOf(signUp);
      expect(await sessionEmail({ host, cookie })).toBe(email);

      const signOut = await authPost(authRequest("/sign-out", { host, origin, cookie }, {}));
      expect(signOut.status, await signOut.clone().text()).toBe(200);
      expect(await sessionEmail({ host, cookie })).toBeNull();

      const signIn = await authPost(authRequest("/sign-in/email", { host, origin }, { email, password: PASSWORD }));
      expect(signIn.status, await signIn.clone().text()).toBe(200);
      expect(await sessionEmail({ host, cookie: cookieOf(signIn) })).toBe(email);
    });
  }

  it("refuses a sign-up and a sign-out that another site's page sends, and the session stays", async () => {
    const host = "127.0.0.1:3000";
    const email = `cross-site-${run}@example.org`;
    const refused = await authPost(
      authRequest("/sign-up/email", { host, origin: "http://evil.example" }, { email, password: PASSWORD, name: "x" }),
    );
    expect(refused.status).toBe(403);
    expect(await getDb().user.count({ where: { email } })).toBe(0);

    const signUp = await authPost(
      authRequest("/sign-up/email", { host, origin: `http://${host}` }, { email, password: PASSWORD, name: "x" }),
    );
    const cookie = cookieOf(signUp);
    for (const origin of ["http://evil.example", "http://127.0.0.1:3001", "https://127.0.0.1:3000", "null"]) {
      const signOut = await authPost(authRequest("/sign-out", { host, origin, cookie }, {}));
      expect(signOut.status, origin).toBe(403);
    }
    expect(await sessionEmail({ host, cookie })).toBe(email);
  });

  it("does not take the address from X-Forwarded-Host unless a proxy is trusted", async () => {
    const host = "127.0.0.1:3000";
    const email = `forwarded-${run}@example.org`;
    const spoofed = { host, origin: "http://evil.example", headers: { "x-forwarded-host": "evil.example", "x-forwarded-proto": "http" } };
    const refused = await authPost(authRequest("/sign-up/email", spoofed, { email, password: PASSWORD, name: "x" }));
    expect(refused.status).toBe(403);

    process.env.GLOSS_TRUSTED_PROXY_HOPS = "1";
    resetAuth();
    const proxied = {
      host: "10.0.0.5:3000",
      origin: "https://gloss.example.org",
      headers: { "x-forwarded-host": "gloss.example.org", "x-forwarded-proto": "https" },
    };
    const accepted = await authPost(authRequest("/sign-up/email", proxied, { email, password: PASSWORD, name: "x" }));
    expect(accepted.status, await accepted.clone().text()).toBe(200);
  });

  it("accepts the public address BETTER_AUTH_URL names as well as the one the request came to", async () => {
    process.env.BETTER_AUTH_URL = "https://gloss.example.org";
    resetAuth();
    const host = "10.0.0.5:3000";
    const email = `public-${run}@example.org`;
    const signUp = await authPost(
      authRequest("/sign-up/email", { host, origin: "https://gloss.example.org" }, { email, password: PASSWORD, name: "x" }),
    );
    expect(signUp.status, await signUp.clone().text()).toBe(200);
    // The site's address is https: the session cookie is Secure.
    expect(signUp.headers.getSetCookie().join("\n")).toMatch(/; Secure/i);
    const cookie = cookieOf(signUp);
    const signOut = await authPost(authRequest("/sign-out", { host, origin: `http://${host}`, cookie }, {}));
    expect(signOut.status, await signOut.clone().text()).toBe(200);
  });

  it("sends a session cookie a plain-HTTP address can keep (not Secure) when the site's address is not https", async () => {
    const host = "192.0.2.2:3000";
    const signUp = await authPost(
      authRequest(
        "/sign-up/email",
        { host, origin: `http://${host}` },
        { email: `plain-${run}@example.org`, password: PASSWORD, name: "x" },
      ),
    );
    expect(signUp.status).toBe(200);
    const cookies = signUp.headers.getSetCookie().join("\n");
    expect(cookies).toMatch(/session_token=/);
    expect(cookies).not.toMatch(/; Secure/i);
    expect(cookies).not.toMatch(/__Secure-/);
  });
});

describe("absolute URLs use the same origin rule", () => {
  const SLUG = "origin-rule-doc";
  const TEXT = "The first words of a document about origins, long enough to cite.";
  // The plain text starts with the section heading and a blank line.
  const HEADING = "First section\n\n";

  async function signedInCookie(host: string) {
    const email = `urls-${host.replace(/[^0-9a-z]/g, "-")}-${run}@example.org`;
    const response = await authPost(
      authRequest("/sign-up/email", { host, origin: `http://${host}` }, { email, password: PASSWORD, name: "u" }),
    );
    expect(response.status).toBe(200);
    return cookieOf(response);
  }

  it("builds annotation ids and Location from the Host header, not the server's own name nor a client's X-Forwarded-Host", async () => {
    const folder = makeContentFolder({ [`${SLUG}.md`]: smallDocument(TEXT) });
    await importDocument(getDb(), `${folder}/${SLUG}.md`);
    const host = "192.0.2.2:3000";
    const cookie = await signedInCookie(host);
    const response = await postAnnotation(
      new Request(`${SERVER_URL}/api/documents/${SLUG}/annotations`, {
        method: "POST",
        headers: { host, cookie, "content-type": "application/json", "x-forwarded-host": "evil.example" },
        body: JSON.stringify(
          commentAnnotation(`http://${host}/documents/${SLUG}`, "first words", HEADING.length + TEXT.indexOf("first words"), "A note"),
        ),
      }),
      { params: Promise.resolve({ slug: SLUG }) },
    );
    expect(response.status, await response.clone().text()).toBe(201);
    const annotation = (await response.json()) as { id: string; creator: { id: string } };
    expect(annotation.id.startsWith(`http://${host}/`)).toBe(true);
    expect(annotation.creator.id.startsWith(`http://${host}/users/`)).toBe(true);
    expect(response.headers.get("location")).toBe(annotation.id);

    const cite = await citeGet(
      new Request(`${SERVER_URL}/api/documents/${SLUG}/cite?start=4&end=15`, { headers: { host, "x-forwarded-host": "evil.example" } }),
      { params: Promise.resolve({ slug: SLUG }) },
    );
    expect(cite.status).toBe(200);
    expect(((await cite.json()) as { permalink: string }).permalink.startsWith(`http://${host}/documents/${SLUG}`)).toBe(true);
  });

  it("uses BETTER_AUTH_URL's origin for every absolute URL when it is set", async () => {
    process.env.BETTER_AUTH_URL = "https://gloss.example.org/";
    resetAuth();
    const cite = await citeGet(
      new Request(`${SERVER_URL}/api/documents/${SLUG}/cite?start=4&end=15`, { headers: { host: "10.0.0.5:3000" } }),
      {
        params: Promise.resolve({ slug: SLUG }),
      },
    );
    expect(((await cite.json()) as { permalink: string }).permalink.startsWith(`https://gloss.example.org/documents/${SLUG}`)).toBe(true);
  });
});

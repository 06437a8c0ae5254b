import { afterAll, afterEach, describe, expect, it } from "vitest";
import { isAPIError } from "better-auth/api";
import { POST as authPost } from "@/app/api/auth/[...all]/route";
import { getAuth } from "@/lib/auth";
import { disconnectDb } from "@/lib/db";

process.env.BETTER_AUTH_SECRET ??= "test-secret-for-the-sign-in-limit-tests-0123456789";

const PASSWORD = "correct horse battery";
const run = Date.now().toString(36);
let counter = 0;
/** A fresh email (and so a fresh account bucket) for each use. */
const email = (label: string) => `${label}-${run}-${counter++}@example.org`;
/** A fresh client address from TEST-NET-3, as the server leaves it in X-Forwarded-For. */
const address = () => `203.0.113.${(counter++ % 250) + 1}`;

function signInRequest(account: string, password: string, client: string): Request {
  return new Request("http://localhost:3000/api/auth/sign-in/email", {
    method: "POST",
    headers: { host: "127.0.0.1:3000", "content-type": "application/json", "x-forwarded-for": client },
    body: JSON.stringify({ email: account, password }),
  });
}

async function signUp(account: string): Promise<void> {
  const response = await authPost(
    new Request("http://localhost:3000/api/auth/sign-up/email", {
      method: "POST",
      headers: { host: "127.0.0.1:3000", "content-type": "application/json", "x-forwarded-for": address() },
      body: JSON.stringify({ email: account, password: PASSWORD, name: "Limit" }),
    }),
  );
  expect(response.status).toBe(200);
}

const signIn = (account: string, password: string, client: string) => authPost(signInRequest(account, password, client));

const saved = { ...process.env };
afterEach(() => {
  for (const name of ["GLOSS_SIGN_IN_FAILURES_PER_ACCOUNT", "GLOSS_SIGN_IN_FAILURES_PER_ADDRESS", "GLOSS_SIGN_IN_WINDOW_SECONDS"]) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

afterAll(async () => {
  await disconnectDb();
});

describe("failed sign-ins are limited", () => {
  it("refuses an account's sixth sign-in after five failures from five addresses, with 429 JSON and Retry-After", async () => {
    const account = email("account");
    await signUp(account);
    for (let i = 0; i < 5; i++) expect((await signIn(account, "wrong password", address())).status).toBe(401);
    const limited = await signIn(account, PASSWORD, address());
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(await limited.json()).toEqual({
      error: { code: "rate_limited", message: expect.stringMatching(/^Too many failed sign-ins: try again in 15 minutes\.$/) },
    });
  });

  it("refuses a client address's sign-ins after twenty failures on any accounts, and not another address's", async () => {
    const client = address();
    for (let i = 0; i < 20; i++) expect((await signIn(email("nobody"), "wrong password", client)).status).toBe(401);
    const account = email("address");
    await signUp(account);
    expect((await signIn(account, PASSWORD, client)).status).toBe(429);
    expect((await signIn(account, PASSWORD, address())).status).toBe(200);
  });

  it("counts an IPv6 client by its /64 network, and an IPv4-mapped address as the IPv4 one", async () => {
    process.env.GLOSS_SIGN_IN_FAILURES_PER_ADDRESS = "2";
    expect((await signIn(email("v6"), "wrong password", "2001:db8:7:7::1")).status).toBe(401);
    expect((await signIn(email("v6"), "wrong password", "2001:db8:7:7:ffff::2")).status).toBe(401);
    expect((await signIn(email("v6"), "wrong password", "2001:db8:7:7::3")).status).toBe(429);
    expect((await signIn(email("v6"), "wrong password", "2001:db8:7:8::1")).status).toBe(401);

    expect((await signIn(email("v4"), "wrong password", "198.51.100.9")).status).toBe(401);
    expect((await signIn(email("v4"), "wrong password", "::ffff:198.51.100.9")).status).toBe(401);
    expect((await signIn(email("v4"), "wrong password", "198.51.100.9")).status).toBe(429);
  });

  it("limits the calls a server action makes (the /sign-in form) as it limits the HTTP API", async () => {
    const account = email("action");
    await signUp(account);
    const headers = new Headers({ host: "127.0.0.1:3000", "x-forwarded-for": address() });
    for (let i = 0; i < 5; i++) {
      const response = await getAuth().api.signInEmail({ body: { email: account, password: "wrong password" }, headers, asResponse: true });
      expect(response.status).toBe(401);
    }
    // A refusal before the sign-in is tried is thrown to a direct call, as an APIError.
    const limited = await getAuth()
      .api.signInEmail({ body: { email: account, password: PASSWORD }, headers, asResponse: true })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(isAPIError(limited)).toBe(true);
    if (!isAPIError(limited)) return;
    expect(limited.statusCode).toBe(429);
    expect(new Headers(limited.headers).get("retry-after")).toMatch(/^\d+$/);
    expect(limited.message).toMatch(/^Too many failed sign-ins/);
  });

  it("never counts a successful sign-in", async () => {
    const account = email("success");
    await signUp(account);
    const client = address();
    for (let i = 0; i < 8; i++) expect((await signIn(account, PASSWORD, client)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await signIn(account, "wrong password", client)).status).toBe(401);
    expect((await signIn(account, PASSWORD, client)).status).toBe(200);
  });

  it("lets many attempts at once through no further than the limit", async () => {
    const account = email("burst");
    await signUp(account);
    const statuses = await Promise.all(
      Array.from({ length: 15 }, () => signIn(account, "wrong password", address()).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
  });

  it("opens an account again when its window ends, however often it was tried meanwhile", async () => {
    process.env.GLOSS_SIGN_IN_WINDOW_SECONDS = "3";
    const account = email("window");
    await signUp(account);
    const started = Date.now();
    for (let i = 0; i < 5; i++) expect((await signIn(account, "wrong password", address())).status).toBe(401);
    // Others keep trying while it is closed; that does not keep it closed longer.
    while (Date.now() - started < 2500) {
      expect((await signIn(account, "wrong password", address())).status).toBe(429);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 3500 - (Date.now() - started))));
    expect((await signIn(account, PASSWORD, address())).status).toBe(200);
  });
});

import http from "node:http";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./browser";

const baseUrl = inject("baseUrl");
const port = new URL(baseUrl).port;
const PASSWORD = "a reader's password";
const run = Date.now().toString(36);
let counter = 0;
const email = (label: string) => `${label}-${run}-${counter++}@example.org`;

// A name the browser resolves to this machine but does not count as loopback: to it, as to a LAN
// address, http://gloss.test is an insecure origin, where it keeps no Secure cookie.
const LAN_NAME = "gloss.test";
const ADDRESSES = [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://${LAN_NAME}:${port}`];

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser([`--host-resolver-rules=MAP ${LAN_NAME} 127.0.0.1`]);
});

afterAll(async () => {
  await browser?.close();
});

const account = (page: Page) => page.getByRole("navigation", { name: "Account" });

async function fillAndSubmit(page: Page, address: string, form: "sign-up" | "sign-in", user: string, password = PASSWORD) {
  await page.goto(`${address}/${form}`);
  await page.getByLabel("Email").fill(user);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: form === "sign-up" ? "Create account" : "Sign in" }).click();
}

/** Whether the page, loaded afresh, shows `user` signed in (the session cookie was kept). */
async function signedInAfterReload(page: Page, user: string): Promise<boolean> {
  await page.reload();
  await account(page).waitFor();
  return (await account(page).getByText(user).count()) === 1;
}

/** Posts JSON to the server from a local address of our choosing (the server sees it as the client's). */
function postFrom(localAddress: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const request = http.request(
      { host: "127.0.0.1", port, path, method: "POST", localAddress, headers: { "content-type": "application/json", ...headers } },
      (response) => {
        let text = "";
        response.on("data", (chunk: Buffer) => (text += chunk.toString()));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
      },
    );
    request.once("error", reject);
    request.end(JSON.stringify(body));
  });
}

describe("accounts at every address the server is reached by", () => {
  for (const address of ADDRESSES) {
    it(`signs up, out and in again in the browser at ${address}`, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const user = email("browser");
      await fillAndSubmit(page, address, "sign-up", user);
      await page.waitForURL(`${address}/`);
      expect(await signedInAfterReload(page, user)).toBe(true);

      await account(page).getByRole("button", { name: "Sign out" }).click();
      await account(page).getByRole("link", { name: "Sign in" }).waitFor();
      expect(await signedInAfterReload(page, user)).toBe(false);

      await fillAndSubmit(page, address, "sign-in", user);
      await page.waitForURL(`${address}/`);
      expect(await signedInAfterReload(page, user)).toBe(true);
      await context.close();
    });
  }

  it("says so beside the button when a sign-out fails, and the reader stays signed in", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const user = email("offline");
    await fillAndSubmit(page, ADDRESSES[0], "sign-up", user);
    await page.waitForURL(`${ADDRESSES[0]}/`);
    await context.setOffline(true);
    await account(page).getByRole("button", { name: "Sign out" }).click();
    await expect
      .poll(() => account(page).getByRole("alert").textContent())
      .toBe("Could not sign out (the server cannot be reached). You are still signed in.");
    await context.setOffline(false);
    expect(await signedInAfterReload(page, user)).toBe(true);
    await context.close();
  });

  it("signs up, in and out through the JSON API at 127.0.0.1 and localhost, and refuses another site's origin", async () => {
    for (const address of ADDRESSES.slice(0, 2)) {
      const user = email("api");
      const json = (body: unknown, extra: Record<string, string> = {}) => ({
        method: "POST",
        headers: { "content-type": "application/json", origin: address, ...extra },
        body: JSON.stringify(body),
      });
      const signUp = await fetch(`${address}/api/auth/sign-up/email`, json({ email: user, password: PASSWORD, name: "API" }));
      expect(signUp.status, await signUp.clone().text()).toBe(200);
      const signIn = await fetch(`${address}/api/auth/sign-in/email`, json({ email: user, password: PASSWORD }));
      expect(signIn.status, await signIn.clone().text()).toBe(200);
      const cookie = signIn.headers
        .getSetCookie()
        .map((c) => c.split(";")[0])
        .join("; ");
      const session = async () =>
        ((await (await fetch(`${address}/api/auth/get-session`, { headers: { cookie } })).json()) as { user?: { email: string } } | null)
          ?.user?.email;
      expect(await session()).toBe(user);

      const crossSite = await fetch(`${address}/api/auth/sign-out`, {
        ...json({}, { cookie }),
        headers: { "content-type": "application/json", origin: "https://evil.example", cookie },
      });
      expect(crossSite.status).toBe(403);
      expect(await session()).toBe(user);
      const crossSiteSignUp = await fetch(`${address}/api/auth/sign-up/email`, {
        ...json({}),
        headers: { "content-type": "application/json", origin: "https://evil.example" },
        body: JSON.stringify({ email: email("evil"), password: PASSWORD, name: "x" }),
      });
      expect(crossSiteSignUp.status).toBe(403);

      const signOut = await fetch(`${address}/api/auth/sign-out`, json({}, { cookie }));
      expect(signOut.status, await signOut.clone().text()).toBe(200);
      expect(await session()).toBeUndefined();
    }
  });
});

describe("failed sign-ins are limited", () => {
  it("limits a client by its connection, whatever X-Forwarded-For it sends, and not the client beside it", async () => {
    for (let i = 0; i < 20; i++) {
      const response = await postFrom(
        "127.0.0.21",
        "/api/auth/sign-in/email",
        { email: email("nobody"), password: "wrong" },
        { "x-forwarded-for": `198.51.100.${i + 1}` },
      );
      expect(response.status).toBe(401);
    }
    const user = email("neighbour");
    expect((await postFrom("127.0.0.22", "/api/auth/sign-up/email", { email: user, password: PASSWORD, name: "N" })).status).toBe(200);
    const limited = await postFrom(
      "127.0.0.21",
      "/api/auth/sign-in/email",
      { email: user, password: PASSWORD },
      { "x-forwarded-for": "198.51.100.99" },
    );
    expect(limited.status).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect(JSON.parse(limited.body)).toEqual({
      error: { code: "rate_limited", message: expect.stringMatching(/^Too many failed sign-ins/) },
    });
    expect((await postFrom("127.0.0.22", "/api/auth/sign-in/email", { email: user, password: PASSWORD })).status).toBe(200);
  });

  it("limits an account's failed sign-ins in the /sign-in form, with a readable message", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const user = email("form");
    await fillAndSubmit(page, ADDRESSES[0], "sign-up", user);
    await page.waitForURL(`${ADDRESSES[0]}/`);
    await context.clearCookies();
    const alert = page.locator("#sign-in-error");
    for (let i = 0; i < 5; i++) {
      await fillAndSubmit(page, ADDRESSES[0], "sign-in", user, "not the password");
      await expect.poll(() => alert.textContent()).toMatch(/invalid email or password/i);
    }
    await fillAndSubmit(page, ADDRESSES[0], "sign-in", user);
    await expect.poll(() => alert.textContent()).toBe("Too many failed sign-ins: try again in 15 minutes.");
    expect(await signedInAfterReload(page, user)).toBe(false);
    await context.close();
  });
});

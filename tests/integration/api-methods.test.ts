import { afterAll, describe, expect, it } from "vitest";
import { disconnectDb } from "@/lib/db";
import { apiRouteFiles, dispatch, ROUTE_METHODS, routeModule, type RouteFile } from "./api-router";

process.env.BETTER_AUTH_SECRET ??= "test-secret-for-the-annotation-protocol-tests-0123456789";

const ORIGIN = "http://gloss.test";

/** An address the route file serves, its parameters filled in. */
const addressOf = (route: RouteFile) =>
  `${ORIGIN}${route.pattern.replace(/\[\.\.\.[^\]]+\]/, "some/where").replace(/\[[^\]]+\]/g, "some-id")}`;

const catchAll = (route: RouteFile) => route.segments.some((segment) => segment.startsWith("[..."));

afterAll(async () => {
  await disconnectDb();
});

describe("every API route", () => {
  const routes = apiRouteFiles();

  it("is found (the walk sees the API's route files)", () => {
    expect(routes.map((r) => r.pattern)).toEqual(
      expect.arrayContaining(["/api/documents/[slug]/annotations", "/api/documents/[slug]/annotations/[id]", "/api/auth/[...all]"]),
    );
  });

  for (const route of routes) {
    it(`answers the methods it does not support with 405, Allow and the JSON error: ${route.file}`, async () => {
      const module = await routeModule(route);
      // Next.js answers a method a route file does not export with an empty 405 of its own.
      expect(ROUTE_METHODS.filter((method) => typeof module[method] !== "function")).toEqual([]);
      const url = addressOf(route);
      if (route.file === "app/api/[...path]/route.ts") {
        // No route here: every method is told so.
        for (const method of ROUTE_METHODS) {
          const response = await dispatch(new Request(url, { method }));
          expect(response.status, method).toBe(404);
          if (method !== "HEAD") expect((await response.json()).error.code).toBe("not_found");
        }
        return;
      }
      const options = await dispatch(new Request(url, { method: "OPTIONS" }));
      expect(options.status).toBe(200);
      const allow = options.headers.get("allow")!.split(", ");
      expect(allow).toContain("OPTIONS");
      const unsupported = ROUTE_METHODS.filter((method) => !allow.includes(method));
      expect(unsupported.length).toBeGreaterThan(0);
      for (const method of unsupported) {
        const response = await dispatch(
          new Request(url, {
            method,
            headers: { "content-type": "application/json" },
            body: method === "GET" || method === "HEAD" ? undefined : "{}",
          }),
        );
        expect(response.status, `${method} ${url}`).toBe(405);
        expect(response.headers.get("allow")).toBe(options.headers.get("allow"));
        expect(response.headers.get("content-type")).toMatch(/^application\/json/);
        // A HEAD answer's body is dropped on the wire; its headers say what the body would be.
        if (method === "HEAD") continue;
        const body = await response.json();
        expect(body.error).toMatchObject({ code: "method_not_allowed", message: expect.stringContaining(method) });
      }
      if (!catchAll(route) && allow.includes("GET")) {
        const head = await dispatch(new Request(url, { method: "HEAD" }));
        expect(head.headers.get("allow")).toBe(options.headers.get("allow"));
        expect(await head.text()).toBe("");
      }
    });
  }
});

describe("the account routes", () => {
  it("answer a path better-auth does not know with 404 and the JSON error", async () => {
    for (const method of ["GET", "POST"]) {
      const response = await dispatch(
        new Request(`${ORIGIN}/api/auth/no-such-route`, {
          method,
          headers: { "content-type": "application/json" },
          body: method === "POST" ? "{}" : undefined,
        }),
      );
      expect(response.status, method).toBe(404);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      expect((await response.json()).error).toMatchObject({
        code: "not_found",
        message: expect.stringContaining("/api/auth/no-such-route"),
      });
    }
  });

  it("answer PUT, PATCH and DELETE with 405 and the JSON error", async () => {
    for (const method of ["PUT", "PATCH", "DELETE"]) {
      const response = await dispatch(new Request(`${ORIGIN}/api/auth/sign-out`, { method }));
      expect(response.status, method).toBe(405);
      expect(response.headers.get("allow")).toBe("GET, HEAD, POST, OPTIONS");
      expect((await response.json()).error.code).toBe("method_not_allowed");
    }
  });

  it("answer better-auth's own refusals in the contract's error shape", async () => {
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      dispatch(
        new Request(`${ORIGIN}${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: JSON.stringify(body),
        }),
      );
    const wrongPassword = await post("/api/auth/sign-in/email", {
      email: `nobody-${Date.now()}@example.org`,
      password: "not-the-password-1",
    });
    expect(wrongPassword.status).toBe(401);
    expect(await wrongPassword.json()).toEqual({ error: { code: "invalid_email_or_password", message: expect.any(String) } });

    const crossSite = await post("/api/auth/sign-out", {}, { origin: "https://elsewhere.example", cookie: "better-auth.session_token=x" });
    expect(crossSite.status).toBe(403);
    expect((await crossSite.json()).error).toMatchObject({ code: expect.stringMatching(/origin/), message: expect.any(String) });
  });
});

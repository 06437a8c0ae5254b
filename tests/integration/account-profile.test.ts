import { isAPIError } from "better-auth/api";
import { afterAll, describe, expect, it } from "vitest";
import { GET as authGet, POST as authPost } from "@/app/api/auth/[...all]/route";
import { getAuth } from "@/lib/auth";
import { disconnectDb, getDb } from "@/lib/db";
import { runScript } from "./helpers";

process.env.BETTER_AUTH_SECRET ??= "test-secret-for-the-account-profile-tests-0123456789";

const HOST = "127.0.0.1:3000";
const ORIGIN = `http://${HOST}`;
const PASSWORD = "correct horse battery";
const run = Date.now().toString(36);
let counter = 0;
const email = (label: string) => `${label}-${run}-${counter++}@example.org`;

function post(path: string, body: unknown, cookie?: string): Promise<Response> {
  return authPost(
    new Request(`http://localhost:3000/api/auth${path}`, {
      method: "POST",
      headers: { host: HOST, origin: ORIGIN, "content-type": "application/json", ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    }),
  );
}

/** The values a name or an image must not be stored as, with what the error should say. */
const BAD_NAMES: Array<[string, unknown, RegExp]> = [
  ["a million characters", "n".repeat(1_000_000), /at most 100 characters/],
  ["101 characters", "n".repeat(101), /at most 100 characters/],
  ["a NUL", "Ann\u0000Smith", /control characters/],
  ["a line break", "Ann\nSmith", /control characters/],
  ["an unpaired surrogate", "Ann \uD800", /well-formed/],
  ["a number", 42, /must be text/],
  ["an object", { first: "Ann" }, /must be text/],
  ["nothing but spaces", "   ", /must not be empty/],
];
const BAD_IMAGES: Array<[string, unknown]> = [
  ["a script address", "javascript:alert(1)"],
  ["not an address", "my picture"],
  ["a number", 7],
  ["an address of 2,001 characters", `https://example.org/${"p".repeat(1981)}`],
];

function expectBadRequest(response: Response, body: unknown, message?: RegExp) {
  expect(response.status).toBe(400);
  const error = (body as { error: { code: string; message: string; details: unknown[] } }).error;
  expect(error.code).toBe("bad_request");
  if (message) expect(error.message).toMatch(message);
  expect(error.details.length).toBeGreaterThan(0);
}

afterAll(async () => {
  await disconnectDb();
});

describe("a name and an image are checked on sign-up", () => {
  it("refuses each bad name and image through the JSON API with 400 and stores no account", async () => {
    for (const [label, name, message] of BAD_NAMES) {
      const account = email("signup-name");
      const response = await post("/sign-up/email", { email: account, password: PASSWORD, name });
      expectBadRequest(response, await response.json(), message);
      expect(await getDb().user.count({ where: { email: account } }), label).toBe(0);
    }
    for (const [label, image] of BAD_IMAGES) {
      const account = email("signup-image");
      const response = await post("/sign-up/email", { email: account, password: PASSWORD, name: "Ann", image });
      expectBadRequest(response, await response.json());
      expect(await getDb().user.count({ where: { email: account } }), label).toBe(0);
    }
  });

  it("stores a name trimmed, and an http image", async () => {
    const account = email("signup-good");
    const response = await post("/sign-up/email", {
      email: account,
      password: PASSWORD,
      name: "  Ann Smith ",
      image: "https://example.org/ann.png",
    });
    expect(response.status).toBe(200);
    const user = await getDb().user.findUniqueOrThrow({ where: { email: account } });
    expect(user.name).toBe("Ann Smith");
    expect(user.image).toBe("https://example.org/ann.png");
  });

  it("refuses a bad name on the direct call the sign-up form and npm run user:create make", async () => {
    const account = email("signup-direct");
    const refused = await getAuth()
      .api.signUpEmail({ body: { email: account, password: PASSWORD, name: "Ann\u0000" } })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(isAPIError(refused) && refused.statusCode).toBe(400);
    expect((refused as Error).message).toMatch(/control characters/);
    expect(await getDb().user.count({ where: { email: account } })).toBe(0);
  });
});

describe("a name and an image are checked on update-user", () => {
  it("refuses each bad name and image with 400 and changes nothing; takes good ones", async () => {
    const account = email("update");
    const signUp = await post("/sign-up/email", { email: account, password: PASSWORD, name: "Before" });
    const cookie = signUp.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    for (const [label, name, message] of BAD_NAMES) {
      const response = await post("/update-user", { name }, cookie);
      expect(response.status, label).toBe(400);
      expectBadRequest(response, await response.json(), message);
    }
    for (const [label, image] of BAD_IMAGES) {
      const response = await post("/update-user", { image }, cookie);
      expect(response.status, label).toBe(400);
    }
    let user = await getDb().user.findUniqueOrThrow({ where: { email: account } });
    expect(user.name).toBe("Before");
    expect(user.image).toBeNull();

    expect((await post("/update-user", { name: " After ", image: "https://example.org/a.png" }, cookie)).status).toBe(200);
    user = await getDb().user.findUniqueOrThrow({ where: { email: account } });
    expect(user.name).toBe("After");
    expect(user.image).toBe("https://example.org/a.png");
    expect((await post("/update-user", { image: null }, cookie)).status).toBe(200);
    expect((await getDb().user.findUniqueOrThrow({ where: { email: account } })).image).toBeNull();

    const session = await authGet(new Request("http://localhost:3000/api/auth/get-session", { headers: { host: HOST, cookie } }));
    expect(((await session.json()) as { user: { name: string } }).user.name).toBe("After");
  });
});

describe("npm run user:create checks the name as the forms do", () => {
  const createUser = (...args: string[]) =>
    runScript(
      "scripts/create-user.ts",
      { DATABASE_URL: process.env.DATABASE_URL, BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET },
      args,
    );

  it("refuses a name too long or with control characters with one line and exit 1", async () => {
    for (const [name, message] of [
      ["n".repeat(101), /at most 100 characters.*--name/],
      ["Ann\u0007Smith", /control characters.*--name/],
    ] as const) {
      const account = email("cli");
      const result = await createUser("--email", account, "--password", PASSWORD, "--name", name);
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr).toMatch(message);
      expect(await getDb().user.count({ where: { email: account } })).toBe(0);
    }
  });
});

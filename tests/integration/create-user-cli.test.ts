import { afterAll, describe, expect, it } from "vitest";
import { POST as authPost } from "@/app/api/auth/[...all]/route";
import { getSessionUser } from "@/lib/auth";
import { disconnectDb, getDb } from "@/lib/db";
import { runScript } from "./helpers";

process.env.BETTER_AUTH_SECRET ??= "test-secret-for-the-create-user-tests-0123456789";

/** Runs `npm run user:create -- ...args` (scripts/create-user.ts with tsx) against the test database. */
const createUser = (...args: string[]) =>
  runScript("scripts/create-user.ts", { DATABASE_URL: process.env.DATABASE_URL, BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET }, args);

afterAll(async () => {
  await disconnectDb();
});

describe("npm run user:create", () => {
  it("creates an editor who can then sign in, printing one line", async () => {
    const run = await createUser("--email", "Editor.CLI@Example.org", "--password", "a long enough password", "--role", "editor");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split("\n")).toHaveLength(1);
    expect(run.stdout).toMatch(/^created editor editor\.cli@example\.org \(id \S+\)$/m);
    const user = await getDb().user.findUniqueOrThrow({ where: { email: "editor.cli@example.org" } });
    expect(user.role).toBe("editor");

    const signIn = await authPost(
      new Request("http://gloss.test/api/auth/sign-in/email", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "editor.cli@example.org", password: "a long enough password" }),
      }),
    );
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    expect(await getSessionUser(new Request("http://gloss.test/", { headers: { cookie } }))).toEqual({
      id: user.id,
      email: "editor.cli@example.org",
      role: "editor",
    });
  });

  it("creates an annotator by default", async () => {
    const run = await createUser("--email", "reader.cli@example.org", "--password", "another password");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^created annotator reader\.cli@example\.org/);
  });

  it("refuses a bad or duplicate email, a short password and an unknown role with one line and exit 1", async () => {
    const cases: Array<[string[], RegExp]> = [
      [["--email", "not-an-email", "--password", "long enough pw"], /not an email address/],
      [["--email", "editor.cli@example.org", "--password", "long enough pw"], /already exists/],
      [["--email", "short@example.org", "--password", "short"], /at least 8 characters/],
      [["--email", "role@example.org", "--password", "long enough pw", "--role", "admin"], /Unknown role "admin"/],
    ];
    for (const [args, message] of cases) {
      const run = await createUser(...args);
      expect(run.code, args.join(" ")).toBe(1);
      const lines = run.stderr.trim().split("\n");
      expect(lines, run.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(/^gloss: /);
      expect(lines[0]).toMatch(message);
    }
    expect(await getDb().user.count({ where: { email: { in: ["short@example.org", "role@example.org"] } } })).toBe(0);
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { sharedSessionSecret } from "@/lib/accounts/session-secret";
import { disconnectDb, getDb } from "@/lib/db";

const folder = fs.mkdtempSync(path.join(os.tmpdir(), "gloss-session-secret-"));

beforeEach(async () => {
  await getDb().sessionSecret.deleteMany();
});

afterAll(async () => {
  await getDb().sessionSecret.deleteMany();
  fs.rmSync(folder, { recursive: true, force: true });
  await disconnectDb();
});

describe("the session secret kept in the database", () => {
  it("is made once and then read by every later call", async () => {
    const first = await sharedSessionSecret(getDb());
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(await sharedSessionSecret(getDb())).toBe(first);
  });

  it("is the same for servers that start at once", async () => {
    const secrets = await Promise.all(Array.from({ length: 8 }, () => sharedSessionSecret(getDb())));
    expect(new Set(secrets).size).toBe(1);
    expect((await getDb().sessionSecret.findUniqueOrThrow({ where: { id: 1 } })).secret).toBe(secrets[0]);
  });

  it("becomes the secret an older start kept in the data folder, and stays the database's after", async () => {
    const file = path.join(folder, "auth-secret");
    const legacy = "a".repeat(40) + "0123456789";
    fs.writeFileSync(file, `${legacy}\n`);
    expect(await sharedSessionSecret(getDb(), file)).toBe(legacy);
    fs.writeFileSync(file, `${"b".repeat(64)}\n`);
    expect(await sharedSessionSecret(getDb(), file)).toBe(legacy);
  });

  it("ignores a data folder's secret too short to sign with", async () => {
    const file = path.join(folder, "short-secret");
    fs.writeFileSync(file, "short\n");
    expect(await sharedSessionSecret(getDb(), file)).toMatch(/^[0-9a-f]{64}$/);
  });
});

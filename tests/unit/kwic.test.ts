import { describe, expect, it } from "vitest";
import { kwicLine } from "@/lib/entities/kwic";

describe("kwicLine", () => {
  it("drops words cut off at the edges of a full context", () => {
    const line = kwicLine("overned, with Soviet influence, by", "Sheng Shicai", " between 1934 -1943. Following Uy");
    expect(line).toEqual({
      before: "with Soviet influence, by",
      exact: "Sheng Shicai",
      after: " between 1934 -1943. Following",
      moreBefore: true,
      moreAfter: true,
    });
  });

  it("keeps short contexts whole at the start and end of the text", () => {
    expect(kwicLine("", "Sheng", " ruled.")).toEqual({ before: "", exact: "Sheng", after: " ruled.", moreBefore: false, moreAfter: false });
  });

  it("never shows words of the neighbouring passages", () => {
    const line = kwicLine("end of one.\n\nThe leader ", "Mao", " spoke.\n\nNext passage text go");
    expect(line).toMatchObject({ before: "The leader ", after: " spoke.", moreBefore: false, moreAfter: false });
  });
});

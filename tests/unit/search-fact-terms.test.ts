import { describe, expect, it } from "vitest";
import { factTerms } from "@/lib/search/fact-terms";

describe("factTerms", () => {
  it("turns numbers and dates into terms that match however they are written", () => {
    expect(factTerms("forty thousand soldiers")).toEqual(factTerms("40,000 troops"));
    expect(factTerms("on 8 Oct. 1944")).toEqual(factTerms("in October 8, 1944"));
    expect(factTerms("on 8 Oct. 1944")).toEqual(["ymd:1944-10-08", "ym:1944-10", "md:10-08", "y:1944"]);
  });

  it("gives a full date its coarser forms, so it meets a month or a year", () => {
    const full = factTerms("On February 24, 1945, the Council announced");
    const month = factTerms("A decision of Feb. 1945");
    expect(full.filter((t) => month.includes(t))).toEqual(["ym:1945-02", "y:1945"]);
    expect(factTerms("the twelfth of November")).toEqual(["md:11-12"]);
    expect(factTerms("Declares November 12 as Independence Day")).toEqual(["md:11-12"]);
  });

  it("counts numbers inside dates and years as dates only", () => {
    expect(factTerms("At its height in 1946, a total of 40,000 troops")).toEqual(["y:1946", "n:40000"]);
    expect(factTerms("nothing here")).toEqual([]);
  });
});

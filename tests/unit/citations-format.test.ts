import { describe, expect, it } from "vitest";
import { cslDate, cslName, documentCslItem } from "@/lib/citations/csl-item";
import { CITATION_FORMATS, formatData, formatStyled } from "@/lib/citations/format-citation";
import { documentMetadataSchema } from "@/lib/text-model/metadata";

const today = new Date("2026-11-24T12:00:00Z");
const seed = documentMetadataSchema.parse({
  title: "Second East Turkistan Republic",
  titleSupplied: true,
  language: "en",
  author: "unknown",
  publisher: "unknown",
  url: "unknown",
  published: "unknown",
  type: "webpage",
});
const known = documentMetadataSchema.parse({
  title: "The Ili Rebellion",
  language: "en",
  author: "Benson, Linda",
  publisher: "M. E. Sharpe",
  url: "https://example.org/ili",
  published: "1990",
  type: "book",
});
const link = "https://gloss.example/documents/x#p-1";
const seedItem = documentCslItem(seed, { id: "second-east-turkistan-republic", url: link, accessed: today });

describe("the CSL-JSON item of a document", () => {
  it("leaves out what the edition states as unknown, and brackets a supplied title", () => {
    expect(seedItem).toEqual({
      id: "second-east-turkistan-republic",
      type: "webpage",
      title: "[Second East Turkistan Republic]",
      language: "en",
      "citation-key": "second_east_turkistan_republic",
      accessed: { "date-parts": [[2026, 11, 24]] },
      URL: link,
    });
  });

  it("splits an author given as Family, Given and keeps others whole", () => {
    expect(cslName("Benson, Linda")).toEqual({ family: "Benson", given: "Linda" });
    expect(cslName("East Turkistan Information Center")).toEqual({ literal: "East Turkistan Information Center" });
    const item = documentCslItem({ ...known, author: "Benson, Linda; Forbes, Andrew" }, { id: "x", url: link, accessed: today });
    expect(item.author).toEqual([
      { family: "Benson", given: "Linda" },
      { family: "Forbes", given: "Andrew" },
    ]);
  });

  it("reads dates of year, month or day precision", () => {
    expect(cslDate("1945")).toEqual({ "date-parts": [[1945]] });
    expect(cslDate("1945-03")).toEqual({ "date-parts": [[1945, 3]] });
    expect(cslDate("1945-03-04")).toEqual({ "date-parts": [[1945, 3, 4]] });
    expect(cslDate("unknown")).toBeUndefined();
  });
});

describe("styled citations", () => {
  it("makes Chicago's full note with the passage label as locator and today's accessed date", () => {
    const chicago = formatStyled("chicago", seedItem, "§3 ¶4");
    expect(chicago.citation).toBe(`“[Second East Turkistan Republic],” §3 ¶4, accessed November 24, 2026, ${link}.`);
    expect(chicago.short).toBe("“[Second East Turkistan Republic],” §3 ¶4");
    expect(chicago.reference).toBe(`“[Second East Turkistan Republic].” Accessed November 24, 2026. ${link}.`);
  });

  it("makes MLA's works-cited entry and in-text citation", () => {
    const mla = formatStyled("mla", seedItem, "§3 ¶4");
    expect(mla.reference).toBe(`[Second East Turkistan Republic]. ${link}. Accessed 24 Nov. 2026.`);
    expect(mla.inText).toBe("([Second East Turkistan Republic], §3 ¶4)");
    expect(mla.citation).toBe(`${mla.reference}\n${mla.inText}`);
    expect(mla.html).toContain("<i>[Second East Turkistan Republic]</i>");
  });

  it("makes APA's reference with n.d. for an unknown date", () => {
    const apa = formatStyled("apa", seedItem, "¶2");
    expect(apa.reference).toBe(`[Second East Turkistan Republic]. (n.d.). Retrieved November 24, 2026, from ${link}`);
    expect(apa.inText).toBe("([Second East Turkistan Republic], n.d., ¶2)");
  });

  it("names author, publisher and date when they are known", () => {
    const item = documentCslItem(known, { id: "ili", url: link, accessed: today });
    expect(formatStyled("chicago", item, "§1 ¶2").citation).toBe(`Linda Benson, The Ili Rebellion (M. E. Sharpe, 1990), §1 ¶2, ${link}.`);
    expect(formatStyled("mla", item, "§1 ¶2").inText).toBe("(Benson, §1 ¶2)");
    expect(formatStyled("apa", item, "§1 ¶¶2–3").inText).toBe("(Benson, 1990, §1 ¶¶2–3)");
  });

  it("never shows a missing field as undefined, unknown or empty brackets", () => {
    for (const format of ["chicago", "mla", "apa"] as const) {
      const styled = formatStyled(format, seedItem, "§3 ¶4");
      for (const output of [styled.citation, styled.html, styled.reference, styled.short]) {
        expect(output, format).not.toMatch(/undefined|unknown|null|\(\s*\)|\[\s*\]|,\s*,|\.\s*\./);
      }
    }
  });
});

describe("BibTeX, RIS and CSL-JSON", () => {
  const item = documentCslItem(seed, { id: "second-east-turkistan-republic", url: `${link}?quote=a%20b`, accessed: today, note: "§3 ¶4" });

  it("writes BibTeX with the slug as key and the locator as note", () => {
    const bibtex = formatData("bibtex", item);
    expect(bibtex).toMatch(/^@misc\{second_east_turkistan_republic,/);
    expect(bibtex).toContain("note = {\\textsection{}3 \\textparagraph{}4}");
    expect(bibtex).not.toMatch(/undefined|unknown|author/);
  });

  it("writes RIS with whole lines, the permalink unbroken", () => {
    const ris = formatData("ris", item);
    expect(ris.split("\n")[0]).toBe("TY  - ELEC");
    expect(ris).toContain(`UR  - ${link}?quote=a%20b\n`);
    expect(ris).toContain("TI  - [Second East Turkistan Republic]\n");
    expect(ris).toContain("N1  - §3 ¶4\n");
    for (const line of ris.trim().split("\n")) expect(line).toMatch(/^[A-Z][A-Z0-9] {2}-( |$)/);
  });

  it("writes CSL-JSON as an array holding the item", () => {
    expect(JSON.parse(formatData("csl-json", item))).toEqual([item]);
  });

  it("covers every format the API offers", () => {
    expect(CITATION_FORMATS).toEqual(["chicago", "mla", "apa", "bibtex", "ris", "csl-json"]);
  });
});

import { describe, expect, it } from "vitest";
import { quotation, quoteLine } from "@/lib/citations/quotation";

const permalink = "https://gloss.example/documents/x?quote=the%20army&start=4&end=12#p-1";

describe("copying a quotation", () => {
  it("puts the exact words in quotation marks, then the short citation linked to the permalink", () => {
    const { markdown, html } = quotation({ quote: "the army", short: "“[Second East Turkistan Republic],” §3 ¶4", permalink });
    expect(markdown).toBe(`“the army” ([“\\[Second East Turkistan Republic\\],” §3 ¶4](${permalink}))`);
    expect(html).toBe(
      `<p>“the army” (<a href="https://gloss.example/documents/x?quote=the%20army&amp;start=4&amp;end=12#p-1">“[Second East Turkistan Republic],” §3 ¶4</a>)</p>`,
    );
  });

  it("drops the parentheses of an in-text citation rather than doubling them", () => {
    const { markdown } = quotation({ quote: "words", short: "(Benson, 1990, ¶2)", permalink: "https://g/d#p-2" });
    expect(markdown).toBe("“words” ([Benson, 1990, ¶2](https://g/d#p-2))");
  });

  it("escapes markup in the words and puts a link with parentheses in angle brackets", () => {
    const { markdown, html } = quotation({ quote: "a <b> & *c*", short: "S", permalink: "https://g/d#:~:text=(a)" });
    expect(markdown).toBe("“a \\<b\\> & \\*c\\*” ([S](<https://g/d#:~:text=(a)>))");
    expect(html).toContain("“a &lt;b&gt; &amp; *c*”");
  });

  it("marks the breaks between passages with a pilcrow", () => {
    expect(quoteLine("end of one.\n\nStart of the next")).toBe("end of one. ¶ Start of the next");
  });
});

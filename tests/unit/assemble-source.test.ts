import { describe, expect, it } from "vitest";
import { assembleSource, normaliseSourceDate } from "@/lib/sources/assemble-source";
import { ImportFailure, type SourceBlock, type SourceDocument } from "@/lib/sources/source-document";

const source = (
  blocks: SourceBlock[],
  metadata: SourceDocument["metadata"] = {},
  format: SourceDocument["format"] = "html",
): SourceDocument => ({
  format,
  metadata,
  blocks,
});

describe("assembleSource", () => {
  it("makes the shallowest headings sections, drops an opening heading that is the title, and numbers the rest", () => {
    const { parsed } = assembleSource(
      source(
        [
          { kind: "heading", depth: 1, text: "The Ili Rebellion" },
          { kind: "paragraph", text: "An opening paragraph." },
          { kind: "heading", depth: 2, text: "Origins" },
          { kind: "paragraph", text: "First  paragraph\u00a0of origins." },
          { kind: "heading", depth: 3, text: "In Ghulja" },
          { kind: "list_item", text: "One", list: { index: 1, ordered: true, item: 1 } },
          { kind: "quote", text: "A quotation.", quote: 1 },
          { kind: "footnote", text: "A note.", note: "1" },
          { kind: "heading", depth: 2, text: "Aftermath" },
          { kind: "paragraph", text: "   " },
          { kind: "caption", text: "A photograph." },
        ],
        { title: "The Ili Rebellion", authors: ["Ehmetjan Qasimi"], date: "1945-09-13T10:00:00Z", url: "https://example.org/ili" },
      ),
      {},
      "file",
    );
    expect(parsed.metadata).toMatchObject({
      title: "The Ili Rebellion",
      author: "Ehmetjan Qasimi",
      authors: ["Ehmetjan Qasimi"],
      published: "1945-09-13",
      url: "https://example.org/ili",
      publisher: "unknown",
      language: "und",
      type: "webpage",
      format: "html",
    });
    expect(parsed.passages.map((p) => [p.label, p.kind, p.text])).toEqual([
      ["¶1", "paragraph", "An opening paragraph."],
      ["§1", "heading", "Origins"],
      ["§1 ¶1", "paragraph", "First paragraph of origins."],
      ["§1 ¶2", "heading", "In Ghulja"],
      ["§1 ¶3", "list_item", "One"],
      ["§1 ¶4", "quote", "A quotation."],
      ["n. 1", "footnote", "A note."],
      ["§2", "heading", "Aftermath"],
      ["§2 ¶1", "caption", "A photograph."],
    ]);
    expect(parsed.passages[3].attrs).toEqual({ depth: 3 });
    expect(parsed.sections.map((s) => s.title)).toEqual([null, "Origins", "Aftermath"]);
    expect(parsed.text.slice(parsed.passages[2].start, parsed.passages[2].end)).toBe("First paragraph of origins.");
  });

  it("lets the form's fields win over the file's, and takes the opening words of pasted text as a last resort", () => {
    const { parsed } = assembleSource(
      source([{ kind: "paragraph", text: "A short letter. It says little." }], { title: "File title" }),
      { title: "Form title", language: "UG-arab" },
      null,
    );
    expect(parsed.metadata).toMatchObject({ title: "Form title", language: "ug-arab" });
    const pasted = assembleSource(source([{ kind: "paragraph", text: "A short letter. It says little." }]), {}, null);
    expect(pasted.parsed.metadata).toMatchObject({ title: "A short letter", titleSupplied: true });
  });

  it("labels paged passages by page and paragraph on the page", () => {
    const { parsed } = assembleSource(
      source(
        [
          { kind: "paragraph", text: "One.", page: 11 },
          { kind: "paragraph", text: "Two.", page: 12 },
          { kind: "paragraph", text: "Three.", page: 12 },
          { kind: "footnote", text: "Note.", note: "4", page: 12 },
        ],
        {},
        "pdf",
      ),
      {},
      "report",
    );
    expect(parsed.passages.map((p) => [p.label, p.page])).toEqual([
      ["p. 11 ¶1", 11],
      ["p. 12 ¶1", 12],
      ["p. 12 ¶2", 12],
      ["n. 4", 12],
    ]);
  });

  it("places the names a source marks in the assembled text", () => {
    const { parsed, names } = assembleSource(
      source([
        { kind: "paragraph", text: "Intro." },
        {
          kind: "paragraph",
          text: "Ehmetjan met Zhang in Dihua.",
          mentions: [
            { start: 0, end: 8, kind: "person", ref: "#eq" },
            { start: 22, end: 27, kind: "place" },
          ],
        },
      ]),
      {},
      "x",
    );
    expect(names.map((n) => [n.exact, parsed.text.slice(n.start, n.end), n.kind, n.ref])).toEqual([
      ["Ehmetjan", "Ehmetjan", "person", "#eq"],
      ["Dihua", "Dihua", "place", undefined],
    ]);
  });

  it("fails `empty` for no text and `too_large` past the limit", () => {
    expect(() => assembleSource(source([{ kind: "paragraph", text: " \n " }]), {}, "x")).toThrow(ImportFailure);
    try {
      assembleSource(source([{ kind: "paragraph", text: "x".repeat(21 * 1024 * 1024) }]), {}, "x");
      expect.unreachable();
    } catch (error) {
      expect((error as ImportFailure).code).toBe("too_large");
    }
  });

  it("cuts ISO and EDTF dates to what a citation keeps", () => {
    expect(normaliseSourceDate("1944-11-12T08:00:00+06:00")).toBe("1944-11-12");
    expect(normaliseSourceDate("1945-09~")).toBe("1945-09");
    expect(normaliseSourceDate("1944/1949")).toBe("1944");
    expect(normaliseSourceDate("1945-02-31")).toBe("1945");
    expect(normaliseSourceDate("last spring")).toBeNull();
  });
});

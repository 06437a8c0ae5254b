import { describe, expect, it } from "vitest";
import { metadataFields, metadataPatch } from "@/lib/documents/metadata-fields";
import { documentPatchSchema } from "@/lib/documents/revise-document";

describe("the details form of an imported document", () => {
  it("reads the stored metadata: authors one per line, what is unknown left empty", () => {
    expect(
      metadataFields({
        title: "A letter from Ghulja",
        author: "A. Consul; B. Clerk",
        authors: ["A. Consul", "B. Clerk"],
        published: "1944-11-12",
        publisher: "unknown",
        url: "unknown",
        language: "en",
        format: "text",
      }),
    ).toEqual({
      title: "A letter from Ghulja",
      authors: "A. Consul\nB. Clerk",
      date: "1944-11-12",
      publisher: "",
      url: "",
      language: "en",
    });
  });

  it("reads an edition's one author line, and the contract's shape (authors, date)", () => {
    expect(metadataFields({ title: "T", author: "Ehmetjan Qasimi", published: "unknown", language: "ug-Arab" })).toMatchObject({
      authors: "Ehmetjan Qasimi",
      date: "",
      language: "ug-Arab",
    });
    expect(metadataFields({ title: "T", authors: ["X", 3], date: "1945", url: "https://example.org/a" })).toMatchObject({
      authors: "X",
      date: "1945",
      url: "https://example.org/a",
    });
    expect(metadataFields({ title: "T", language: "und" }).language).toBe("");
    expect(metadataFields({})).toEqual({ title: "", authors: "", date: "", publisher: "", url: "", language: "" });
  });

  it("sends every field trimmed, blank author lines dropped, an empty language left out, as PATCH accepts it", () => {
    const patch = metadataPatch({
      title: "  The consul's letter ",
      authors: " A. Consul \r\n\n  B. Clerk\n",
      date: " 1944-11 ",
      publisher: "",
      url: " https://example.org/letter ",
      language: " ",
    });
    expect(patch).toEqual({
      title: "The consul's letter",
      authors: ["A. Consul", "B. Clerk"],
      date: "1944-11",
      publisher: "",
      url: "https://example.org/letter",
    });
    expect(documentPatchSchema.safeParse(patch).success).toBe(true);
  });

  it("round-trips: the fields of a correction's answer are the fields sent", () => {
    const fields = { title: "T", authors: "A\nB", date: "1945", publisher: "P", url: "https://example.org/", language: "de" };
    const patch = metadataPatch(fields);
    expect(
      metadataFields({
        title: patch.title,
        authors: patch.authors,
        published: patch.date,
        publisher: patch.publisher,
        url: patch.url,
        language: patch.language,
      }),
    ).toEqual(fields);
  });
});

import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import {
  attachmentDisposition,
  CSV_COLUMNS,
  exportCollection,
  exportCsv,
  exportFileName,
  exportQuerySchema,
  type ExportedAnnotation,
} from "@/lib/w3c/export-annotations";
import { conformanceFailures } from "../support/w3c-conformance";

const context = { origin: "http://gloss.test", slug: "doc", title: "A document" };
const TRICKY = 'One, two; "three"\nfour =cmd ئۇيغۇرچە يېزىق';

function annotation(overrides: Partial<ExportedAnnotation> = {}): ExportedAnnotation {
  return {
    id: "a1",
    motivation: "commenting",
    entityId: null,
    exact: "Ghulja",
    prefix: "words here: ",
    suffix: " and Ürümchi",
    start: 10,
    end: 16,
    passageId: "p-abc",
    state: "exact",
    visibility: "public",
    created: new Date("2026-01-02T03:04:05.006Z"),
    modified: new Date("2026-01-02T03:04:05.006Z"),
    body: [{ type: "TextualBody", value: "A note.", format: "text/plain" }],
    creatorId: "user-1",
    version: { hash: "f".repeat(64) },
    ...overrides,
  };
}

const rows = (csv: string) => parse(csv, { columns: true }) as Array<Record<string, string>>;

describe("exportCsv", () => {
  it("writes the header row and one record per annotation", () => {
    const csv = exportCsv([annotation(), annotation({ id: "a2" })], context);
    expect(csv.split("\r\n")[0]).toBe(CSV_COLUMNS.join(","));
    const records = rows(csv);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      id: "http://gloss.test/api/documents/doc/annotations/a1",
      motivation: "commenting",
      exact: "Ghulja",
      prefix: "words here: ",
      suffix: " and Ürümchi",
      start: "10",
      end: "16",
      passage_id: "p-abc",
      body_text: "A note.",
      entity: "",
      visibility: "public",
      state: "exact",
      created: "2026-01-02T03:04:05.006Z",
      creator: "http://gloss.test/users/user-1",
    });
  });

  it("quotes commas, quotes and line breaks and keeps non-ASCII text as it is", () => {
    const csv = exportCsv([annotation({ body: [{ type: "TextualBody", value: TRICKY }] })], context);
    expect(csv).toContain('"One, two; ""three""\nfour =cmd ئۇيغۇرچە يېزىق"');
    expect(rows(csv)[0].body_text).toBe(TRICKY);
  });

  it("writes a header only for no annotations", () => {
    const csv = exportCsv([], context);
    expect(rows(csv)).toEqual([]);
    expect(csv).toBe(`${CSV_COLUMNS.join(",")}\r\n`);
  });

  it.each(["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\tx", "＝1"])("guards the formula %j with a leading apostrophe", (value) => {
    const record = rows(exportCsv([annotation({ body: [{ type: "TextualBody", value }], exact: value })], context))[0];
    expect(record.body_text).toBe(`'${value}`);
    expect(record.exact).toBe(`'${value}`);
  });

  it("leaves numbers and ordinary text unguarded", () => {
    const record = rows(exportCsv([annotation({ start: 0, end: 6, body: [{ type: "TextualBody", value: "a = b" }] })], context))[0];
    expect(record.start).toBe("0");
    expect(record.body_text).toBe("a = b");
  });

  it("fills the entity, claim and stance columns of curated annotations", () => {
    const records = rows(
      exportCsv(
        [
          annotation({ id: "m1", motivation: "identifying", entityId: "ehmetjan-qasimi", body: null, creatorId: null }),
          annotation({
            id: "e1",
            motivation: "describing",
            body: null,
            creatorId: null,
            claim: { id: "c1", statement: "The republic was founded in 1944." },
            stance: "contradicts",
          }),
        ],
        context,
      ),
    );
    expect(records[0]).toMatchObject({ entity: "http://gloss.test/entities/ehmetjan-qasimi", creator: "", body_text: "" });
    expect(records[1]).toMatchObject({
      claim: "http://gloss.test/documents/doc?claim=c1",
      stance: "contradicts",
      body_text: "The republic was founded in 1944.",
    });
  });
});

describe("exportCollection", () => {
  it("is an AnnotationCollection with every item inline, each a conformant annotation", () => {
    const items = [annotation(), annotation({ id: "m1", motivation: "identifying", entityId: "ghulja", body: null, creatorId: null })];
    const collection = exportCollection(items, context);
    expect(collection).toMatchObject({
      "@context": "http://www.w3.org/ns/anno.jsonld",
      id: "http://gloss.test/api/documents/doc/annotations/export?format=jsonld",
      type: "AnnotationCollection",
      total: 2,
      first: { type: "AnnotationPage", startIndex: 0 },
    });
    expect(collection.first.items).toHaveLength(2);
    for (const item of collection.first.items) expect(conformanceFailures(item)).toEqual([]);
    expect((collection.first.items[1] as { body?: unknown }).body).toEqual({
      type: "SpecificResource",
      purpose: "identifying",
      source: "http://gloss.test/entities/ghulja",
    });
  });
});

describe("export naming and parameters", () => {
  it("names the file after the document", () => {
    expect(attachmentDisposition(exportFileName("doc", "jsonld"))).toBe('attachment; filename="doc-annotations.jsonld"');
    expect(attachmentDisposition(exportFileName("doc", "csv"))).toBe('attachment; filename="doc-annotations.csv"');
    expect(attachmentDisposition("ürümchi.csv")).toBe(`attachment; filename="_r_mchi.csv"; filename*=UTF-8''%C3%BCr%C3%BCmchi.csv`);
  });

  it("accepts jsonld (the default) and csv, and nothing else", () => {
    expect(exportQuerySchema.parse({})).toEqual({ format: "jsonld" });
    expect(exportQuerySchema.parse({ format: "csv" })).toEqual({ format: "csv" });
    expect(exportQuerySchema.safeParse({ format: "xml" }).success).toBe(false);
    expect(exportQuerySchema.safeParse({ format: "csv", other: "1" }).success).toBe(false);
  });
});

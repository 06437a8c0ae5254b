import { describe, expect, it } from "vitest";
import { parseAndAnchorClaims } from "@/lib/claims/curated-claims";
import { DocumentParseError } from "@/lib/text-model/document-parse-error";
import { parseDocument } from "@/lib/text-model/parse-document";

const doc = parseDocument(
  "---\ntitle: T\nlanguage: en\nauthor: unknown\npublisher: unknown\nurl: unknown\npublished: unknown\n---\n\nThe republic was proclaimed on November 12, 1944 in Ghulja.\n\nIt ended on December 22, 1949, or in 1950 by another account.\n",
);
const entities = new Set(["ghulja"]);
const FILE = "t.claims.yaml";
const parse = (yaml: string) => parseAndAnchorClaims(yaml, FILE, doc.text, doc.passages, "t", entities);
const claim = (extra = "", evidence = '      - stance: supports\n        quote: "proclaimed on {November 12, 1944} in"\n') =>
  `claims:\n  - id: proclaimed\n    statement: The republic was proclaimed on November 12, 1944.\n    kind: date\n    date: { value: 1944-11-12, precision: day }\n    entities: [ghulja]\n${extra}    evidence:\n${evidence}`;

function failure(yaml: string): DocumentParseError {
  try {
    parse(yaml);
  } catch (error) {
    expect(error).toBeInstanceOf(DocumentParseError);
    return error as DocumentParseError;
  }
  throw new Error("expected a DocumentParseError");
}

describe("parseAndAnchorClaims", () => {
  it("anchors evidence by quote with its stance, and reads YAML dates as text", () => {
    const result = parse(claim());
    expect(result.claims[0].date).toEqual({ value: "1944-11-12", precision: "day", approximate: false });
    expect(result.evidence).toHaveLength(1);
    expect(result.evidence[0]).toMatchObject({
      claimId: "proclaimed",
      stance: "supports",
      exact: "November 12, 1944",
      passageId: doc.passages[0].id,
    });
    expect(doc.text.slice(result.evidence[0].start, result.evidence[0].end)).toBe("November 12, 1944");
    expect(parse(claim()).evidence[0].id).toBe(result.evidence[0].id);
  });

  it("anchors conflict sides and links them to claims", () => {
    const yaml = `${claim()}conflicts:\n  - id: end-date\n    reason: Two end dates.\n    sides:\n      - claim: proclaimed\n        quote: "ended on {December 22, 1949}"\n      - quote: "or in {1950} by"\n`;
    const result = parse(yaml);
    expect(result.sides.map((s) => [s.conflictId, s.exact, s.claimId])).toEqual([
      ["end-date", "December 22, 1949", "proclaimed"],
      ["end-date", "1950", undefined],
    ]);
  });

  it("fails with the line and quote when evidence cannot be anchored", () => {
    const error = failure(claim("", '      - stance: supports\n        quote: "proclaimed on {November 13, 1944}"\n'));
    expect(error.line).toBe(9);
    expect(error.reason).toBe('evidence of claim "proclaimed" not found in the text: "proclaimed on {November 13, 1944}"');
  });

  it("rejects an unknown entity, an unknown stance, a date whose form does not match its precision, and a conflict with one side", () => {
    expect(failure(claim().replace("[ghulja]", "[kashgar]")).reason).toMatch(/unknown entity "kashgar"/);
    expect(failure(claim().replace("stance: supports", "stance: proves")).reason).toMatch(/stance/);
    expect(failure(claim().replace("precision: day", "precision: year")).reason).toMatch(/precision must match/);
    const lonely = `${claim()}conflicts:\n  - id: c\n    reason: r\n    sides:\n      - quote: "or in {1950} by"\n`;
    expect(failure(lonely).reason).toMatch(/at least two sides/);
  });

  it("rejects duplicate claim ids and a side naming an unknown claim", () => {
    const twice = claim() + claim().replace("claims:\n", "");
    expect(failure(twice).reason).toBe('duplicate claim id "proclaimed"');
    const unknown = `${claim()}conflicts:\n  - id: c\n    reason: r\n    sides:\n      - claim: nope\n        quote: "or in {1950} by"\n      - quote: "ended on {December 22, 1949}"\n`;
    expect(failure(unknown).reason).toBe('unknown claim "nope" in conflict "c"');
  });
});

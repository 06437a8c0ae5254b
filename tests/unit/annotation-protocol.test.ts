import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { annotationInputSchema, checkMediaType, resolveSelectors } from "@/lib/annotations/protocol";

const TEXT = "Heading\n\nThe river and the river. 👩🏽‍🔬 ئۇيغۇر";

function failure(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("expected an ApiError");
}

describe("resolveSelectors", () => {
  it("checks a position against its quote and fills in 32 characters of context", () => {
    const start = TEXT.indexOf("river");
    const range = resolveSelectors(TEXT, [
      { type: "TextQuoteSelector", exact: "river" },
      { type: "TextPositionSelector", start, end: start + 5 },
    ]);
    expect(range).toEqual({
      start,
      end: start + 5,
      exact: "river",
      prefix: TEXT.slice(0, start),
      suffix: TEXT.slice(start + 5, start + 37),
    });
    expect(
      failure(() =>
        resolveSelectors(TEXT, [
          { type: "TextQuoteSelector", exact: "rover" },
          { type: "TextPositionSelector", start, end: start + 5 },
        ]),
      ).message,
    ).toMatch(/does not match/);
  });

  it("anchors a lone quote only when it occurs once (prefix and suffix narrow it)", () => {
    expect(failure(() => resolveSelectors(TEXT, { type: "TextQuoteSelector", exact: "river" })).message).toMatch(/more than once/);
    expect(resolveSelectors(TEXT, { type: "TextQuoteSelector", exact: "river", prefix: "the " }).start).toBe(TEXT.lastIndexOf("river"));
    expect(resolveSelectors(TEXT, { type: "TextQuoteSelector", exact: "ئۇيغۇر" }).end).toBe(TEXT.length);
    expect(failure(() => resolveSelectors(TEXT, { type: "TextQuoteSelector", exact: "sea" })).status).toBe(422);
  });

  it("rejects empty, outside, whitespace-only and surrogate-splitting ranges with 422", () => {
    const emoji = TEXT.indexOf("👩");
    for (const [start, end, reason] of [
      [3, 3, /empty/],
      [5, TEXT.length + 1, /outside/],
      [7, 9, /whitespace/],
      [emoji + 1, emoji + 4, /splits a character/],
    ] as const) {
      const error = failure(() => resolveSelectors(TEXT, { type: "TextPositionSelector", start, end }));
      expect(error.status).toBe(422);
      expect(error.message).toMatch(reason);
    }
  });
});

describe("checkMediaType", () => {
  it("accepts JSON-LD with the anno profile (or none) and JSON; 415 for anything else", () => {
    for (const ok of [
      'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
      "application/ld+json",
      "application/json; charset=utf-8",
    ])
      expect(() => checkMediaType(ok)).not.toThrow();
    for (const bad of [null, "", "text/plain", 'application/ld+json; profile="http://example.org/x"'])
      expect(failure(() => checkMediaType(bad)).status).toBe(415);
  });
});

describe("annotationInputSchema", () => {
  const valid = {
    "@context": "http://www.w3.org/ns/anno.jsonld",
    type: "Annotation",
    motivation: "commenting",
    body: { type: "TextualBody", value: "x" },
    target: { selector: { type: "TextQuoteSelector", exact: "river" } },
  };
  it("accepts a minimal annotation, defaulting visibility and format", () => {
    expect(annotationInputSchema.parse(valid)).toMatchObject({ visibility: "public", body: { format: "text/plain" } });
  });
  it("rejects unknown fields, the https context, NUL and unpaired surrogates", () => {
    expect(annotationInputSchema.safeParse({ ...valid, extra: 1 }).success).toBe(false);
    expect(annotationInputSchema.safeParse({ ...valid, "@context": "https://www.w3.org/ns/anno.jsonld" }).success).toBe(false);
    expect(annotationInputSchema.safeParse({ ...valid, body: { type: "TextualBody", value: "a\u0000b" } }).success).toBe(false);
    expect(annotationInputSchema.safeParse({ ...valid, body: { type: "TextualBody", value: "a\uD800b" } }).success).toBe(false);
  });
});

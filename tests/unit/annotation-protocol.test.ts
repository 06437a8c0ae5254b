import { describe, expect, it } from "vitest";
import { resolveTarget } from "@/lib/anchoring/anchor";
import { STATUS_OF } from "@/lib/api/errors";
import { checkMediaType as checkRequestMediaType } from "@/lib/api/request-body";
import { suggestedAnnotationId } from "@/lib/annotations/suggested-id";
import { DomainError } from "@/lib/errors";
import { containerPreference } from "@/lib/w3c/container-preference";
import { annotationInputSchema, targetOfSelectors, type Selectors } from "@/lib/w3c/parse-annotation";
import { ANNOTATION_MEDIA_TYPES } from "@/lib/w3c/vocabulary";

const TEXT = "Heading\n\nThe river and the river. 👩🏽‍🔬 ئۇيغۇر";

/** The range a W3C target's selectors name in `text`, as a create resolves them. */
const resolveSelectors = (text: string, selectors: Selectors) => resolveTarget(text, targetOfSelectors(selectors));
/** Whether the annotation routes read a body of this Content-Type. */
const checkMediaType = (header: string | null) => checkRequestMediaType(header, ANNOTATION_MEDIA_TYPES);

/** The refusal `run` throws, with the status the API answers it with. */
function failure(run: () => unknown): { status: number; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return { status: STATUS_OF[error.code], message: error.message };
    throw error;
  }
  throw new Error("expected a DomainError");
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

describe("containerPreference", () => {
  const MINIMAL = "http://www.w3.org/ns/ldp#PreferMinimalContainer";
  const IRIS = "http://www.w3.org/ns/oa#PreferContainedIRIs";
  const DESCRIPTIONS = "http://www.w3.org/ns/oa#PreferContainedDescriptions";

  it("reads the include parameter of return=representation, as the W3C's examples write it", () => {
    expect(containerPreference(`return=representation;include="${MINIMAL}"`)).toEqual({ minimal: true, iris: false });
    expect(containerPreference(`return=representation; include="${MINIMAL} ${IRIS}"`)).toEqual({ minimal: true, iris: true });
    expect(containerPreference(`return=representation;include="${DESCRIPTIONS}"`)).toEqual({ minimal: false, iris: false });
    expect(containerPreference(`respond-async, return=representation;include="${IRIS}"`)).toEqual({ minimal: false, iris: true });
  });

  it("ignores what it does not know: no header, other preferences, omit, a cut-off quote", () => {
    for (const header of [
      null,
      "",
      "return=minimal",
      `return=representation;omit="${MINIMAL}"`,
      `handling=lenient;include="${MINIMAL}"`,
      'return=representation;include="',
    ]) {
      expect(containerPreference(header), String(header)).toEqual({ minimal: false, iris: false });
    }
  });
});

describe("suggestedAnnotationId", () => {
  it("makes a Slug a lower-case ASCII slug, percent-decoded", () => {
    expect(suggestedAnnotationId("trial-anno")).toBe("trial-anno");
    expect(suggestedAnnotationId("Trial Anno!")).toBe("trial-anno");
    expect(suggestedAnnotationId("%C3%9Cr%C3%BCmchi%20note")).toBe("urumchi-note");
  });

  it("gives nothing when no usable id is left or the id is reserved", () => {
    for (const header of [null, "", "%%%", "!!!", "ئۇيغۇر", "export", "import", "m-0123456789abcdef", "e-fedcba9876543210"]) {
      expect(suggestedAnnotationId(header), String(header)).toBeNull();
    }
  });
});

import { z } from "zod";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when PostgreSQL can store `text` unchanged: no NUL character, no unpaired surrogate. */
export const isStorableText = (text: string) => !text.includes("\u0000") && !LONE_SURROGATE.test(text);

/** A text field of at most `max` UTF-16 code units that PostgreSQL can store unchanged (see isStorableText). */
export const storableText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !s.includes("\u0000"), "must not contain NUL characters")
    .refine((s) => !LONE_SURROGATE.test(s), "must not contain unpaired surrogates");

import { z } from "zod";

/** Shortest password accepted (better-auth's default minimum). */
export const MIN_PASSWORD_LENGTH = 8;
/** Longest password accepted. */
export const MAX_PASSWORD_LENGTH = 256;

/** Email and password, as the sign-in form, the sign-up form and `npm run user:create` take them. */
export const credentialsSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ message: "That is not an email address." })),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `The password must be at least ${MIN_PASSWORD_LENGTH} characters long.`)
    .max(MAX_PASSWORD_LENGTH, `The password must be at most ${MAX_PASSWORD_LENGTH} characters long.`),
});

/** Longest display name accepted. */
export const MAX_NAME_LENGTH = 100;
/** Longest picture address accepted. */
export const MAX_IMAGE_LENGTH = 2000;

const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A display name as written, trimmed: at most MAX_NAME_LENGTH characters of text (no control characters, NUL included). */
const nameText = z
  .string({ error: "The name must be text." })
  .trim()
  .max(MAX_NAME_LENGTH, `The name must be at most ${MAX_NAME_LENGTH} characters long.`)
  .refine((name) => !CONTROL_CHARACTER.test(name), "The name must not contain control characters.")
  .refine((name) => !LONE_SURROGATE.test(name), "The name must be well-formed text.");

/** An account's display name, as stored: nameText, and not empty. */
export const nameSchema = nameText.refine((name) => name.length > 0, "The name must not be empty.");

/** An account's picture: an http or https address, or null for none. */
export const imageSchema = z
  .url({ protocol: /^https?$/, error: "The image must be an http or https address." })
  .max(MAX_IMAGE_LENGTH, `The image address must be at most ${MAX_IMAGE_LENGTH} characters long.`)
  .nullable();

/**
 * What an account says about itself, as every path that sets it checks it (the sign-up form and
 * API, update-user, `npm run user:create`): a name (required at sign-up) and a picture.
 */
export const profileSchema = z.object({ name: nameSchema, image: imageSchema }).partial();

/** A new account: credentials and an optional display name (the email's local part otherwise). */
export const signUpSchema = credentialsSchema.extend({ name: nameText.optional() });

/** The first problem of a failed parse, as one sentence. */
export const firstProblem = (error: z.ZodError) => error.issues[0]?.message ?? "The form is not filled in correctly.";

/** The name an account shows: the one given, or the email's local part. */
export const displayName = (name: string | undefined, email: string) => name?.trim() || email.split("@")[0];

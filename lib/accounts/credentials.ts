import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "../auth";

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

/** A new account: credentials and an optional display name (the email's local part otherwise). */
export const signUpSchema = credentialsSchema.extend({
  name: z.string().trim().max(100, "The name must be at most 100 characters long.").optional(),
});

/** The first problem of a failed parse, as one sentence. */
export const firstProblem = (error: z.ZodError) => error.issues[0]?.message ?? "The form is not filled in correctly.";

/** The name an account shows: the one given, or the email's local part. */
export const displayName = (name: string | undefined, email: string) => name?.trim() || email.split("@")[0];

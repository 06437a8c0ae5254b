"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { checkWriteLimit } from "@/lib/accounts/write-limit";
import { preconditionOf } from "@/lib/etag";
import { deleteAnnotation } from "@/lib/annotations/delete-annotation";
import { sessionUserFrom } from "@/lib/auth";
import { DomainError } from "@/lib/errors";

const removeSchema = z.object({
  id: z.string().min(1).max(200),
  etag: z.string().min(1).max(200),
  page: z.coerce.number().int().min(0).default(0),
});

/**
 * An editor removes a reader's public annotation (and its replies). The ETag the page was shown
 * with goes as If-Match, so a note edited since is not removed unseen.
 */
export async function removeAnnotationAction(form: FormData): Promise<void> {
  const parsed = removeSchema.safeParse(Object.fromEntries(form));
  const back = (query: string) => redirect(`/moderation?${query}`);
  if (!parsed.success) back("error=invalid");
  const { id, etag, page } = parsed.data!;
  const user = await sessionUserFrom(await headers());
  if (!user) redirect("/sign-in?next=%2Fmoderation");
  if (user.role !== "editor") back("error=forbidden");
  let outcome = "removed=1";
  try {
    await checkWriteLimit(user.id);
    await deleteAnnotation({ id }, user, preconditionOf(etag));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    outcome = error.code === "precondition_failed" ? "error=changed" : error.code === "not_found" ? "error=gone" : "error=forbidden";
  }
  back(`${outcome}${page ? `&page=${page}` : ""}`);
}

"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { sessionUserFrom } from "@/lib/auth";
import { deleteAnnotation } from "@/lib/annotations/writes";

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
    await deleteAnnotation({ id }, user, etag);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    outcome = error.status === 412 ? "error=changed" : error.status === 404 ? "error=gone" : "error=forbidden";
  }
  back(`${outcome}${page ? `&page=${page}` : ""}`);
}

"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { checkWriteLimit } from "@/lib/accounts/write-limit";
import { preconditionOf } from "@/lib/etag";
import { sessionUserFrom } from "@/lib/auth";
import { claimPatchSchema, deleteClaim, patchClaim } from "@/lib/claims/user-claims";
import { DomainError } from "@/lib/errors";
import { firstProblemLine } from "@/lib/validation/issues";

function target(form: FormData) {
  const slug = String(form.get("slug") ?? "");
  const id = String(form.get("id") ?? "");
  return { slug, id, page: `/documents/${encodeURIComponent(slug)}/claims/${encodeURIComponent(id)}` };
}

async function editor(page: string) {
  const user = await sessionUserFrom(await headers());
  if (!user) redirect(`/sign-in?next=${encodeURIComponent(page)}`);
  return user;
}

/**
 * An editor (or the claim's maker) changes its statement, kind and date: validated with the same
 * schema as `PATCH /api/claims/:id`, guarded by the ETag the page was shown with.
 */
export async function updateClaimAction(form: FormData): Promise<void> {
  const { id, page } = target(form);
  const user = await editor(page);
  const dateValue = String(form.get("date") ?? "").trim();
  const dateEnd = String(form.get("end") ?? "").trim();
  const parsed = claimPatchSchema.safeParse({
    statement: String(form.get("statement") ?? ""),
    kind: String(form.get("kind") ?? ""),
    date: dateValue ? { value: dateValue, approximate: form.get("approximate") === "on", ...(dateEnd ? { end: dateEnd } : {}) } : null,
  });
  if (!parsed.success) redirect(`${page}?error=${encodeURIComponent(firstProblemLine(parsed.error))}`);
  let outcome = "saved=1";
  try {
    await checkWriteLimit(user.id);
    await patchClaim(id, user, parsed.data!, preconditionOf(String(form.get("etag") ?? "")));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    outcome = `error=${encodeURIComponent(error.message)}`;
  }
  redirect(`${page}?${outcome}`);
}

/** Deletes the claim and its evidence, then returns to the reader. */
export async function deleteClaimAction(form: FormData): Promise<void> {
  const { slug, id, page } = target(form);
  const user = await editor(page);
  try {
    await checkWriteLimit(user.id);
    await deleteClaim(id, user, preconditionOf(String(form.get("etag") ?? "")));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    redirect(`${page}?error=${encodeURIComponent(error.message)}`);
  }
  redirect(`/documents/${encodeURIComponent(slug)}?deleted-claim=${encodeURIComponent(id)}`);
}

"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { ApiError } from "@/lib/api/errors";
import { ifMatchAllows } from "@/lib/api/json-body";
import { sessionUserFrom } from "@/lib/auth";
import { entityPatchSchema, patchEntity } from "@/lib/entities/user-entities";

const lines = (value: FormDataEntryValue | null) =>
  String(value ?? "")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);

/**
 * An editor (or the reader who made the entity) changes its name, kind, other names and
 * description: validated with the same schema as `PATCH /api/entities/:id`, guarded by the ETag
 * the page was shown with.
 */
export async function updateEntityAction(form: FormData): Promise<void> {
  const id = String(form.get("id") ?? "");
  const back = (query: string) => redirect(`/entities/${encodeURIComponent(id)}?${query}#edit`);
  const user = await sessionUserFrom(await headers());
  if (!user) redirect(`/sign-in?next=${encodeURIComponent(`/entities/${id}`)}`);
  const parsed = entityPatchSchema.safeParse({
    name: String(form.get("name") ?? ""),
    kind: String(form.get("kind") ?? ""),
    aliases: lines(form.get("aliases")),
    description: String(form.get("description") ?? ""),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    back(`error=${encodeURIComponent(`${issue?.path.join(".") || "form"}: ${issue?.message ?? "not valid"}`)}`);
  }
  let outcome = "saved=1";
  try {
    await patchEntity(id, user!, parsed.data!, (etag) => ifMatchAllows(String(form.get("etag") ?? ""), etag));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    outcome = `error=${encodeURIComponent(error.message)}`;
  }
  back(outcome);
}

"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { checkWriteLimit } from "@/lib/accounts/write-limit";
import { preconditionOf } from "@/lib/etag";
import { sessionUserFrom } from "@/lib/auth";
import { entityPatchSchema, patchEntity } from "@/lib/entities/user-entities";
import { DomainError } from "@/lib/errors";
import { firstProblemLine } from "@/lib/validation/issues";

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
  if (!parsed.success) back(`error=${encodeURIComponent(firstProblemLine(parsed.error))}`);
  let outcome = "saved=1";
  try {
    await checkWriteLimit(user!.id);
    await patchEntity(id, user!, parsed.data!, preconditionOf(String(form.get("etag") ?? "")));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    outcome = `error=${encodeURIComponent(error.message)}`;
  }
  back(outcome);
}

/** A form field as a number of degrees, or what zod refuses when it is not one (empty, words). */
const degrees = (value: FormDataEntryValue | null) => {
  const text = String(value ?? "").trim();
  return text === "" ? undefined : Number(text);
};

/**
 * An editor sets a place's coordinates (both fields) or removes them (both empty): validated with
 * the same schema as `PATCH /api/entities/:id`, guarded by the ETag the page was shown with.
 */
export async function updateCoordinatesAction(form: FormData): Promise<void> {
  const id = String(form.get("id") ?? "");
  const back = (query: string) => redirect(`/entities/${encodeURIComponent(id)}?${query}#coordinates`);
  const user = await sessionUserFrom(await headers());
  if (!user) redirect(`/sign-in?next=${encodeURIComponent(`/entities/${id}`)}`);
  const latitude = degrees(form.get("latitude"));
  const longitude = degrees(form.get("longitude"));
  const parsed = entityPatchSchema.safeParse({
    coordinates: latitude === undefined && longitude === undefined ? null : { latitude, longitude },
  });
  if (!parsed.success) back(`coordinatesError=${encodeURIComponent(firstProblemLine(parsed.error))}`);
  let outcome = "coordinatesSaved=1";
  try {
    await checkWriteLimit(user!.id);
    await patchEntity(id, user!, parsed.data!, preconditionOf(String(form.get("etag") ?? "")));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    outcome = `coordinatesError=${encodeURIComponent(error.message)}`;
  }
  back(outcome);
}

"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { checkWriteLimit } from "@/lib/accounts/write-limit";
import { preconditionOf } from "@/lib/etag";
import { reviewAnchor } from "@/lib/annotations/anchor-review";
import { sessionUserFrom } from "@/lib/auth";
import { DomainError } from "@/lib/errors";

const formSchema = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("attach"),
    id: z.string().min(1).max(200),
    etag: z.string().min(1).max(200),
    exact: z.string().max(10_000),
  }),
  z.object({ action: z.enum(["confirm", "dismiss", "detach"]), id: z.string().min(1).max(200), etag: z.string().min(1).max(200) }),
]);

/**
 * An editor reviews an anchor from the queue: attaches an orphan (or corrects a fuzzy anchor) to
 * words of the current text given as a quote, confirms or detaches a fuzzy anchor, or dismisses an
 * orphan. The ETag the page was shown with goes as If-Match.
 */
export async function anchorReviewAction(form: FormData): Promise<void> {
  const parsed = formSchema.safeParse(Object.fromEntries(form));
  const back = (query: string) => redirect(`/moderation/anchors?${query}`);
  if (!parsed.success) back("error=invalid");
  const input = parsed.data!;
  const user = await sessionUserFrom(await headers());
  if (!user) redirect("/sign-in?next=%2Fmoderation%2Fanchors");
  if (user.role !== "editor") back("error=forbidden");
  if (input.action === "attach" && input.exact.trim() === "") back("error=empty");
  let outcome = `done=${input.action}`;
  try {
    await checkWriteLimit(user.id);
    await reviewAnchor(
      { id: input.id },
      user,
      input.action === "attach" ? { action: "attach", exact: input.exact } : { action: input.action },
      preconditionOf(input.etag),
    );
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    outcome =
      error.code === "precondition_failed"
        ? "error=changed"
        : error.code === "not_found"
          ? "error=gone"
          : error.code === "invalid"
            ? `error=notfound&quote=${encodeURIComponent(input.action === "attach" ? input.exact.slice(0, 200) : "")}`
            : error.code === "conflict"
              ? "error=state"
              : "error=forbidden";
  }
  back(outcome);
}

import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { sessionUserFrom } from "@/lib/auth";
import { MODERATION_PAGE_SIZE, recentPublicAnnotations } from "@/lib/annotations/moderation";
import { removeAnnotationAction } from "./actions";
import styles from "./moderation.module.css";

export const metadata: Metadata = { title: "Moderation" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const MESSAGES: Record<string, string> = {
  removed: "The note was removed.",
  changed: "That note was changed since this page was shown: look at it again before removing it.",
  gone: "That note no longer exists.",
  forbidden: "Only editors may remove readers' notes.",
  invalid: "That request was not understood.",
};

const MOTIVATION_LABELS: Record<string, string> = {
  commenting: "comment",
  tagging: "tags",
  replying: "reply",
  identifying: "identification",
  linking: "claim evidence",
  highlighting: "highlight",
  questioning: "question",
  describing: "description",
  bookmarking: "bookmark",
};

// Editors review readers' public annotations, newest first, and remove what does not belong.
export default async function ModerationPage({ searchParams }: Props) {
  const query = await searchParams;
  const user = await sessionUserFrom(await headers());
  if (!user)
    return (
      <div className={styles.page}>
        <h1>Moderation</h1>
        <p>
          <Link href="/sign-in?next=%2Fmoderation">Sign in</Link> with an editor’s account to moderate.
        </p>
      </div>
    );
  if (user.role !== "editor")
    return (
      <div className={styles.page}>
        <h1>Moderation</h1>
        <p role="alert">Only editors moderate. Your account ({user.email}) is an annotator’s.</p>
      </div>
    );
  const page = Math.max(0, Math.min(100_000, Number(query.page) || 0));
  const { total, items } = await recentPublicAnnotations(user, page);
  const notice = query.removed ? MESSAGES.removed : typeof query.error === "string" ? MESSAGES[query.error] : undefined;
  const last = Math.max(0, Math.ceil(total / MODERATION_PAGE_SIZE) - 1);
  return (
    <div className={styles.page}>
      <h1>Moderation</h1>
      <p>
        Readers’ public notes, newest first: {total} in all. Private notes are their authors’ alone and are not listed. Removing a note
        removes its replies. Annotations whose words changed with the text wait in <Link href="/moderation/anchors">Anchors to review</Link>
        .
      </p>
      {notice ? (
        <p role="status" className={styles.notice}>
          {notice}
        </p>
      ) : null}
      {items.length === 0 ? <p>No public notes yet.</p> : null}
      <ol className={styles.list} start={page * MODERATION_PAGE_SIZE + 1}>
        {items.map((item) => (
          <li key={item.id} className={styles.item} data-moderation-item={item.id}>
            <p className={styles.meta}>
              {item.author ? <Link href={`/users/${encodeURIComponent(item.author.id)}`}>{item.author.name}</Link> : "A reader"} ·{" "}
              {MOTIVATION_LABELS[item.motivation] ?? item.motivation} on{" "}
              <Link href={`/documents/${item.document.slug}#${item.passage.id}`}>
                {item.document.title}, {item.passage.label}
              </Link>{" "}
              · <time dateTime={item.created.toISOString()}>{item.created.toISOString().slice(0, 16).replace("T", " ")} UTC</time>
            </p>
            <blockquote className={styles.quote}>{item.exact}</blockquote>
            {item.text ? <p className={styles.text}>{item.text}</p> : null}
            <form action={removeAnnotationAction}>
              <input type="hidden" name="id" value={item.id} />
              <input type="hidden" name="etag" value={item.etag} />
              <input type="hidden" name="page" value={page} />
              <button
                type="submit"
                className={styles.remove}
                aria-label={`Remove the ${MOTIVATION_LABELS[item.motivation] ?? "note"} by ${item.author?.name ?? "a reader"} on ${item.passage.label}`}
              >
                Remove
              </button>
            </form>
          </li>
        ))}
      </ol>
      {last > 0 ? (
        <nav aria-label="Pages" className={styles.pages}>
          {page > 0 ? <Link href={`/moderation?page=${page - 1}`}>Newer</Link> : null}
          <span>
            Page {page + 1} of {last + 1}
          </span>
          {page < last ? <Link href={`/moderation?page=${page + 1}`}>Older</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}

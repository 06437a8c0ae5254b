import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { ANCHOR_QUEUE_LIMIT, anchorQueue } from "@/lib/annotations/anchor-queue";
import { sessionUserFrom } from "@/lib/auth";
import { anchorReviewAction } from "./actions";
import styles from "../moderation.module.css";

export const metadata: Metadata = { title: "Anchors to review" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const DONE: Record<string, string> = {
  attach: "The annotation is attached to the words you gave.",
  confirm: "The fuzzy anchor is confirmed.",
  dismiss: "The anchor is dismissed from the queue; the annotation stays listed as orphaned.",
  detach: "The anchor is detached: the annotation is an orphan again, with the words it had before.",
};
const ERRORS: Record<string, string> = {
  changed: "That annotation changed since this page was shown: look at it again.",
  gone: "That annotation no longer exists.",
  forbidden: "Only editors review anchors.",
  invalid: "That request was not understood.",
  empty: "Give the words to attach the annotation to.",
  notfound: "Those words are not in the current text: copy them exactly from the reader, or select them there.",
  state: "That anchor is no longer waiting for review.",
};

const describe = (item: Awaited<ReturnType<typeof anchorQueue>>["items"][number]) =>
  item.what.kind === "entity"
    ? `Mention of ${item.what.text}`
    : item.what.kind === "claim"
      ? `Evidence for the claim “${item.what.text}”`
      : item.what.kind === "conflict"
        ? `Side of a conflict: ${item.what.text}`
        : `${item.motivation === "tagging" ? "Tags" : "Note"} by ${item.author?.name ?? "a reader"}${item.what.text ? `: ${item.what.text}` : ""}`;

// Editors review the anchors that changes to the text left uncertain: re-attach or dismiss
// orphans, confirm, correct or detach fuzzy anchors.
export default async function AnchorQueuePage({ searchParams }: Props) {
  const query = await searchParams;
  const user = await sessionUserFrom(await headers());
  if (!user)
    return (
      <div className={styles.page}>
        <h1>Anchors to review</h1>
        <p>
          <Link href="/sign-in?next=%2Fmoderation%2Fanchors">Sign in</Link> with an editor’s account to review anchors.
        </p>
      </div>
    );
  if (user.role !== "editor")
    return (
      <div className={styles.page}>
        <h1>Anchors to review</h1>
        <p role="alert">Only editors review anchors. Your account ({user.email}) is an annotator’s.</p>
      </div>
    );
  const { total, items } = await anchorQueue(user);
  const done = typeof query.done === "string" ? DONE[query.done] : undefined;
  const error = typeof query.error === "string" ? ERRORS[query.error] : undefined;
  return (
    <div className={styles.page}>
      <h1>Anchors to review</h1>
      <p>
        When a text changes, every annotation follows its words or, when they are gone, is kept as an <strong>orphan</strong> with its last
        words. An annotation placed on near-equal words is <strong>fuzzy</strong>. Both wait here for an editor: {total} in all
        {total > items.length ? `, the first ${ANCHOR_QUEUE_LIMIT} shown` : ""}. <Link href="/moderation">Readers’ notes</Link>
      </p>
      {done || error ? (
        <p role={error ? "alert" : "status"} className={styles.notice}>
          {done ?? error}
        </p>
      ) : null}
      {items.length === 0 ? <p>Nothing to review: every annotation is on its words.</p> : null}
      <ol className={styles.list}>
        {items.map((item) => {
          const reader = `/documents/${encodeURIComponent(item.document.slug)}`;
          const history = `${reader}/v/${item.version.number}#${encodeURIComponent(item.passage.id)}`;
          const headingId = `anchor-${item.id}`;
          return (
            <li key={item.id} className={styles.item} data-anchor-item={item.id} data-state={item.state} aria-labelledby={headingId}>
              <h2 id={headingId} className={styles.itemHeading}>
                <span className={styles.badge}>{item.state === "orphaned" ? "Orphaned" : "Fuzzy"}</span> {describe(item)}
              </h2>
              <p className={styles.meta}>
                {item.document.title} · {item.state === "orphaned" ? "last in" : "now in"}{" "}
                {item.state === "orphaned" ? (
                  <Link href={history}>
                    version {item.version.number}, {item.passage.label}
                  </Link>
                ) : (
                  <Link href={`${reader}#${encodeURIComponent(item.passage.id)}`}>{item.passage.label}</Link>
                )}
                {item.document.currentVersion !== null ? ` · the text is at version ${item.document.currentVersion}` : ""}
              </p>
              {item.state === "fuzzy" ? (
                <p>
                  Was on <q className={styles.was}>{item.priorExact ?? "?"}</q>, now on <q className={styles.now}>{item.exact}</q>
                  <span className={styles.context}>
                    {" "}
                    (…{item.prefix}
                    <mark>{item.exact}</mark>
                    {item.suffix}…)
                  </span>
                </p>
              ) : (
                <blockquote className={styles.quote}>
                  …{item.prefix}
                  <mark>{item.exact}</mark>
                  {item.suffix}…
                </blockquote>
              )}
              <div className={styles.actionsRow}>
                {item.state === "fuzzy" ? (
                  <>
                    <form action={anchorReviewAction}>
                      <input type="hidden" name="id" value={item.id} />
                      <input type="hidden" name="etag" value={item.etag} />
                      <button type="submit" name="action" value="confirm">
                        Confirm
                      </button>{" "}
                      <button type="submit" name="action" value="detach">
                        Not these words: detach
                      </button>
                    </form>
                  </>
                ) : (
                  <form action={anchorReviewAction}>
                    <input type="hidden" name="id" value={item.id} />
                    <input type="hidden" name="etag" value={item.etag} />
                    <button type="submit" name="action" value="dismiss">
                      Dismiss
                    </button>
                  </form>
                )}
                <Link href={`${reader}?reattach=${encodeURIComponent(item.id)}`}>
                  {item.state === "fuzzy" ? "Correct it" : "Re-attach it"} by selecting words in the reader
                </Link>
              </div>
              <form action={anchorReviewAction} className={styles.attach}>
                <input type="hidden" name="id" value={item.id} />
                <input type="hidden" name="etag" value={item.etag} />
                <input type="hidden" name="action" value="attach" />
                <label htmlFor={`attach-${item.id}`}>Or attach it to these words of the current text</label>
                <input id={`attach-${item.id}`} name="exact" defaultValue={item.exact} required maxLength={10000} />
                <button type="submit">Attach</button>
              </form>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

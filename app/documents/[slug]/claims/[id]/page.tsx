import type { Metadata } from "next";
import { pageViewer } from "@/app/page-viewer";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { CLAIM_KIND_LABELS, STANCE_LABELS } from "@/lib/claims/claim-kinds";
import { getClaim } from "@/lib/claims/queries";
import { currentClaimEtag } from "@/lib/claims/user-claims";
import { deleteClaimAction, updateClaimAction } from "./actions";
import styles from "../../../../moderation/moderation.module.css";
import claimStyles from "./claim.module.css";
import { isId } from "@/lib/validation/ids";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ slug: string; id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const load = cache(async (slug: string, id: string) => {
  if (!isId(id)) return null;
  const claim = await getClaim(id, await pageViewer());
  return claim && claim.document.slug === slug ? claim : null;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, id } = await params;
  const claim = await load(slug, id);
  return { title: claim ? `Claim: ${claim.statement}` : "Not found" };
}

// One claim: its statement, date and evidence; editors (and the reader who made it) edit it here.
export default async function ClaimPage({ params, searchParams }: Props) {
  const { slug, id } = await params;
  const claim = await load(slug, id);
  if (!claim) notFound();
  const query = await searchParams;
  const viewer = await pageViewer();
  const mayEdit = !!viewer && (viewer.role === "editor" || (claim.origin === "user" && claim.createdBy?.id === viewer.id));
  const etag = mayEdit ? await currentClaimEtag(claim.id) : null;
  const reader = `/documents/${encodeURIComponent(slug)}`;
  return (
    <div className={styles.page}>
      <p>
        <Link href={reader}>{claim.document.title}</Link>
      </p>
      <h1 className={claimStyles.statement}>{claim.statement}</h1>
      <dl className="entity-facts">
        <dt>Kind</dt>
        <dd>{claim.kind}</dd>
        {claim.date ? (
          <>
            <dt>Date</dt>
            <dd>
              {claim.date.approximate ? "about " : ""}
              {claim.date.value}
              {claim.date.end ? ` to ${claim.date.end}` : ""}
            </dd>
          </>
        ) : null}
        <dt>Made by</dt>
        <dd>
          {claim.origin === "curated" ? (
            "the edition’s editors"
          ) : claim.createdBy ? (
            <Link href={`/users/${encodeURIComponent(claim.createdBy.id)}`}>{claim.createdBy.name}</Link>
          ) : (
            "a reader"
          )}
        </dd>
      </dl>
      <p>
        <Link href={`${reader}?claim=${encodeURIComponent(claim.id)}#${claim.evidence[0]?.passageId ?? ""}`}>
          Show its evidence in the text
        </Link>
      </p>
      <h2>Evidence</h2>
      <ul className={styles.list}>
        {claim.evidence.map((e) => (
          <li key={e.annotationId} className={styles.item} data-stance={e.stance}>
            <p className={styles.meta}>
              {STANCE_LABELS[e.stance]} · <Link href={`${reader}#${e.passageId}`}>{e.passageLabel}</Link>
            </p>
            <blockquote className={styles.quote}>{e.exact}</blockquote>
          </li>
        ))}
      </ul>
      {mayEdit && etag ? (
        <section aria-labelledby="edit-claim" id="edit">
          <h2 id="edit-claim">Edit this claim</h2>
          {query.saved ? <p role="status">Saved.</p> : null}
          {typeof query.error === "string" ? <p role="alert">{query.error.slice(0, 300)}</p> : null}
          {claim.origin === "curated" ? (
            <p>This claim comes from the edition’s curated file: a change made here lasts until that file next changes.</p>
          ) : null}
          <form action={updateClaimAction} className={styles.form} aria-label="Edit the claim">
            <input type="hidden" name="slug" value={slug} />
            <input type="hidden" name="id" value={claim.id} />
            <input type="hidden" name="etag" value={etag} />
            <label htmlFor="claim-statement">Statement</label>
            <textarea id="claim-statement" name="statement" rows={3} maxLength={1000} required defaultValue={claim.statement} />
            <label htmlFor="claim-kind">Kind</label>
            <select id="claim-kind" name="kind" defaultValue={claim.kind}>
              {Object.keys(CLAIM_KIND_LABELS).map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
            <label htmlFor="claim-date">Date (YYYY, YYYY-MM or YYYY-MM-DD; empty for none)</label>
            <input id="claim-date" name="date" defaultValue={claim.date?.value ?? ""} pattern="\d{4}(-\d{2}(-\d{2})?)?" />
            <label htmlFor="claim-end">Until (for a period; empty otherwise)</label>
            <input id="claim-end" name="end" defaultValue={claim.date?.end ?? ""} pattern="\d{4}(-\d{2}(-\d{2})?)?" />
            <label>
              <input type="checkbox" name="approximate" defaultChecked={claim.date?.approximate ?? false} /> approximate
            </label>
            <button type="submit">Save the claim</button>
          </form>
          <form action={deleteClaimAction} className={styles.form}>
            <input type="hidden" name="slug" value={slug} />
            <input type="hidden" name="id" value={claim.id} />
            <input type="hidden" name="etag" value={etag} />
            <button type="submit" className={styles.remove}>
              Delete this claim and its evidence
            </button>
          </form>
        </section>
      ) : null}
    </div>
  );
}

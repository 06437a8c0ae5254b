import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { pageViewer } from "@/app/page-viewer";
import { getDb } from "@/lib/db";
import { getDocument } from "@/lib/documents/queries";
import { listProposals } from "@/lib/entities/review-proposals";
import { DomainError } from "@/lib/errors";
import { isId } from "@/lib/validation/ids";
import { pendingDateProposals } from "./date-proposals";
import { DateQueue } from "./date-queue";
import { ReviewQueue } from "./review-queue";
import styles from "./review.module.css";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

/**
 * What the review queue shows, for someone who may review the document's proposals (its owner,
 * or an editor when it is public); null for anyone else, who is answered as for an unknown slug.
 */
const load = cache(async (slug: string) => {
  if (!isId(slug)) return null;
  const viewer = await pageViewer();
  let proposals;
  try {
    // First: it decides whether the proposals, and so this page, exist for the viewer.
    proposals = await listProposals(getDb(), slug, viewer);
  } catch (error) {
    if (error instanceof DomainError && error.code === "not_found") return null;
    throw error;
  }
  const document = await getDocument(slug, viewer);
  if (!document) return null;
  const dates = await pendingDateProposals(slug);
  return { document, proposals, dates };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const loaded = await load((await params).slug);
  return { title: loaded ? `Review names in ${loaded.document.title}` : "Not found" };
}

// The review queue: the names an import proposes in the document, grouped, to accept, reject,
// link, merge or split; and the dated statements proposed for its timeline.
export default async function ReviewPage({ params }: Props) {
  const { slug } = await params;
  const loaded = await load(slug);
  if (!loaded) notFound();
  const { document, proposals, dates } = loaded;
  const passageLabels = Object.fromEntries(document.passages.map((p) => [p.id, p.label]));
  return (
    <div className={styles.page}>
      <p className="breadcrumbs">
        <Link href={`/documents/${slug}`}>{document.title}</Link>
      </p>
      <h1>Review proposed names</h1>
      <ReviewQueue slug={slug} initial={proposals} passageLabels={passageLabels} />
      <section aria-labelledby="dates-heading" className={styles.dates}>
        <h2 id="dates-heading">Dates for the timeline</h2>
        <DateQueue slug={slug} initial={dates} passageLabels={passageLabels} />
      </section>
    </div>
  );
}

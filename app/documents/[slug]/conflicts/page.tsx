import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDocumentClaims, getDocumentConflicts } from "@/lib/claims/queries";
import { getDocument } from "@/lib/documents/queries";
import { segmentText } from "@/lib/text-model/segment-text";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const document = await getDocument((await params).slug);
  return { title: document ? `Conflicts in ${document.title}` : "Not found" };
}

// Where the text contradicts itself: each conflict's sides next to each other, in their passages.
export default async function ConflictsPage({ params }: Props) {
  const { slug } = await params;
  if (!/^[a-z0-9-]{1,200}$/.test(slug)) notFound();
  const [document, conflicts, claims] = await Promise.all([getDocument(slug), getDocumentConflicts(slug), getDocumentClaims(slug)]);
  if (!document || !conflicts) notFound();
  const passages = new Map(document.passages.map((p) => [p.id, p]));
  const statements = new Map((claims ?? []).map((c) => [c.id, c.statement]));

  return (
    <div className="conflicts-page">
      <p className="breadcrumbs">
        <Link href={`/documents/${slug}`}>{document.title}</Link>
      </p>
      <h1>Where the text contradicts itself</h1>
      <p>
        {conflicts.length === 0
          ? "No conflicts are recorded for this text."
          : `${conflicts.length} places where passages of the text cannot all be right. Each side is shown in its passage, with the words in question marked.`}
      </p>
      {conflicts.map((conflict, index) => (
        <section key={conflict.id} id={conflict.id} className="conflict" aria-labelledby={`${conflict.id}-title`}>
          <h2 id={`${conflict.id}-title`}>
            <span className="conflict-number">{index + 1}.</span> {conflict.reason}
          </h2>
          <div className="conflict-sides">
            {conflict.sides.map((side, i) => {
              const passage = passages.get(side.passageId);
              return (
                <figure key={side.annotationId} className="conflict-side">
                  <figcaption>
                    <span className="side-name">Side {String.fromCharCode(65 + i)}</span>{" "}
                    {/* A full navigation, so the browser scrolls to and highlights the passage (:target). */}
                    <a href={`/documents/${slug}#${side.passageId}`}>{side.passageLabel}</a>
                    {side.claimId && statements.has(side.claimId) ? (
                      <>
                        {" · "}
                        <a href={`/documents/${slug}?claim=${side.claimId}#${side.passageId}`}>{statements.get(side.claimId)}</a>
                      </>
                    ) : null}
                  </figcaption>
                  <blockquote cite={`/documents/${slug}#${side.passageId}`}>
                    {passage
                      ? segmentText(passage.text, passage.start, [{ start: side.start, end: side.end }]).map((segment) =>
                          segment.range ? <mark key={segment.start}>{segment.text}</mark> : <span key={segment.start}>{segment.text}</span>,
                        )
                      : side.exact}
                  </blockquote>
                </figure>
              );
            })}
          </div>
        </section>
      ))}
    </div>
  );
}

import type { Metadata } from "next";
import { pageViewer } from "@/app/page-viewer";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDocumentClaims, getDocumentConflicts } from "@/lib/claims/queries";
import type { ConflictSideView } from "@/lib/claims/queries";
import { getDocument } from "@/lib/documents/queries";
import { coverText } from "@/lib/text-model/segment-text";
import { isId } from "@/lib/validation/ids";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const document = await getDocument((await params).slug, await pageViewer());
  return { title: document ? `Conflicts in ${document.title}` : "Not found" };
}

/** A side of a conflict with its letter (A, B, ...: the sides in the order of the text). */
type LetteredSide = ConflictSideView & { letter: string };

/** The sides of a conflict by passage, in the order of the text: a passage holding two sides is shown once. */
function byPassage(sides: ConflictSideView[]): Array<{ passageId: string; passageLabel: string; sides: LetteredSide[] }> {
  const groups = new Map<string, { passageId: string; passageLabel: string; sides: LetteredSide[] }>();
  sides.forEach((side, i) => {
    const group = groups.get(side.passageId) ?? { passageId: side.passageId, passageLabel: side.passageLabel, sides: [] };
    group.sides.push({ ...side, letter: String.fromCharCode(65 + i) });
    groups.set(side.passageId, group);
  });
  return [...groups.values()];
}

// Where the text contradicts itself: each conflict's sides next to each other, in their passages,
// each passage once, with every side in it marked and labelled with its letter.
export default async function ConflictsPage({ params }: Props) {
  const { slug } = await params;
  if (!isId(slug)) notFound();
  const viewer = await pageViewer();
  const [document, conflicts, claims] = await Promise.all([
    getDocument(slug, viewer),
    getDocumentConflicts(slug, viewer),
    getDocumentClaims(slug, viewer),
  ]);
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
          : `${conflicts.length} places where passages of the text cannot all be right. Each passage is shown once, with the words of each side marked and lettered.`}
      </p>
      {conflicts.map((conflict, index) => (
        <section key={conflict.id} id={conflict.id} className="conflict" aria-labelledby={`${conflict.id}-title`}>
          <h2 id={`${conflict.id}-title`}>
            <span className="conflict-number">{index + 1}.</span> {conflict.reason}
          </h2>
          <div className="conflict-sides">
            {byPassage(conflict.sides).map((group) => {
              const passage = passages.get(group.passageId);
              return (
                <figure key={group.passageId} className="conflict-side" data-passage={group.passageId}>
                  <figcaption>
                    {/* A full navigation, so the browser scrolls to and highlights the passage (:target). */}
                    <a href={`/documents/${slug}#${group.passageId}`}>{group.passageLabel}</a>
                    <ul className="side-list">
                      {group.sides.map((side) => (
                        <li key={side.annotationId}>
                          <span className="side-name">Side {side.letter}</span>
                          {side.claimId && statements.has(side.claimId) ? (
                            <>
                              {" · "}
                              <a href={`/documents/${slug}?claim=${side.claimId}#${side.passageId}`}>{statements.get(side.claimId)}</a>
                            </>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                  </figcaption>
                  <blockquote cite={`/documents/${slug}#${group.passageId}`}>
                    {passage
                      ? coverText(passage.text, passage.start, group.sides).map((piece) =>
                          piece.ranges.length === 0 ? (
                            <span key={piece.start}>{piece.text}</span>
                          ) : (
                            <span key={piece.start}>
                              {/* Each side's letter where its words begin, so two sides in one passage are told apart. */}
                              {piece.ranges
                                .filter((side) => side.start === piece.start)
                                .map((side) => (
                                  <span key={side.letter} className="side-tag" data-side-label="">
                                    <span className="visually-hidden">Side </span>
                                    {side.letter}
                                  </span>
                                ))}
                              <mark data-side={piece.ranges.map((side) => side.letter).join(" ")}>{piece.text}</mark>
                            </span>
                          ),
                        )
                      : group.sides.map((side) => (
                          <p key={side.annotationId}>
                            <span className="side-tag" data-side-label="">
                              <span className="visually-hidden">Side </span>
                              {side.letter}
                            </span>
                            <mark data-side={side.letter}>{side.exact}</mark>
                          </p>
                        ))}
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

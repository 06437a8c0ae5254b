import type { Metadata } from "next";
import { pageViewer } from "@/app/page-viewer";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { markdownToHtml } from "@/lib/annotations/markdown";
import { STANCE_LABELS } from "@/lib/claims/claim-kinds";
import { getVersionView, type HistoricalAnnotation, type NoteAuthor, type VersionView } from "@/lib/documents/history";
import { groupBlocks } from "@/lib/text-model/group-blocks";
import { rangesByPassage } from "@/lib/text-model/segment-text";
import { EntityCards, type CardEntity } from "../../_panels/entity-cards";
import { ShortHash, versionsPath, When } from "../../_history/history";
import {
  ContentsList,
  DocumentDetails,
  EditorialNote,
  NamesLegend,
  PassageMargin,
  PassageText,
  TextSections,
  type InlineMention,
  type PassageParts,
  type TextMark,
} from "../../_text/passages";
import { ReaderClient } from "../../_text/reader-client";
import { CurrentLink } from "./current-link";
import styles from "../../_history/history.module.css";
import { commentClass, NoteWords } from "../../_annotator/note-words";
import { MOTIVATION_NAMES } from "@/lib/w3c/vocabulary";
import { isId } from "@/lib/validation/ids";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string; version: string }> };

const load = cache(async (slug: string, version: string): Promise<VersionView | null> => {
  if (!isId(slug)) return null;
  return getVersionView(slug, version, await pageViewer());
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, version } = await params;
  const view = await load(slug, version);
  return { title: view ? `${view.title}, version ${view.version.number}` : "Not found" };
}

type VersionPassage = VersionView["passages"][number] & { mentions: InlineMention[]; marks: TextMark[]; notes: HistoricalAnnotation[] };

/** The data attributes of an annotation's highlight, by layer (styled in history.module.css). */
function markAttributes(a: HistoricalAnnotation): Record<string, string> {
  if (a.layer === "evidence") return { "data-evidence": a.claim?.stance ?? "supports" };
  if (a.layer === "conflict") return { "data-conflict": "" };
  return { "data-note": a.visibility };
}

function Author({ creator, mine }: { creator: NoteAuthor | null; mine: boolean }) {
  if (!creator) return <span>the edition</span>;
  return <Link href={`/users/${encodeURIComponent(creator.id)}`}>{mine ? "You" : creator.name}</Link>;
}

/** A markdown comment, sanitised as in the reader, rendered here on the server. */
const Markdown = ({ value }: { value: string }) => (
  <div className={commentClass.markdown} dangerouslySetInnerHTML={{ __html: markdownToHtml(value) }} />
);

/** Where a note stood in this version, in words (nothing for one exactly on the words it was made on). */
function standing(note: HistoricalAnnotation, view: VersionView): string[] {
  const words: string[] = [];
  if (note.madeOn !== null && note.madeOn !== view.version.number) words.push(`made on version ${note.madeOn}`);
  if (note.state === "fuzzy") words.push("placed here on near-equal words");
  if (note.orphanedLater) words.push("its words are not in the current text");
  return words;
}

/** The readers' notes on a passage, as they were in this version, with their replies. */
function Notes({ passage, view }: { passage: VersionPassage; view: VersionView }) {
  if (passage.notes.length === 0) return null;
  return (
    <ul className={styles.notes} aria-label={`Notes on ${passage.label}`} data-notes-for={passage.id}>
      {passage.notes.map((note) => (
        <li key={note.id} className={styles.note} data-note-id={note.id} data-motivation={note.motivation}>
          <p className={styles.noteMeta}>
            <span>{MOTIVATION_NAMES[note.motivation] ?? note.motivation}</span> by <Author creator={note.creator} mine={note.mine} />
            {note.visibility === "private" ? <span className={styles.private}> · private</span> : null}
            {" · "}
            <When at={note.created} />
            {standing(note, view).map((words) => (
              <span key={words}> · {words}</span>
            ))}
          </p>
          <blockquote className={styles.noteQuote}>
            <p>“{note.exact}”</p>
          </blockquote>
          {note.entity ? (
            <p className={styles.noteText}>
              Names <Link href={`/entities/${encodeURIComponent(note.entity.id)}`}>{note.entity.name}</Link>
            </p>
          ) : null}
          {note.claim ? (
            <p className={styles.noteText}>
              {note.claim.stance ? STANCE_LABELS[note.claim.stance] : "Bears on"} the claim “{note.claim.statement}”
            </p>
          ) : null}
          <NoteWords body={note.body} Markdown={Markdown} />
          {note.replies.length > 0 ? (
            <ol className={styles.replies} aria-label="Replies">
              {note.replies.map((reply) => (
                <li key={reply.id} data-note-id={reply.id} data-motivation="replying">
                  <p className={styles.noteMeta}>
                    <Author creator={reply.creator} mine={reply.mine} />
                    {reply.visibility === "private" ? <span className={styles.private}> · private</span> : null}
                    {" · "}
                    <When at={reply.created} />
                  </p>
                  <NoteWords body={reply.body} Markdown={Markdown} />
                </li>
              ))}
            </ol>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

// An earlier (or the current) version of a document: its text as it was then, server-rendered like
// the reader, with the annotations where they were in it, and a banner saying which version it is.
export default async function VersionPage({ params }: Props) {
  const { slug, version } = await params;
  const view = await load(slug, version);
  if (!view) notFound();

  const mentions: InlineMention[] = [];
  const marks: Array<TextMark & { layer: HistoricalAnnotation["layer"] }> = [];
  const notes: HistoricalAnnotation[] = [];
  for (const a of view.annotations) {
    if (a.layer === "mention" && a.entity) {
      mentions.push({ id: a.id, start: a.start, end: a.end, entityId: a.entity.id, kind: a.entity.kind, name: a.entity.name });
    } else {
      marks.push({ id: a.id, start: a.start, end: a.end, attributes: markAttributes(a), layer: a.layer });
      if (a.layer === "note") notes.push(a);
    }
  }
  const mentionsIn = rangesByPassage(view.passages, mentions);
  const marksIn = rangesByPassage(view.passages, marks);
  // A note is listed under the passage it names (or else the first one its words reach).
  const ids = new Set(view.passages.map((p) => p.id));
  const notesIn = new Map<string, HistoricalAnnotation[]>();
  for (const note of notes) {
    const passageId = ids.has(note.passageId) ? note.passageId : view.passages.find((p) => p.start < note.end && note.start < p.end)?.id;
    if (passageId) notesIn.set(passageId, [...(notesIn.get(passageId) ?? []), note]);
  }
  const passages: VersionPassage[] = view.passages.map((p) => ({
    ...p,
    mentions: mentionsIn.get(p.id) ?? [],
    marks: marksIn.get(p.id) ?? [],
    notes: notesIn.get(p.id) ?? [],
  }));
  const sections = groupBlocks(passages);
  const current = `/documents/${view.slug}`;
  const parts: PassageParts<VersionPassage> = {
    margin: (p) => (
      <PassageMargin passage={p}>
        {view.isCurrent ? null : p.inCurrent ? (
          <a
            className={styles.inCurrent}
            href={`${current}#${p.id}`}
            aria-label={`${p.label} in the current text`}
            title="This passage in the current text"
          >
            →
          </a>
        ) : (
          <span className={styles.changed} title="Changed since: the current text does not have this passage">
            <span aria-hidden="true">≠</span>
            <span className="visually-hidden">Changed since this version.</span>
          </span>
        )}
      </PassageMargin>
    ),
    text: (p) => <PassageText passage={p} mentions={p.mentions} marks={p.marks} markClassName={styles.mark} />,
    attributes: (p) => ({ "data-in-current": p.inCurrent ? "true" : "false" }),
    after: (p) => <Notes passage={p} view={view} />,
  };

  const cardEntities: CardEntity[] = view.entities.map((e) => ({ ...e }));
  const layerCounts = { note: notes.length, evidence: 0, conflict: 0 };
  for (const mark of marks) if (mark.layer === "evidence" || mark.layer === "conflict") layerCounts[mark.layer]++;
  const layers = (
    [
      ["note", "Readers’ notes"],
      ["evidence", "Evidence for claims"],
      ["conflict", "Contradictions"],
    ] as const
  ).filter(([layer]) => layerCounts[layer] > 0);

  return (
    <div className="reader">
      <nav className="toc" aria-label="Contents">
        <div className="toc-panel">
          <details open>
            <summary>Contents</summary>
            <ContentsList sections={sections} />
          </details>
          <NamesLegend slug={view.slug} kinds={view.entities.map((e) => e.kind)} />
          {layers.length > 0 ? (
            <fieldset className={`legend ${styles.layers}`}>
              <legend>Annotations in this version</legend>
              {layers.map(([layer, name]) => (
                <label key={layer} className="legend-item">
                  <input type="checkbox" defaultChecked={layer === "note"} data-layer-toggle={layer} />
                  <span className={styles.layerSwatch} data-layer={layer} aria-hidden="true" />
                  <span>
                    {name} <span className="legend-count">({layerCounts[layer]})</span>
                  </span>
                </label>
              ))}
            </fieldset>
          ) : null}
          <p className="legend-link">
            <Link href={versionsPath(view.slug)}>All versions</Link>
          </p>
        </div>
      </nav>

      <article className="document" lang={view.language} id="text" data-version={view.version.hash}>
        <header className="document-header">
          <p className={styles.banner} data-version-banner="">
            {view.isCurrent ? (
              <>
                You are reading version {view.version.number} of {view.versionCount}, imported <When at={view.version.importedAt} />: the
                current text.
              </>
            ) : (
              <>
                You are reading version {view.version.number} of {view.versionCount}, imported <When at={view.version.importedAt} />.{" "}
                {view.sameTextAsCurrent
                  ? "The current text has the same words (only the file’s details changed)."
                  : "The current text differs."}
              </>
            )}{" "}
            <CurrentLink href={current}>{view.isCurrent ? "Open it in the reader" : "Read the current version"}</CurrentLink>
            {" · "}
            <Link href={versionsPath(view.slug)}>All versions</Link>
          </p>
          <h1>{view.title}</h1>
          <DocumentDetails
            metadata={view.metadata}
            edition={
              <>
                version {view.version.number} <ShortHash hash={view.version.hash} /> · <Link href={versionsPath(view.slug)}>history</Link>
              </>
            }
          />
          <EditorialNote metadata={view.metadata} />
          {view.isCurrent ? null : (
            <p className={styles.explain}>
              Names and notes are shown where they were in this version. Passages marked ≠ are not in the current text; → opens a passage in
              the current text.
            </p>
          )}
        </header>

        <TextSections sections={sections} parts={parts} />
      </article>
      <ReaderClient />
      {cardEntities.length > 0 ? <EntityCards entities={cardEntities} /> : null}
    </div>
  );
}

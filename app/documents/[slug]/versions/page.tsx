import type { Metadata } from "next";
import { pageViewer } from "@/app/page-viewer";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/lib/db";
import { getDocumentHistory, type DocumentHistory, type HistoryDetail, type TransitionReport } from "@/lib/documents/history";
import { mayReviseDocument } from "@/lib/documents/revise-document";
import { readableFormats } from "@/lib/sources/detect-format";
import { SOURCE_LIMITS } from "@/lib/sources/source-document";
import { ImportForm } from "../../_import/import-form";
import { ShortHash, versionPath, When } from "../_history/history";
import styles from "../_history/history.module.css";
import { isId } from "@/lib/validation/ids";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

const load = cache(async (slug: string): Promise<DocumentHistory | null> => {
  if (!isId(slug)) return null;
  return getDocumentHistory(slug, await pageViewer());
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const history = await load((await params).slug);
  return { title: history ? `Versions of ${history.title}` : "Not found" };
}

const KINDS: Record<string, string> = {
  identifying: "name",
  commenting: "comment",
  tagging: "tags",
  linking: "evidence",
  questioning: "contradiction",
  highlighting: "highlight",
  describing: "description",
  bookmarking: "bookmark",
};

const clip = (words: string) => (words.length > 200 ? `${words.slice(0, 200)}…` : words);

/** Where a detail's words are: its passage, linked on the version's page when known. */
function Where({ slug, detail }: { slug: string; detail: HistoryDetail }) {
  if (!detail.passageLabel || detail.passageVersion === null) return null;
  return (
    <>
      {" "}
      in{" "}
      <a href={`${versionPath(slug, detail.passageVersion)}#${encodeURIComponent(detail.passageId)}`}>
        {detail.passageLabel}
        {` (version ${detail.passageVersion})`}
      </a>
    </>
  );
}

function Detail({ slug, detail }: { slug: string; detail: HistoryDetail }) {
  const what = `${detail.origin === "curated" ? "edition’s" : "reader’s"} ${KINDS[detail.motivation] ?? detail.motivation}`;
  return (
    <li data-detail={detail.id} data-state={detail.state}>
      <span className={styles.state} data-state={detail.state}>
        {detail.state === "fuzzy" ? "Fuzzy" : "Orphaned"}
      </span>{" "}
      {detail.state === "fuzzy" ? (
        <>
          <span className="visually-hidden">was </span>“<span className={styles.was}>{clip(detail.priorExact ?? "")}</span>” → now “
          {clip(detail.exact)}”
        </>
      ) : (
        <>
          “{clip(detail.exact)}”: its words are gone{detail.wasOrphaned ? " (already orphaned before)" : ""}; kept where they last were
        </>
      )}
      <Where slug={slug} detail={detail} /> <span className={styles.detailMeta}>({what})</span>
    </li>
  );
}

function Transition({ slug, report }: { slug: string; report: TransitionReport }) {
  const headingId = `change-${report.id}`;
  const counts = [
    ["Unchanged", report.unchanged],
    ["Moved", report.moved],
    ["Fuzzy", report.fuzzy],
    ["Orphaned", report.orphaned],
  ] as const;
  return (
    <section className={styles.transition} aria-labelledby={headingId} data-transition={`${report.from.number}-${report.to.number}`}>
      <h3 id={headingId}>
        <Link href={versionPath(slug, report.from.number)}>Version {report.from.number}</Link> →{" "}
        <Link href={versionPath(slug, report.to.number)}>version {report.to.number}</Link>
      </h3>
      <p className={styles.when}>
        Re-anchored <When at={report.at} withTime /> in {report.durationMs} ms.
      </p>
      <dl className={styles.counts}>
        {counts.map(([name, count]) => (
          <div key={name} data-count={name.toLowerCase()}>
            <dt>{name}</dt>
            <dd>{count}</dd>
          </div>
        ))}
      </dl>
      {report.details.length > 0 ? (
        <ul className={styles.details} aria-label={`Fuzzy and orphaned annotations, version ${report.from.number} to ${report.to.number}`}>
          {report.details.map((detail) => (
            <Detail key={detail.id} slug={slug} detail={detail} />
          ))}
        </ul>
      ) : (
        <p className={styles.none}>Every annotation kept its words.</p>
      )}
    </section>
  );
}

// A document's versions, newest first, and what each change of text did to the annotations.
export default async function VersionsPage({ params }: Props) {
  const { slug } = await params;
  const history = await load(slug);
  if (!history) notFound();
  const count = history.versions.length;
  // The owner, or an editor for a public document, may upload a new version of an imported one.
  const canUpload = await mayReviseDocument(getDb(), slug, await pageViewer());
  return (
    <div className={styles.page}>
      <p className="breadcrumbs">
        <Link href={`/documents/${slug}`}>{history.title}</Link>
      </p>
      <h1>Versions of “{history.title}”</h1>
      <p className={styles.lead}>
        {count === 1
          ? "The text has one version: it has not changed since it was imported."
          : `The text has ${count} versions; version ${history.current.number} is current. Each version is the content file as imported, named by its number and its SHA-256 hash; when the text changed, every annotation was moved onto the new words, or kept where it was when its words were gone.`}
      </p>

      <section aria-labelledby="versions-heading">
        <h2 id="versions-heading">Versions</h2>
        <table className={styles.table}>
          <caption className="visually-hidden">Every version of the text, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Content hash</th>
              <th scope="col">Imported</th>
              <th scope="col" className={styles.number}>
                Passages
              </th>
            </tr>
          </thead>
          <tbody>
            {history.versions.map((v) => (
              <tr key={v.hash} data-version={v.number} data-current={v.current ? "" : undefined}>
                <th scope="row">
                  <Link href={versionPath(slug, v.number)}>Version {v.number}</Link>
                  {v.current ? <span className={styles.currentBadge}>current</span> : null}
                </th>
                <td>
                  <ShortHash hash={v.hash} />
                </td>
                <td>
                  <When at={v.importedAt} withTime />
                </td>
                <td className={styles.number}>{v.passageCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {canUpload ? (
        <section aria-labelledby="upload-heading">
          <h2 id="upload-heading">Upload a new version</h2>
          <p className={styles.lead}>
            A file or text that replaces the current text. The annotations move onto the new words where they can, as for any change of
            text, and the earlier versions stay readable.
          </p>
          <ImportForm slug={slug} formats={readableFormats()} maxBytes={SOURCE_LIMITS.maxUploadBytes} headingLevel={3} />
        </section>
      ) : null}

      <section aria-labelledby="changes-heading">
        <h2 id="changes-heading">Changes</h2>
        {history.transitions.length === 0 ? (
          <p>No change of text yet, so no annotation has had to move.</p>
        ) : (
          <>
            <p className={styles.lead}>
              Newest first. Unchanged: the words stayed where they were; moved: the same words, elsewhere; fuzzy: placed on near-equal
              words; orphaned: the words are gone, and the annotation is kept where they last were. Readers’ private notes count only for
              their authors.
            </p>
            {history.transitions.map((report) => (
              <Transition key={report.id} slug={slug} report={report} />
            ))}
          </>
        )}
      </section>
    </div>
  );
}

import Link from "next/link";
import { pageViewer } from "./page-viewer";
import { listLibrary, type LibraryEntry } from "@/lib/documents/library";
import { DocumentVisibility } from "./_library/document-visibility";
import styles from "./_library/library.module.css";

export const dynamic = "force-dynamic";

const listFormat = new Intl.ListFormat("en", { style: "long", type: "conjunction" });

/** One document of a list: its title, who wrote it and when, its format and size, and for one's own whose it is. */
function Entry({ entry, own }: { entry: LibraryEntry; own: boolean }) {
  return (
    <li data-document={entry.slug}>
      <h3>
        <Link href={`/documents/${entry.slug}`}>{entry.title}</Link>
      </h3>
      <p className="document-meta">
        {entry.authors.length > 0 ? listFormat.format(entry.authors) : "Author unknown"}
        {" · "}
        {entry.date ?? "date unknown"}
        {" · "}
        {entry.format}
        {" · "}
        {entry.passageCount === 1 ? "1 passage" : `${entry.passageCount} passages`}
      </p>
      {own ? (
        <DocumentVisibility slug={entry.slug} title={entry.title} visibility={entry.visibility} publishable={entry.publishable} />
      ) : null}
    </li>
  );
}

// The library: the reader's own documents (private and public) and everyone's public ones.
export default async function LibraryPage() {
  const viewer = await pageViewer();
  const library = await listLibrary(viewer);
  return (
    <div className="library">
      <h1>Library</h1>
      <p className={styles.actions}>
        {viewer ? (
          <Link className={styles.importLink} href="/documents/new">
            Import a document
          </Link>
        ) : (
          <span>
            <a href={`/sign-in?next=${encodeURIComponent("/documents/new")}`}>Sign in</a> to import your own sources: web pages, PDFs, Word
            files, e-books, TEI or pasted text.
          </span>
        )}
      </p>
      {viewer ? (
        <section className={styles.section} aria-labelledby="own-documents">
          <h2 id="own-documents">Your documents</h2>
          {library.own.length === 0 ? (
            <p className={styles.empty}>None yet. What you import is listed here, private until an editor publishes it.</p>
          ) : (
            <ul className="document-list">
              {library.own.map((entry) => (
                <Entry key={entry.slug} entry={entry} own />
              ))}
            </ul>
          )}
        </section>
      ) : null}
      <section className={styles.section} aria-labelledby="public-documents">
        <h2 id="public-documents">{viewer ? "Public documents" : "Documents"}</h2>
        {library.public.length === 0 ? (
          <p className={styles.empty}>
            No public documents yet. Add a markdown edition to <code>content/</code> and run <code>npm run import</code>.
          </p>
        ) : (
          <ul className="document-list">
            {library.public.map((entry) => (
              <Entry key={entry.slug} entry={entry} own={false} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

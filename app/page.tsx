import Link from "next/link";
import { listDocuments } from "@/lib/documents/queries";
import { pageViewer } from "./page-viewer";
import { isKnown } from "@/lib/text-model/metadata";

export const dynamic = "force-dynamic";

// The library: every public document Gloss holds, and the reader's own private ones.
export default async function LibraryPage() {
  const documents = await listDocuments(await pageViewer());
  return (
    <div className="library">
      <h1>Library</h1>
      {documents.length === 0 ? (
        <p>
          No documents yet. Add a markdown edition to <code>content/</code> and run <code>npm run import</code>.
        </p>
      ) : (
        <ul className="document-list">
          {documents.map((d) => (
            <li key={d.slug}>
              <h2>
                <Link href={`/documents/${d.slug}`}>{d.title}</Link>
              </h2>
              <p className="document-meta">
                {isKnown(d.metadata.author) ? d.metadata.author : "Author unknown"}
                {" · "}
                {isKnown(d.metadata.publisher) ? d.metadata.publisher : "publisher unknown"}
                {" · "}
                {d.passageCount} passages · version {d.versionNumber}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

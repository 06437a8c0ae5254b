import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { sessionUserFrom } from "@/lib/auth";
import { readableFormats } from "@/lib/sources/detect-format";
import { SOURCE_LIMITS } from "@/lib/sources/source-document";
import { ImportForm } from "../_import/import-form";
import styles from "../_import/import.module.css";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Import a document" };

const HERE = "/documents/new";

// The upload page: a file or pasted text becomes a document of one's own, private unless an
// editor publishes it.
export default async function NewDocumentPage() {
  const user = await sessionUserFrom(await headers()).catch(() => null);
  return (
    <div className={styles.page}>
      <p className="breadcrumbs">
        <Link href="/">Library</Link>
      </p>
      <h1>Import a document</h1>
      {user ? (
        <>
          <p className={styles.lead}>
            Bring a source in the form you found it: a saved web page, a PDF with a text layer, a Word file, an e-book, a TEI edition, or
            text pasted from anywhere. Gloss lays it out in numbered, citable passages.
          </p>
          <ImportForm canPublish={user.role === "editor"} formats={readableFormats()} maxBytes={SOURCE_LIMITS.maxUploadBytes} />
        </>
      ) : (
        <p className={styles.lead}>
          <a href={`/sign-in?next=${encodeURIComponent(HERE)}`}>Sign in</a> to import a document, or{" "}
          <a href={`/sign-up?next=${encodeURIComponent(HERE)}`}>create an account</a>: what you import is yours, and private until an editor
          publishes it.
        </p>
      )}
    </div>
  );
}

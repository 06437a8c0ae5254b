import { getDb } from "../db";
import { isKnown, type DocumentMetadata } from "../text-model/metadata";
import { visibleDocumentWhere, type Viewer } from "./visibility";

/** What the library calls each format a document was read from (short, for a list). */
export const FORMAT_LABELS: Record<string, string> = {
  markdown: "Markdown",
  text: "Plain text",
  html: "Web page",
  docx: "Word",
  pdf: "PDF",
  tei: "TEI",
  epub: "EPUB",
};

/** A document as the library lists it. */
export interface LibraryEntry {
  slug: string;
  title: string;
  /** As a person writes them; empty when the source names none. */
  authors: string[];
  /** YYYY, YYYY-MM or YYYY-MM-DD; null when unknown. */
  date: string | null;
  /** The format's label ("PDF", "Word", ...). */
  format: string;
  passageCount: number;
  visibility: "public" | "private";
  /** Whether the viewer may make it public now: an editor, their own document, private. */
  publishable: boolean;
}

/** The library as `viewer` sees it: their own documents (private and public), and the public ones of others. */
export interface Library {
  own: LibraryEntry[];
  public: LibraryEntry[];
}

/** The authors a document's metadata names: the list imports keep, else the edition's one `author` line. */
function authorsOf(metadata: DocumentMetadata): string[] {
  if (metadata.authors?.length) return metadata.authors;
  return isKnown(metadata.author) ? [metadata.author] : [];
}

/**
 * The library for `viewer`: every document they can see that has a current version (the public
 * ones and their own: visibleDocumentWhere), by title, their own apart. Nobody else's private
 * document is read, so none can be listed or counted.
 */
export async function listLibrary(viewer: Viewer): Promise<Library> {
  const documents = await getDb().document.findMany({
    where: { currentVersionId: { not: null }, ...visibleDocumentWhere(viewer) },
    orderBy: [{ title: "asc" }, { slug: "asc" }],
    select: {
      slug: true,
      title: true,
      format: true,
      visibility: true,
      ownerId: true,
      metadata: true,
      currentVersion: { select: { _count: { select: { passages: true } } } },
    },
  });
  const library: Library = { own: [], public: [] };
  for (const document of documents) {
    const metadata = document.metadata as DocumentMetadata;
    const own = !!viewer && document.ownerId === viewer.id;
    const entry: LibraryEntry = {
      slug: document.slug,
      title: document.title,
      authors: authorsOf(metadata),
      date: isKnown(metadata.published) ? metadata.published : null,
      format: FORMAT_LABELS[document.format] ?? document.format,
      passageCount: document.currentVersion?._count.passages ?? 0,
      visibility: document.visibility,
      publishable: own && viewer?.role === "editor" && document.visibility === "private",
    };
    (own ? library.own : library.public).push(entry);
  }
  return library;
}

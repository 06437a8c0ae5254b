/** An import as its owner sees it (GET /api/imports/:id; sources.md). */
export interface ImportView {
  id: string;
  status: "queued" | "running" | "done" | "failed";
  stage: string;
  progress: number;
  /** The document's slug when the import is done. */
  document?: { slug: string };
  error?: { code: string; message: string };
  format: string;
  fileName: string;
  createdAt: Date;
}

type ImportRow = {
  id: string;
  status: ImportView["status"];
  stage: string;
  progress: number;
  format: string;
  fileName: string;
  createdAt: Date;
  errorCode: string | null;
  errorMessage: string | null;
  document: { slug: string } | null;
};

export function importView(row: ImportRow): ImportView {
  return {
    id: row.id,
    status: row.status,
    stage: row.stage,
    progress: Math.round(row.progress * 1000) / 1000,
    ...(row.status === "done" && row.document ? { document: { slug: row.document.slug } } : {}),
    ...(row.status === "failed"
      ? { error: { code: row.errorCode ?? "unreadable", message: row.errorMessage ?? "The import failed." } }
      : {}),
    format: row.format,
    fileName: row.fileName,
    createdAt: row.createdAt,
  };
}

/** The wire form of an import (sources.md): absolute URLs from the site's origin. */
export function importJson(view: ImportView, origin: string) {
  return {
    id: view.id,
    status: view.status,
    stage: view.stage,
    progress: view.progress,
    ...(view.document ? { document: { slug: view.document.slug, url: `${origin}/documents/${view.document.slug}` } } : {}),
    ...(view.error ? { error: view.error } : {}),
    format: view.format,
    fileName: view.fileName,
    created: view.createdAt.toISOString(),
  };
}

// What the import pages send and read: the import form's fields as the API takes them, an import
// as GET /api/imports/:id answers it, and refusals in words.

/** An import as `POST /api/documents` and `GET /api/imports/:id` answer it (sources.md). */
export interface ImportJob {
  id: string;
  status: "queued" | "running" | "done" | "failed";
  stage: string;
  progress: number;
  document?: { slug: string; url: string };
  error?: { code: string; message: string };
  fileName?: string;
}

/** Whether the import is over, one way or the other. */
export const isOver = (job: ImportJob) => job.status === "done" || job.status === "failed";

/** The import's stage as the page says it: words a person reads, with a capital. */
export function stageInWords(job: ImportJob): string {
  if (job.status === "queued") return "Waiting to start";
  if (job.status === "done") return "Done";
  if (job.status === "failed") return "Failed";
  const stage = job.stage.trim() || "working";
  return stage[0].toUpperCase() + stage.slice(1);
}

/** What each refusal says when its answer has no message of its own (a proxy's 413, say). */
const STATUS_WORDS: Record<number, string> = {
  400: "The form is not valid.",
  401: "Sign in to import a document.",
  403: "You may not do this.",
  404: "Not found.",
  413: "The file is too large.",
  415: "Gloss cannot read this kind of file.",
  429: "Too many changes at once: wait a minute and try again.",
};

/**
 * A refused request in words: the API's message, then each problem it lists ("date: a date as
 * YYYY, …"), else what the status means.
 */
export async function refusalInWords(response: Response): Promise<string> {
  const body = (await response.json().catch(() => null)) as {
    error?: { message?: unknown; details?: unknown };
  } | null;
  const message = typeof body?.error?.message === "string" ? body.error.message : null;
  const problems = Array.isArray(body?.error?.details)
    ? body.error.details
        .filter((d): d is { path?: unknown; message: string } => !!d && typeof d === "object" && typeof d.message === "string")
        .map((d) => (typeof d.path === "string" && d.path ? `${d.path}: ${d.message}` : d.message))
    : [];
  const said = message ?? STATUS_WORDS[response.status] ?? `The server answered ${response.status}.`;
  return problems.length > 0 ? `${said} ${problems.join("; ")}.` : said;
}

/** The fields the form sends besides the file and text, one value each. */
const SINGLE_FIELDS = ["title", "date", "publisher", "url", "language", "visibility"] as const;

/**
 * The import form as the API takes it: the file (when one is chosen) or the pasted text, the
 * details filled in, and `authors` once per line of its box. Empty fields are left out.
 */
export function importFormData(form: HTMLFormElement): FormData {
  const entered = new FormData(form);
  const sent = new FormData();
  const file = entered.get("file");
  if (file instanceof File && file.name !== "") sent.append("file", file);
  const text = entered.get("text");
  if (typeof text === "string" && text.trim() !== "") sent.append("text", text);
  for (const name of SINGLE_FIELDS) {
    const value = entered.get(name);
    if (typeof value === "string" && value.trim() !== "") sent.append(name, value.trim());
  }
  const authors = entered.get("authors");
  for (const line of typeof authors === "string" ? authors.split(/\r?\n/) : []) {
    if (line.trim() !== "") sent.append("authors", line.trim());
  }
  return sent;
}

/** A size as a person reads it: "812 bytes", "24 KB", "3.4 MB". */
export function sizeInWords(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? "" : "s"}`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const megabytes = bytes / 1024 / 1024;
  return `${Number.isInteger(megabytes) ? megabytes : megabytes.toFixed(1)} MB`;
}

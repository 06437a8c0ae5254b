import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import { z } from "zod";
import type { SessionUser } from "../auth";
import { canReviseDocument } from "../documents/visibility";
import { DomainError } from "../errors";
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import type { SourceOverrides } from "../sources/assemble-source";
import { detectFormat, readableFormats } from "../sources/detect-format";
import { SOURCE_FORMATS, SOURCE_LIMITS, type SourceFormat } from "../sources/source-document";
import { problemsOf } from "../validation/issues";
import { storableText } from "../validation/text";
import { documentOfSameBytes, PASTED_TEXT } from "./same-source";
import { importView, type ImportView } from "./import-view";
import { enqueueImport } from "./queue";
import { uploadDir, uploadPath } from "./uploads";

/** What an import form sends, besides its file (sources.md, "Importing"). */
export interface ImportForm {
  fields: Map<string, string[]>;
  /** The file, on disk (lib/api/multipart-upload.ts), or null with `text` in the fields. */
  file: { path: string; name: string; type: string; size: number; hash: string; head: Uint8Array } | null;
}

const optionalText = (max: number) => storableText(max).trim().min(1).optional();
/** ISO 8601 (YYYY, YYYY-MM, YYYY-MM-DD, with a time) or EDTF's forms of those (2020?, 1945-09~, 1944/1949). */
const sourceDate = z
  .string()
  .trim()
  .regex(
    /^\d{4}(-\d{2}(-\d{2})?)?([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?[?~%]?(\/\d{4}(-\d{2}(-\d{2})?)?[?~%]?)?$/,
    "a date as YYYY, YYYY-MM or YYYY-MM-DD (ISO 8601 or EDTF)",
  );

const formSchema = z
  .object({
    format: z.enum(SOURCE_FORMATS, { error: `format must be one of ${SOURCE_FORMATS.join(", ")}` }).optional(),
    title: optionalText(500),
    authors: z.array(storableText(200).trim().min(1)).max(50).optional(),
    date: sourceDate.optional(),
    publisher: optionalText(500),
    url: z
      .url({ protocol: /^https?$/, error: "url must be an http(s) address" })
      .max(2000)
      .optional(),
    language: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/, "language must be a BCP 47 tag such as en or ug-Arab")
      .optional(),
    visibility: z.enum(["private", "public"]).optional(),
    text: z.string().optional(),
  })
  .strict();

/** The form's fields, checked: one value each, several `authors`; empty fields count as absent. */
function parseFields(fields: Map<string, string[]>) {
  const single: Record<string, unknown> = {};
  for (const [name, values] of fields) {
    const present = values.filter((value) => value.trim() !== "");
    if (present.length === 0) continue;
    if (name === "authors" || name === "authors[]") single.authors = present;
    else if (present.length > 1) throw new DomainError("bad_request", `The field "${name}" is given more than once.`);
    else single[name] = present[0];
  }
  const parsed = formSchema.safeParse(single);
  if (!parsed.success) throw new DomainError("bad_request", "The import form is not valid.", problemsOf(parsed.error));
  return parsed.data;
}

/** Pasted text that reads as markdown (headings, lists, quotes, emphasis or links in markdown's marks). */
const looksLikeMarkdown = (text: string) => /^(#{1,6} |[-*+] |\d+\. |> )|\*\*[^*\n]+\*\*|\[[^\]\n]+\]\([^)\s]+\)/m.test(text);

/**
 * Starts an import (POST /api/documents, POST /api/documents/:slug/versions): judges the form, the
 * size and the format only (whether the content is readable is the job's to find out), keeps the
 * bytes for the job, and queues it. The same bytes from the same owner give the document they made
 * before: the import is `done` at once, pointing at it.
 *
 * @throws DomainError bad_request (malformed form, no file and no text, both), forbidden (public
 *   by a non-editor; revising what one may not), unsupported_media_type (a format Gloss does not
 *   read), too_large
 */
export async function createImport(
  db: PrismaClient,
  user: SessionUser,
  form: ImportForm,
  target: { id: string; visibility: string; ownerId: string | null } | null = null,
): Promise<ImportView> {
  let file = form.file;
  try {
    const fields = parseFields(form.fields);
    if (fields.visibility === "public" && user.role !== "editor") {
      throw new DomainError("forbidden", "Only an editor can make a document public.");
    }
    if (target && !canReviseDocument(target, user)) {
      throw new DomainError("forbidden", "Only the document's owner, or an editor for a public document, can add a version.");
    }
    if (file && fields.text !== undefined) throw new DomainError("bad_request", "Send a file or text, not both.");
    if (!file) {
      const text = fields.text ?? "";
      if (text.trim() === "") throw new DomainError("bad_request", "Choose a file, or paste some text.");
      file = writePastedText(text);
    }
    if (file.size === 0) throw new DomainError("bad_request", "The file is empty.");
    if (file.size > SOURCE_LIMITS.maxUploadBytes) throw new DomainError("too_large", "The file is larger than 50 MB.");
    const pasted = fields.text !== undefined;
    const format: SourceFormat | null =
      fields.format ??
      (pasted
        ? looksLikeMarkdown(fields.text ?? "")
          ? "markdown"
          : "text"
        : detectFormat({ name: file.name, type: file.type, head: file.head }));
    if (!format) {
      throw new DomainError("unsupported_media_type", `Gloss cannot read this file. It reads ${readableFormats()}.`);
    }
    const overrides: SourceOverrides = {
      ...(fields.title ? { title: fields.title } : {}),
      ...(fields.authors ? { authors: fields.authors } : {}),
      ...(fields.date ? { date: fields.date } : {}),
      ...(fields.publisher ? { publisher: fields.publisher } : {}),
      ...(fields.url ? { url: fields.url } : {}),
      ...(fields.language ? { language: fields.language } : {}),
    };
    const id = randomUUID();
    const row = {
      id,
      ownerId: user.id,
      format,
      fileName: pasted ? PASTED_TEXT : file.name || `upload.${format}`,
      size: file.size,
      hash: file.hash,
      overrides: overrides as Prisma.InputJsonValue,
      visibility: target ? (target.visibility as "public" | "private") : (fields.visibility ?? "private"),
      targetId: target?.id ?? null,
    };
    const same = target ? null : await documentOfSameBytes(db, user.id, file.hash);
    if (same) {
      fs.rmSync(file.path, { force: true });
      const done = await db.import.create({
        data: { ...row, status: "done", stage: "done", progress: 1, documentId: same.id, finishedAt: new Date() },
        include: { document: { select: { slug: true } } },
      });
      return importView(done);
    }
    fs.renameSync(file.path, uploadPath(id));
    file = null;
    const created = await db.import.create({ data: row, include: { document: { select: { slug: true } } } });
    try {
      await enqueueImport(id);
    } catch (error) {
      await db.import.update({
        where: { id },
        data: { status: "failed", stage: "failed", errorCode: "unavailable", errorMessage: "The import could not be queued; try again." },
      });
      fs.rmSync(uploadPath(id), { force: true });
      throw error;
    }
    return importView(created);
  } finally {
    if (file) fs.rmSync(file.path, { force: true });
  }
}

/** Pasted text, kept on disk like an upload. */
function writePastedText(text: string): NonNullable<ImportForm["file"]> {
  const bytes = Buffer.from(text, "utf8");
  fs.mkdirSync(uploadDir(), { recursive: true });
  const path = `${uploadPath(randomUUID())}.txt`;
  fs.writeFileSync(path, bytes, { mode: 0o600 });
  return {
    path,
    name: "pasted text",
    type: "text/plain",
    size: bytes.length,
    hash: createHash("sha256").update(bytes).digest("hex"),
    head: bytes.subarray(0, 65536),
  };
}

/** An import as its owner may see it; anyone else: not found, as for an unknown id. */
export async function findImport(db: PrismaClient, id: string, viewer: SessionUser | null): Promise<ImportView> {
  const row = viewer
    ? await db.import.findFirst({ where: { id, ownerId: viewer.id }, include: { document: { select: { slug: true } } } })
    : null;
  if (!row) throw new DomainError("not_found", `No import "${id}".`);
  return importView(row);
}

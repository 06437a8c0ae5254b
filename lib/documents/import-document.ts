import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { PrismaClient } from "../generated/prisma/client";
import { UserFacingError } from "../errors";
import { parseDocument } from "../text-model/parse-document";

export type ImportStatus = "created" | "updated" | "unchanged" | "restored";

export interface ImportResult {
  slug: string;
  status: ImportStatus;
  /** Content hash of the version now current. */
  version: string;
  /** Version number (1, 2, ...). */
  number: number;
  passages: number;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The SHA-256 of a content file, as hex: the public identifier of a version. */
export function contentHash(source: string): string {
  return createHash("sha256").update(source, "utf8").digest("hex");
}

/**
 * Imports one content file (`content/<slug>.md`). A file whose hash is already the current
 * version changes nothing; new content becomes a new version (an earlier version's content
 * becomes current again). The file is parsed before anything is written, and the write is one
 * transaction, so a malformed file leaves the stored document as it was.
 *
 * @throws DocumentParseError for a malformed file (with file and line)
 */
export async function importDocument(db: PrismaClient, filePath: string, displayPath = filePath): Promise<ImportResult> {
  const slug = path.basename(filePath, ".md");
  if (!SLUG.test(slug)) {
    throw new UserFacingError(`${displayPath}: a content file's name must be a slug (lower-case letters, digits and hyphens), not "${slug}"`);
  }
  const source = fs.readFileSync(filePath, "utf8");
  const hash = contentHash(source);

  const existing = await db.document.findUnique({ where: { slug }, include: { currentVersion: true } });
  if (existing?.currentVersion?.hash === hash) {
    const passages = await db.passage.count({ where: { versionId: existing.currentVersion.id } });
    return { slug, status: "unchanged", version: hash, number: existing.currentVersion.number, passages };
  }

  const parsed = parseDocument(source, displayPath);
  const { metadata } = parsed;

  return db.$transaction(async (tx) => {
    // Serialise concurrent imports of the same document (e.g. `npm start` and `npm run import`).
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`gloss:import:${slug}`}))`;
    const document = await tx.document.upsert({
      where: { slug },
      create: { slug, title: metadata.title, language: metadata.language, metadata },
      update: {},
      include: { currentVersion: true },
    });
    if (document.currentVersion?.hash === hash) {
      return { slug, status: "unchanged" as const, version: hash, number: document.currentVersion.number, passages: parsed.passages.length };
    }
    let version = await tx.documentVersion.findUnique({ where: { documentId_hash: { documentId: document.id, hash } } });
    const status: ImportStatus = version ? "restored" : document.currentVersion ? "updated" : "created";
    if (!version) {
      const last = await tx.documentVersion.aggregate({ where: { documentId: document.id }, _max: { number: true } });
      version = await tx.documentVersion.create({
        data: {
          documentId: document.id,
          number: (last._max.number ?? 0) + 1,
          hash,
          sourcePath: displayPath,
          source,
          text: parsed.text,
          title: metadata.title,
          metadata,
        },
      });
      await tx.passage.createMany({
        data: parsed.passages.map((p) => ({
          versionId: version!.id,
          anchor: p.id,
          label: p.label,
          kind: p.kind,
          ordinal: p.ordinal,
          section: p.section,
          paragraph: p.paragraph,
          start: p.start,
          end: p.end,
          text: p.text,
          attrs: p.attrs as object,
        })),
      });
    }
    await tx.document.update({
      where: { id: document.id },
      data: { currentVersionId: version.id, title: metadata.title, language: metadata.language, metadata },
    });
    return { slug, status, version: hash, number: version.number, passages: parsed.passages.length };
  }, { timeout: 120_000, maxWait: 30_000 });
}

/** Imports every `*.md` file of a content folder, in name order. */
export async function importContentFolder(db: PrismaClient, dir: string, root = process.cwd()): Promise<ImportResult[]> {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new UserFacingError(`The content folder ${dir} does not exist.`, "no_content");
  }
  const files = fs.readdirSync(dir).filter((name) => name.endsWith(".md")).sort();
  const results: ImportResult[] = [];
  for (const name of files) {
    const filePath = path.join(dir, name);
    results.push(await importDocument(db, filePath, path.relative(root, filePath) || filePath));
  }
  return results;
}

/** One line per imported document, for the CLI. */
export function describeImport(result: ImportResult): string {
  const what = {
    created: "imported",
    updated: "updated to a new version",
    restored: "restored an earlier version",
    unchanged: "unchanged",
  }[result.status];
  return `${result.slug}: ${what} (version ${result.number}, ${result.version.slice(0, 12)}, ${result.passages} passages)`;
}

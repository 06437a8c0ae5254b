import fs from "node:fs";
import path from "node:path";
import { UserFacingError } from "../errors";
import { fillCoordinates } from "../maps/fill-coordinates";
import type { PrismaClient } from "../generated/prisma/client";
import { readContentFiles, type ContentFiles } from "./content-files";
import { replaceCuratedLayer } from "./curated-layer";
import { importReport, type ImportResult } from "./import-report";
import { prepareImport } from "./prepare-import";
import { storeVersion } from "./store-version";

export { contentHash } from "./content-files";
export { describeImport, describeReanchoring, type ImportResult, type ImportStatus } from "./import-report";

/** Whether the stored document already is these files: the same text, and the same curated files. */
const isStoredAs = (
  stored: { currentVersion: { hash: string } | null; entitiesHash: string | null; claimsHash: string | null } | null,
  files: ContentFiles,
) =>
  stored?.currentVersion?.hash === files.hash &&
  stored.entitiesHash === (files.entities?.hash ?? null) &&
  stored.claimsHash === (files.claims?.hash ?? null);

/**
 * Imports one content file (`content/<slug>.md`) and its curated files (`<slug>.entities.yaml`,
 * `<slug>.claims.yaml`, if any), in five steps:
 *
 * 1. **read** the files (content-files.ts);
 * 2. **compare** them with what is stored: the same files change nothing;
 * 3. **parse** the text and **anchor** the curated layer by its quotes, when it is made anew (the
 *    first import, or a curated file changed; when only the text changed, the curated annotations
 *    re-anchor like everyone's) (prepare-import.ts);
 * 4. **store**, in one transaction: the version (new text is a new version; an earlier text makes
 *    that version current again) with every annotation re-anchored onto it (store-version.ts), the
 *    curated layer replaced (curated-layer.ts), and the version made current;
 * 5. **report** what happened (import-report.ts).
 *
 * Everything is parsed and anchored before anything is written, and the write is one transaction,
 * so a malformed file or a quote that cannot be anchored leaves the stored document as it was.
 *
 * @throws DocumentParseError for a malformed file or an unanchorable mention (file, line, quote)
 */
export async function importDocument(db: PrismaClient, filePath: string, displayPath = filePath): Promise<ImportResult> {
  const files = readContentFiles(filePath, displayPath);

  const existing = await db.document.findUnique({ where: { slug: files.slug }, include: { currentVersion: true } });
  if (existing?.currentVersion && isStoredAs(existing, files)) {
    return importReport(db, files, { document: existing, version: existing.currentVersion, status: "unchanged" }, null);
  }

  const derivesCurated =
    !existing?.currentVersion ||
    existing.entitiesHash !== (files.entities?.hash ?? null) ||
    existing.claimsHash !== (files.claims?.hash ?? null);
  const prepared = prepareImport(files, derivesCurated);
  const { metadata } = prepared.parsed;

  const stored = await db.$transaction(
    async (tx) => {
      // Serialise concurrent imports of the same document (e.g. `npm start` and `npm run import`).
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`gloss:import:${files.slug}`}))`;
      const stored = await storeVersion(tx, files, prepared.parsed, derivesCurated);
      if (derivesCurated) {
        await replaceCuratedLayer(tx, files, stored.document.id, stored.version.id, prepared);
      }
      await tx.document.update({
        where: { id: stored.document.id },
        data: {
          currentVersionId: stored.version.id,
          title: metadata.title,
          language: metadata.language,
          metadata,
          ...(derivesCurated
            ? {
                entitiesHash: files.entities?.hash ?? null,
                claimsHash: files.claims?.hash ?? null,
                unlinked: prepared.entities?.data.unlinked ?? [],
              }
            : {}),
        },
      });
      return stored;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  // Places of the curated file get coordinates from the gazetteer when it is sure (lib/maps).
  if (derivesCurated) await fillCoordinates(db, prepared.entities?.data.entities.map((e) => e.id) ?? []);
  return importReport(db, files, stored, prepared);
}

/** Imports every `*.md` file of a content folder, in name order. */
export async function importContentFolder(db: PrismaClient, dir: string, root = process.cwd()): Promise<ImportResult[]> {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new UserFacingError(`The content folder ${dir} does not exist.`, "no_content");
  }
  const files = fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".md"))
    .sort();
  const results: ImportResult[] = [];
  for (const name of files) {
    const filePath = path.join(dir, name);
    results.push(await importDocument(db, filePath, path.relative(root, filePath) || filePath));
  }
  return results;
}

import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { anchorMentions, parseCuratedEntities, type AnchoredMention, type CuratedEntities } from "../entities/curated-entities";
import { UserFacingError } from "../errors";
import type { PrismaClient } from "../generated/prisma/client";
import { parseDocument, type ParsedDocument } from "../text-model/parse-document";

export type ImportStatus = "created" | "updated" | "unchanged" | "restored";

export interface ImportResult {
  slug: string;
  /** What happened to the text. */
  status: ImportStatus;
  /** Content hash of the version now current. */
  version: string;
  /** Version number (1, 2, ...). */
  number: number;
  passages: number;
  /** The curated entities file, when the document has one. */
  entities?: { status: "unchanged" | "updated"; entities: number; mentions: number };
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The SHA-256 of a content file, as hex: the public identifier of a version. */
export function contentHash(source: string): string {
  return createHash("sha256").update(source, "utf8").digest("hex");
}

/** `content/<slug>.md` → `content/<slug>.entities.yaml`. */
export function entitiesFileFor(markdownPath: string): string {
  return markdownPath.replace(/\.md$/, ".entities.yaml");
}

interface CuratedInput {
  hash: string;
  data: CuratedEntities;
  mentions: AnchoredMention[];
}

/**
 * Imports one content file (`content/<slug>.md`) and its curated entities file
 * (`<slug>.entities.yaml`, if any). Unchanged files change nothing; new text becomes a new
 * version (an earlier version's text becomes current again), and the curated mentions are
 * anchored in the current version by their quotes. Everything is parsed and anchored before
 * anything is written, and the write is one transaction, so a malformed file or a mention that
 * cannot be anchored leaves the stored document as it was.
 *
 * @throws DocumentParseError for a malformed file or an unanchorable mention (file, line, quote)
 */
export async function importDocument(db: PrismaClient, filePath: string, displayPath = filePath): Promise<ImportResult> {
  const slug = path.basename(filePath, ".md");
  if (!SLUG.test(slug)) {
    throw new UserFacingError(
      `${displayPath}: a content file's name must be a slug (lower-case letters, digits and hyphens), not "${slug}"`,
    );
  }
  const source = fs.readFileSync(filePath, "utf8");
  const hash = contentHash(source);
  const entitiesPath = entitiesFileFor(filePath);
  const entitiesSource = fs.existsSync(entitiesPath) ? fs.readFileSync(entitiesPath, "utf8") : null;
  const entitiesHash = entitiesSource === null ? null : contentHash(entitiesSource);

  const existing = await db.document.findUnique({ where: { slug }, include: { currentVersion: true } });
  if (existing?.currentVersion?.hash === hash && existing.entitiesHash === entitiesHash) {
    return summarize(db, slug, "unchanged", existing.currentVersion, existing.id, entitiesHash === null ? undefined : "unchanged");
  }

  const parsed: ParsedDocument = parseDocument(source, displayPath);
  let curated: CuratedInput | null = null;
  if (entitiesSource !== null && entitiesHash !== null) {
    const entitiesDisplay = entitiesFileFor(displayPath);
    const data = parseCuratedEntities(entitiesSource, entitiesDisplay);
    curated = { hash: entitiesHash, data, mentions: anchorMentions(data, parsed.text, parsed.passages, slug, entitiesDisplay) };
  }
  const { metadata } = parsed;

  return db.$transaction(
    async (tx) => {
      // Serialise concurrent imports of the same document (e.g. `npm start` and `npm run import`).
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`gloss:import:${slug}`}))`;
      const document = await tx.document.upsert({
        where: { slug },
        create: { slug, title: metadata.title, language: metadata.language, metadata },
        update: {},
        include: { currentVersion: true },
      });
      let version = await tx.documentVersion.findUnique({ where: { documentId_hash: { documentId: document.id, hash } } });
      const status: ImportStatus =
        document.currentVersion?.hash === hash ? "unchanged" : version ? "restored" : document.currentVersion ? "updated" : "created";
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

      // Curated mentions are derived from the curated file and the current text: replace them.
      await tx.annotation.deleteMany({ where: { documentId: document.id, origin: "curated" } });
      if (curated) {
        for (const entity of curated.data.entities) {
          const fields = {
            kind: entity.kind,
            name: entity.name,
            aliases: entity.aliases,
            description: entity.description,
            identifiers: entity.identifiers,
          };
          await tx.entity.upsert({ where: { id: entity.id }, create: { id: entity.id, ...fields }, update: fields });
        }
        await tx.annotation.createMany({
          data: curated.mentions.map((m) => ({
            id: m.id,
            documentId: document.id,
            versionId: version!.id,
            motivation: "identifying",
            origin: "curated",
            entityId: m.entityId,
            exact: m.exact,
            prefix: m.prefix,
            suffix: m.suffix,
            start: m.start,
            end: m.end,
            passageId: m.passageId,
          })),
        });
      }

      await tx.document.update({
        where: { id: document.id },
        data: { currentVersionId: version.id, title: metadata.title, language: metadata.language, metadata, entitiesHash },
      });
      return {
        slug,
        status,
        version: hash,
        number: version.number,
        passages: parsed.passages.length,
        entities: curated
          ? {
              status: document.entitiesHash === entitiesHash && status === "unchanged" ? "unchanged" : "updated",
              entities: curated.data.entities.length,
              mentions: curated.mentions.length,
            }
          : undefined,
      } satisfies ImportResult;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

async function summarize(
  db: PrismaClient,
  slug: string,
  status: ImportStatus,
  version: { id: string; hash: string; number: number },
  documentId: string,
  entitiesStatus: "unchanged" | undefined,
): Promise<ImportResult> {
  const [passages, mentions, entities] = await Promise.all([
    db.passage.count({ where: { versionId: version.id } }),
    db.annotation.count({ where: { documentId, origin: "curated", motivation: "identifying" } }),
    db.annotation.findMany({
      where: { documentId, origin: "curated", motivation: "identifying" },
      distinct: ["entityId"],
      select: { entityId: true },
    }),
  ]);
  return {
    slug,
    status,
    version: version.hash,
    number: version.number,
    passages,
    entities: entitiesStatus ? { status: entitiesStatus, entities: entities.length, mentions } : undefined,
  };
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

/** One line per imported document, for the CLI. */
export function describeImport(result: ImportResult): string {
  const what = {
    created: "imported",
    updated: "updated to a new version",
    restored: "restored an earlier version",
    unchanged: "unchanged",
  }[result.status];
  const entities = result.entities
    ? `; entities ${result.entities.status}: ${result.entities.entities} entities, ${result.entities.mentions} mentions`
    : "";
  return `${result.slug}: ${what} (version ${result.number}, ${result.version.slice(0, 12)}, ${result.passages} passages)${entities}`;
}

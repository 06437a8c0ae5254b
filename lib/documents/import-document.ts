import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseAndAnchorClaims, type AnchoredClaims } from "../claims/curated-claims";
import { storedConflictId } from "../claims/ids";
import {
  anchorMentions,
  anchorUnlinked,
  parseCuratedEntities,
  type AnchoredMention,
  type CuratedEntities,
} from "../entities/curated-entities";
import { UserFacingError } from "../errors";
import type { PrismaClient } from "../generated/prisma/client";
import { parseDocument, type ParsedDocument } from "../text-model/parse-document";
import { reanchorDocumentAnnotations, type ReanchorReport } from "./reanchor-annotations";

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
  /** The curated claims file, when the document has one. */
  claims?: { status: "unchanged" | "updated"; claims: number; evidence: number; conflicts: number };
  /** When the text changed: what became of the annotations made on the version before. */
  reanchoring?: ReanchorReport;
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

/** `content/<slug>.md` → `content/<slug>.claims.yaml`. */
export function claimsFileFor(markdownPath: string): string {
  return markdownPath.replace(/\.md$/, ".claims.yaml");
}

const readIfExists = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, "utf8") : null);

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
  const entitiesSource = readIfExists(entitiesFileFor(filePath));
  const entitiesHash = entitiesSource === null ? null : contentHash(entitiesSource);
  const claimsSource = readIfExists(claimsFileFor(filePath));
  const claimsHash = claimsSource === null ? null : contentHash(claimsSource);

  const existing = await db.document.findUnique({ where: { slug }, include: { currentVersion: true } });
  if (existing?.currentVersion?.hash === hash && existing.entitiesHash === entitiesHash && existing.claimsHash === claimsHash) {
    return summarize(db, slug, existing.currentVersion, existing.id, entitiesHash !== null, claimsHash !== null);
  }

  const parsed: ParsedDocument = parseDocument(source, displayPath);
  // The curated files are anchored anew when they change (or on the first import); when only the
  // text changed, their annotations re-anchor like everyone's.
  const deriveCurated = !existing?.currentVersion || existing.entitiesHash !== entitiesHash || existing.claimsHash !== claimsHash;
  let curated: CuratedInput | null = null;
  if (deriveCurated && entitiesSource !== null && entitiesHash !== null) {
    const entitiesDisplay = entitiesFileFor(displayPath);
    const data = parseCuratedEntities(entitiesSource, entitiesDisplay);
    curated = { hash: entitiesHash, data, mentions: anchorMentions(data, parsed.text, parsed.passages, slug, entitiesDisplay) };
    // Checked like the mentions; kept as snippets, found again in whatever text is current.
    anchorUnlinked(data.unlinked, parsed.text, { file: entitiesDisplay, lineOf: data.unlinkedLine });
  }
  let claims: AnchoredClaims | null = null;
  if (deriveCurated && claimsSource !== null) {
    const entityIds = new Set(curated?.data.entities.map((e) => e.id) ?? []);
    claims = parseAndAnchorClaims(claimsSource, claimsFileFor(displayPath), parsed.text, parsed.passages, slug, entityIds);
  }
  const { metadata } = parsed;

  const written = await db.$transaction(
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

      // New text: every annotation follows its words to the new version, or is orphaned.
      let reanchoring: ReanchorReport | undefined;
      const previous = document.currentVersion;
      if (previous && previous.id !== version.id) {
        const passages = await tx.passage.findMany({
          where: { versionId: version.id },
          orderBy: { ordinal: "asc" },
          select: { anchor: true, start: true, end: true },
        });
        reanchoring = await reanchorDocumentAnnotations(tx, document.id, previous, { ...version, passages }, deriveCurated);
      }
      if (!deriveCurated) {
        await tx.document.update({
          where: { id: document.id },
          data: { currentVersionId: version.id, title: metadata.title, language: metadata.language, metadata },
        });
        return { status, version, reanchoring };
      }

      // Curated annotations are derived from the curated files and the current text: replace them.
      // Readers' annotations, claims and entities (origin "user") are never deleted or rewritten:
      // replies only ever go to readers' annotations (a curated one is replaced here), and the
      // ids of user claims and entities ("u--...") cannot be curated ids (kebab-case slugs).
      await tx.annotation.deleteMany({ where: { documentId: document.id, origin: "curated" } });
      await tx.claim.deleteMany({ where: { documentId: document.id, origin: "curated" } });
      await tx.conflict.deleteMany({ where: { documentId: document.id } });
      if (curated) {
        const taken = await tx.entity.findFirst({
          where: { id: { in: curated.data.entities.map((e) => e.id) }, origin: { not: "curated" } },
          select: { id: true },
        });
        if (taken) throw new UserFacingError(`${entitiesFileFor(displayPath)}: entity id "${taken.id}" belongs to a reader's entity`);
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

      if (claims) {
        const taken = await tx.claim.findMany({
          where: { id: { in: claims.claims.map((c) => c.id) }, documentId: { not: document.id } },
          select: { id: true },
        });
        if (taken.length > 0)
          throw new UserFacingError(`${claimsFileFor(displayPath)}: claim id "${taken[0].id}" is already used by another document`);
        await tx.claim.createMany({
          data: claims.claims.map((claim, ordinal) => ({
            id: claim.id,
            documentId: document.id,
            statement: claim.statement,
            kind: claim.kind,
            dateValue: claim.date?.value ?? null,
            dateEnd: claim.date?.end ?? null,
            datePrecision: claim.date?.precision ?? null,
            dateApproximate: claim.date?.approximate ?? false,
            entityIds: claim.entities,
            ordinal,
          })),
        });
        await tx.conflict.createMany({
          data: claims.conflicts.map((conflict, ordinal) => ({
            id: storedConflictId(slug, conflict.id),
            documentId: document.id,
            reason: conflict.reason,
            ordinal,
          })),
        });
        const range = (r: { start: number; end: number; exact: string; prefix: string; suffix: string; passageId: string }) => ({
          documentId: document.id,
          versionId: version!.id,
          origin: "curated",
          exact: r.exact,
          prefix: r.prefix,
          suffix: r.suffix,
          start: r.start,
          end: r.end,
          passageId: r.passageId,
        });
        await tx.annotation.createMany({
          data: [
            ...claims.evidence.map((e) => ({
              ...range(e),
              id: e.id,
              motivation: "linking",
              claimId: e.claimId,
              stance: e.stance,
              body: e.note ? { note: e.note } : undefined,
            })),
            ...claims.sides.map((side) => ({
              ...range(side),
              id: side.id,
              motivation: "questioning",
              conflictId: storedConflictId(slug, side.conflictId),
              claimId: side.claimId ?? null,
            })),
          ],
        });
      }

      await tx.document.update({
        where: { id: document.id },
        data: {
          currentVersionId: version.id,
          title: metadata.title,
          language: metadata.language,
          metadata,
          entitiesHash,
          claimsHash,
          unlinked: curated?.data.unlinked ?? [],
        },
      });
      return {
        slug,
        status,
        version: hash,
        number: version.number,
        passages: parsed.passages.length,
        ...(reanchoring ? { reanchoring } : {}),
        entities: curated
          ? {
              status: document.entitiesHash === entitiesHash && status === "unchanged" ? "unchanged" : "updated",
              entities: curated.data.entities.length,
              mentions: curated.mentions.length,
            }
          : undefined,
        claims: claims
          ? {
              status: document.claimsHash === claimsHash && status === "unchanged" ? "unchanged" : "updated",
              claims: claims.claims.length,
              evidence: claims.evidence.length,
              conflicts: claims.conflicts.length,
            }
          : undefined,
      } satisfies ImportResult;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  if ("slug" in written) return written;
  // Only the text changed: the curated layer was re-anchored, not derived; count it as it stands.
  const summary = await summarize(db, slug, written.version, existing!.id, entitiesHash !== null, claimsHash !== null);
  return { ...summary, status: written.status, ...(written.reanchoring ? { reanchoring: written.reanchoring } : {}) };
}

async function summarize(
  db: PrismaClient,
  slug: string,
  version: { id: string; hash: string; number: number },
  documentId: string,
  hasEntities: boolean,
  hasClaims: boolean,
): Promise<ImportResult> {
  const curatedMentions = { documentId, origin: "curated", motivation: "identifying" };
  const [passages, mentions, entities, claims, evidence, conflicts] = await Promise.all([
    db.passage.count({ where: { versionId: version.id } }),
    db.annotation.count({ where: curatedMentions }),
    db.annotation.findMany({ where: curatedMentions, distinct: ["entityId"], select: { entityId: true } }),
    db.claim.count({ where: { documentId, origin: "curated" } }),
    db.annotation.count({ where: { documentId, origin: "curated", motivation: "linking" } }),
    db.conflict.count({ where: { documentId } }),
  ]);
  return {
    slug,
    status: "unchanged",
    version: version.hash,
    number: version.number,
    passages,
    entities: hasEntities ? { status: "unchanged", entities: entities.length, mentions } : undefined,
    claims: hasClaims ? { status: "unchanged", claims, evidence, conflicts } : undefined,
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
  const claims = result.claims
    ? `; claims ${result.claims.status}: ${result.claims.claims} claims, ${result.claims.evidence} evidence links, ${result.claims.conflicts} conflicts`
    : "";
  const line = `${result.slug}: ${what} (version ${result.number}, ${result.version.slice(0, 12)}, ${result.passages} passages)${entities}${claims}`;
  return result.reanchoring ? `${line}\n${describeReanchoring(result.reanchoring)}` : line;
}

/** The re-anchoring report for the CLI: the counts, then each fuzzy and orphaned annotation. */
export function describeReanchoring(report: ReanchorReport, limit = 50): string {
  const total = report.unchanged + report.moved + report.fuzzy + report.orphaned;
  const lines = [
    `  re-anchored ${total} annotations from version ${report.from.number} to ${report.to.number} in ${report.durationMs} ms: ` +
      `${report.unchanged} unchanged, ${report.moved} moved, ${report.fuzzy} fuzzy, ${report.orphaned} orphaned`,
  ];
  const clip = (text: string, from = 0) =>
    JSON.stringify(`${from > 0 ? "..." : ""}${text.length - from > 60 ? `${text.slice(from, from + 57)}...` : text.slice(from)}`);
  // Where two long quotes first differ, so that the change shows in the clipped forms.
  const firstDifference = (a: string, b: string) => {
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    return i < 50 ? 0 : i - 20;
  };
  for (const detail of report.details.slice(0, limit)) {
    const what = `${detail.origin} ${detail.motivation} ${detail.id}`;
    lines.push(
      detail.state === "fuzzy"
        ? `    fuzzy     ${what}: ${clip(detail.priorExact ?? "", firstDifference(detail.priorExact ?? "", detail.exact))} is now ${clip(detail.exact, firstDifference(detail.priorExact ?? "", detail.exact))} (#${detail.passageId})`
        : `    orphaned  ${what}: ${clip(detail.exact)} is gone${detail.wasOrphaned ? " (still)" : ""}`,
    );
  }
  if (report.details.length > limit) lines.push(`    ... and ${report.details.length - limit} more (see the document's history page)`);
  return lines.join("\n");
}

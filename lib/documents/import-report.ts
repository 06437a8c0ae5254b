import type { PrismaClient } from "../generated/prisma/client";
import type { ContentFiles } from "./content-files";
import type { PreparedImport } from "./prepare-import";
import type { ReanchorReport } from "./reanchor-annotations";
import type { ImportStatus, StoredVersion } from "./store-version";

export type { ImportStatus };

/** What an import did, for the command line and the tests. */
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

/** The curated layer as stored: what it holds when this import did not make it anew. */
async function storedCuratedLayer(db: PrismaClient, documentId: string) {
  const curatedMentions = { documentId, origin: "curated", motivation: "identifying" };
  const [mentions, entities, claims, evidence, conflicts] = await Promise.all([
    db.annotation.count({ where: curatedMentions }),
    db.annotation.findMany({ where: curatedMentions, distinct: ["entityId"], select: { entityId: true } }),
    db.claim.count({ where: { documentId, origin: "curated" } }),
    db.annotation.count({ where: { documentId, origin: "curated", motivation: "linking" } }),
    db.conflict.count({ where: { documentId } }),
  ]);
  return { entities: entities.length, mentions, claims, evidence, conflicts };
}

/**
 * The result of an import: the version now current, and the curated layer as this import made it
 * (`prepared`, when it derived the layer anew) or as it was already stored.
 */
export async function importReport(
  db: PrismaClient,
  files: ContentFiles,
  stored: StoredVersion,
  prepared: Pick<PreparedImport, "derivesCurated" | "entities" | "claims"> | null,
): Promise<ImportResult> {
  const passages = await db.passage.count({ where: { versionId: stored.version.id } });
  const base = {
    slug: files.slug,
    status: stored.status,
    version: stored.version.hash,
    number: stored.version.number,
    passages,
    ...(stored.reanchoring ? { reanchoring: stored.reanchoring } : {}),
  };
  // Made anew from a file that may not have changed (the text did, on the first import): "updated"
  // unless both the file and the text are as they were.
  const fileStatus = (before: string | null, file: { hash: string }) =>
    before === file.hash && stored.status === "unchanged" ? ("unchanged" as const) : ("updated" as const);

  if (prepared?.derivesCurated) {
    const { entities, claims } = prepared;
    return {
      ...base,
      entities:
        entities && files.entities
          ? {
              status: fileStatus(stored.document.entitiesHash, files.entities),
              entities: entities.data.entities.length,
              mentions: entities.mentions.length,
            }
          : undefined,
      claims:
        claims && files.claims
          ? {
              status: fileStatus(stored.document.claimsHash, files.claims),
              claims: claims.claims.length,
              evidence: claims.evidence.length,
              conflicts: claims.conflicts.length,
            }
          : undefined,
    };
  }
  const layer = files.entities || files.claims ? await storedCuratedLayer(db, stored.document.id) : null;
  return {
    ...base,
    entities: layer && files.entities ? { status: "unchanged", entities: layer.entities, mentions: layer.mentions } : undefined,
    claims:
      layer && files.claims
        ? { status: "unchanged", claims: layer.claims, evidence: layer.evidence, conflicts: layer.conflicts }
        : undefined,
  };
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

import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import type { PrismaClient } from "../generated/prisma/client";
import { DomainError } from "../errors";
import { storeVersion, type ImportStatus } from "../documents/store-version";
import { assembleSource, type AssembledSource, type SourceOverrides } from "../sources/assemble-source";
import { readSource } from "../sources/read-source";
import { ImportFailure, SOURCE_LIMITS, type SourceFormat } from "../sources/source-document";
import { asciiSlug } from "../user-ids";
import { proposeDates, type ProposedDate } from "../claims/propose-dates";
import { recogniserLists } from "../entities/name-lexicon";
import { proposeNames, type NameProposal } from "../entities/propose-names";
import { registryFor } from "../entities/registry";
import { storeMarkedNames } from "./marked-names";
import { storeDateProposals, storeProposals, undecidedProposals } from "./store-proposals";
import { proposedPlacePoints } from "../maps/fill-coordinates";
import { documentOfSameBytes, PASTED_TEXT } from "./same-source";

/** A file to import, on disk, with what is known of it. */
export interface SourceInput {
  /** Where the bytes are. */
  path: string;
  /** The name to show ("report.pdf", "pasted text"). */
  fileName: string;
  format: SourceFormat;
  /** SHA-256 of the bytes, hex. */
  hash: string;
  overrides: SourceOverrides;
  /** The importing account; null for an edition imported from the command line (public, no owner). */
  ownerId: string | null;
  visibility: "public" | "private";
  /** A new version of this document, instead of a new document. */
  targetDocumentId?: string | null;
}

/** A stage of an import, in words a person reads, and how far the whole import is (0..1). */
export type ReportStage = (stage: string, progress: number) => void | Promise<void>;

/** The most names proposed for one document (the surest are kept): a review queue stays a queue. */
const MAX_PROPOSALS = 20_000;

/** What an import made. */
export interface ImportedSource {
  document: { id: string; slug: string };
  /** "created" (a new document), "updated" (a new version), "unchanged" (these bytes were there already), "restored". */
  status: ImportStatus;
  passages: number;
}

/** A new document's slug: its title's words and a random part, so that no slug tells of another reader's document. */
export const newDocumentSlug = (title: string) =>
  `${asciiSlug(title, "document").slice(0, 50).replace(/-+$/, "")}-${randomBytes(4).toString("hex")}`;

/**
 * Imports one source file, in four stages, each reported: read the file (its format's reader:
 * lib/sources), lay it out as passages (assembleSource), store it in one transaction (a new
 * document, or a new version of `targetDocumentId` with every annotation re-anchored as for a
 * changed content file), then the names the source marks. Everything before the transaction is
 * pure work on the bytes; the transaction is the only write, so a failure at any point stores
 * nothing: no document, no version.
 *
 * @throws ImportFailure for a file that cannot be imported (unreadable, no_text_layer, empty, too_large)
 * @throws DomainError not_found when the document to revise is gone
 */
export async function importSource(db: PrismaClient, input: SourceInput, report: ReportStage = () => {}): Promise<ImportedSource> {
  if (!input.targetDocumentId) {
    const same = await documentOfSameBytes(db, input.ownerId, input.hash);
    if (same) return { document: same, status: "unchanged", passages: await passageCount(db, same.id) };
  }
  await report("reading the file", 0.02);
  const stat = await fs.stat(input.path);
  if (stat.size > SOURCE_LIMITS.maxUploadBytes) throw new ImportFailure("too_large", "The file is larger than 50 MB.");
  const bytes = new Uint8Array(await fs.readFile(input.path));
  await report("extracting text", 0.05);
  let lastReport = 0;
  const source = await readSource(input.format, { bytes, name: input.fileName }, (fraction) => {
    // The readers call this often (a PDF per page); the stored progress moves by a percent at least.
    const progress = 0.05 + 0.65 * Math.min(1, Math.max(0, fraction));
    if (progress - lastReport >= 0.01) {
      lastReport = progress;
      void report("extracting text", progress);
    }
  });
  await report("building passages", 0.72);
  const fallbackTitle = input.fileName === PASTED_TEXT ? null : input.fileName.replace(/\.[a-z0-9]+$/i, "").replace(/[_]+/g, " ");
  const assembled = assembleSource(source, input.overrides, fallbackTitle);
  // Names and dates are proposed for a new document and for a new version alike; a new version's
  // are then cut to what is new to it (undecidedProposals, once its mentions are re-anchored).
  await report("finding names", 0.76);
  const registry = await registryFor(db, input.ownerId);
  const text = assembled.parsed.text;
  const names = proposeNames(text, registry, { lists: recogniserLists(text), covered: assembled.names, limit: MAX_PROPOSALS });
  const points = proposedPlacePoints(names);
  await report("finding dates", 0.82);
  const dates = proposeDates(text, assembled.parsed.passages);
  await report("storing the text", 0.85);
  const stored = await storeAssembled(db, input, assembled, { names, points, dates });
  await report("done", 1);
  return stored;
}

async function passageCount(db: PrismaClient, documentId: string): Promise<number> {
  const document = await db.document.findUnique({
    where: { id: documentId },
    select: { currentVersion: { select: { _count: { select: { passages: true } } } } },
  });
  return document?.currentVersion?._count.passages ?? 0;
}

/** The one write of an import: the document (or its new version), its passages, its marked names. */
async function storeAssembled(
  db: PrismaClient,
  input: SourceInput,
  assembled: AssembledSource,
  proposed: { names: NameProposal[]; points: ReadonlyMap<string, [number, number]>; dates: ProposedDate[] },
): Promise<ImportedSource> {
  const { parsed } = assembled;
  const { metadata } = parsed;
  return db.$transaction(
    async (tx) => {
      let slug: string;
      if (input.targetDocumentId) {
        const target = await tx.document.findUnique({ where: { id: input.targetDocumentId }, select: { slug: true } });
        if (!target) throw new DomainError("not_found", "The document to revise is gone.");
        slug = target.slug;
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`gloss:import:${slug}`}))`;
      } else {
        // Two imports of the same bytes at once: the second waits, then finds the first's document.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`gloss:source:${input.ownerId ?? ""}:${input.hash}`}))`;
        const same = await documentOfSameBytes(tx, input.ownerId, input.hash);
        if (same) return { document: same, status: "unchanged" as const, passages: parsed.passages.length };
        slug = newDocumentSlug(metadata.title);
        await tx.document.create({
          data: {
            slug,
            title: metadata.title,
            language: metadata.language,
            metadata,
            ownerId: input.ownerId,
            visibility: input.visibility,
            format: input.format,
            sourceHash: input.hash,
          },
        });
      }
      const files = { slug, hash: input.hash, displayPath: input.fileName, source: "", entities: null, claims: null };
      const stored = await storeVersion(tx, files, parsed, false);
      await tx.document.update({
        where: { id: stored.document.id },
        data: { currentVersionId: stored.version.id, title: metadata.title, language: metadata.language, metadata, format: input.format },
      });
      if (stored.status === "created" || stored.status === "updated") {
        await storeMarkedNames(
          tx,
          { documentId: stored.document.id, versionId: stored.version.id, ownerId: input.ownerId, text: parsed.text },
          assembled.names,
        );
        const target = { documentId: stored.document.id, versionId: stored.version.id };
        const { names, dates } = input.targetDocumentId ? await undecidedProposals(tx, target, proposed) : proposed;
        await storeProposals(tx, { ...target, text: parsed.text, passages: parsed.passages }, names, proposed.points);
        await storeDateProposals(tx, target, dates);
      }
      return { document: { id: stored.document.id, slug }, status: stored.status, passages: parsed.passages.length };
    },
    { timeout: 300_000, maxWait: 30_000 },
  );
}

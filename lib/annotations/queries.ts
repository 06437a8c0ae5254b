import { z } from "zod";
import { getDb } from "../db";
import type { StoredAnnotation } from "./w3c";

/** The W3C motivations (Web Annotation Vocabulary §3.3.5). */
export const MOTIVATIONS = [
  "assessing",
  "bookmarking",
  "classifying",
  "commenting",
  "describing",
  "editing",
  "highlighting",
  "identifying",
  "linking",
  "moderating",
  "questioning",
  "replying",
  "tagging",
] as const;

export const ANCHOR_STATES = ["exact", "moved", "fuzzy", "orphaned"] as const;

/** Query parameters of an annotation collection. */
export const collectionQuerySchema = z
  .object({
    page: z.coerce.number().int().min(0).max(1_000_000).optional(),
    motivation: z.enum(MOTIVATIONS).optional(),
    state: z.enum(ANCHOR_STATES).optional(),
  })
  .strict();
export type CollectionQuery = z.infer<typeof collectionQuerySchema>;

export const PAGE_SIZE = 200;

const select = {
  id: true,
  motivation: true,
  entityId: true,
  exact: true,
  prefix: true,
  suffix: true,
  start: true,
  end: true,
  state: true,
  visibility: true,
  created: true,
  modified: true,
  stance: true,
  claim: { select: { id: true, statement: true } },
  conflict: { select: { id: true, reason: true } },
  version: { select: { hash: true } },
} as const;

type Row = StoredAnnotation & { version: { hash: string } };

/**
 * One page of the public annotations on a document, in text order, with the total; null when
 * the document does not exist.
 */
export async function listDocumentAnnotations(slug: string, query: CollectionQuery) {
  const db = getDb();
  const document = await db.document.findUnique({
    where: { slug },
    select: { id: true, title: true, currentVersion: { select: { hash: true } } },
  });
  if (!document?.currentVersion) return null;
  const where = {
    documentId: document.id,
    visibility: "public" as const,
    ...(query.motivation ? { motivation: query.motivation } : {}),
    ...(query.state ? { state: query.state } : {}),
  };
  const page = query.page ?? 0;
  const [total, rows] = await Promise.all([
    db.annotation.count({ where }),
    db.annotation.findMany({
      where,
      orderBy: [{ start: "asc" }, { end: "asc" }, { id: "asc" }],
      skip: page * PAGE_SIZE,
      take: PAGE_SIZE,
      select,
    }),
  ]);
  return { title: document.title, version: document.currentVersion.hash, total, page, items: rows as Row[] };
}

/** One public annotation with its document's slug and the version its selectors refer to. */
export async function getAnnotation(id: string) {
  const row = await getDb().annotation.findUnique({
    where: { id },
    select: { ...select, document: { select: { slug: true } } },
  });
  if (!row || row.visibility !== "public") return null;
  return row as Row & { document: { slug: string } };
}

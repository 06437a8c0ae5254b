import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { UserFacingError } from "../errors";
import { KEBAB_SLUG } from "../validation/ids";

/** A curated file beside an edition: its text, its hash, and the path to name in messages. */
export interface CuratedFile {
  source: string;
  hash: string;
  displayPath: string;
}

/** An edition as read from `content/`: `<slug>.md`, and its curated entities and claims files if any. */
export interface ContentFiles {
  slug: string;
  /** The path to name in messages and keep on the version (relative to the project, say). */
  displayPath: string;
  source: string;
  /** The SHA-256 of `source`: the version's public identifier. */
  hash: string;
  entities: CuratedFile | null;
  claims: CuratedFile | null;
}

/** The SHA-256 of a content file, as hex: the public identifier of a version. */
export function contentHash(source: string): string {
  return createHash("sha256").update(source, "utf8").digest("hex");
}

/** `content/<slug>.md` → `content/<slug>.entities.yaml`. */
export const entitiesFileFor = (markdownPath: string) => markdownPath.replace(/\.md$/, ".entities.yaml");

/** `content/<slug>.md` → `content/<slug>.claims.yaml`. */
export const claimsFileFor = (markdownPath: string) => markdownPath.replace(/\.md$/, ".claims.yaml");

function readCurated(file: string, displayPath: string): CuratedFile | null {
  if (!fs.existsSync(file)) return null;
  const source = fs.readFileSync(file, "utf8");
  return { source, hash: contentHash(source), displayPath };
}

/**
 * Reads `content/<slug>.md` and the curated files beside it.
 *
 * @throws UserFacingError when the file's name is not a slug
 */
export function readContentFiles(filePath: string, displayPath = filePath): ContentFiles {
  const slug = path.basename(filePath, ".md");
  if (!KEBAB_SLUG.test(slug)) {
    throw new UserFacingError(
      `${displayPath}: a content file's name must be a slug (lower-case letters, digits and hyphens), not "${slug}"`,
    );
  }
  const source = fs.readFileSync(filePath, "utf8");
  return {
    slug,
    displayPath,
    source,
    hash: contentHash(source),
    entities: readCurated(entitiesFileFor(filePath), entitiesFileFor(displayPath)),
    claims: readCurated(claimsFileFor(filePath), claimsFileFor(displayPath)),
  };
}

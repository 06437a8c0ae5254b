import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** What a production build depends on, relative to the project root. */
const INPUTS = ["app", "lib", "public", "proxy.ts", "prisma/schema.prisma", "next.config.js", "tsconfig.json", "package-lock.json"];
const SKIP = new Set(["generated", "node_modules", "bench-floor"]);

function collect(root: string, relative: string, out: string[]): void {
  const full = path.join(root, relative);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(full);
  } catch {
    return;
  }
  if (stat.isDirectory()) {
    for (const name of fs.readdirSync(full).sort()) if (!SKIP.has(name)) collect(root, path.join(relative, name), out);
  } else {
    out.push(relative);
  }
}

/**
 * A hash of every file the production build depends on: when it differs from the one recorded
 * by the last build, the build is stale.
 */
export function buildStamp(root: string): string {
  const files: string[] = [];
  for (const input of INPUTS) collect(root, input, files);
  const hash = createHash("sha256");
  for (const file of files) {
    hash
      .update(file)
      .update("\0")
      .update(fs.readFileSync(path.join(root, file)))
      .update("\0");
  }
  return hash.digest("hex");
}

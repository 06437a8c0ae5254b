import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const root = path.resolve(__dirname, "../..");
export const editionPath = path.join(root, "content", "second-east-turkistan-republic.md");

/** A temporary content folder holding `files` (name to markdown); removed by the caller. */
export function makeContentFolder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gloss-content-"));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

/** A small valid content file with one paragraph of `body`. */
export function smallDocument(body: string, title = "A test document"): string {
  return `---\ntitle: "${title}"\nlanguage: en\nauthor: unknown\npublisher: unknown\nurl: unknown\npublished: unknown\n---\n\n## First section\n\n${body}\n`;
}

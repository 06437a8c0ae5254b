import { spawn } from "node:child_process";
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

/** A short text before and after an edit (for re-anchoring and history tests). */
export const EDITED_FIRST = smallDocument(
  [
    "Ahmetjan Qasimi led the delegation to Urumqi in 1946.",
    "The Ili valley was the base of the rebellion. Ghulja fell in November 1944.",
    "Sheng Shicai ruled the province until 1944. He had been allied with the Soviet Union.",
  ].join("\n\n"),
);
/** EDITED_FIRST with a respelled name (same length), a deleted sentence and an inserted paragraph. */
export const EDITED_SECOND = smallDocument(
  [
    "Ahmetjan Kasimi led the delegation to Urumqi in 1946.",
    "The Ili valley was the base of the rebellion.",
    "A paragraph added in the second edition.",
    "Sheng Shicai ruled the province until 1944. He had been allied with the Soviet Union.",
  ].join("\n\n"),
);

/**
 * The curated names of EDITED_FIRST: Ili, and (unless left out) Ghulja, whose sentence
 * EDITED_SECOND deletes. Entity ids end in `suffix`, as entities are shared by every document.
 */
export function editedEntities(suffix: string, withGhulja = true): string {
  const entity = (name: string, description: string, mention: string) => [
    `  - id: ${name.toLowerCase()}-${suffix}`,
    "    kind: place",
    `    name: ${name}`,
    "    aliases: []",
    `    description: ${description}`,
    "    mentions:",
    `      - "${mention}"`,
  ];
  return [
    "entities:",
    ...entity("Ili", "A valley.", "The {Ili} valley"),
    ...(withGhulja ? entity("Ghulja", "A town.", "{Ghulja} fell") : []),
    "",
  ].join("\n");
}

/** What a script printed, and how it ended. */
export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a script of scripts/ with tsx and arguments, as `npm run` does, and collects its output. */
export function runScript(script: string, env: Record<string, string | undefined>, args: string[] = []): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

// `npm run import`: imports content/*.md (or GLOSS_CONTENT_DIR) into the database (DATABASE_URL,
// or the embedded one, joining it when `npm start` already runs it).
// `npm run import -- <file> [<file> ...] [--title T] [--author A ...] [--date D] [--publisher P]
//   [--url U] [--language L] [--format F] [--owner EMAIL]`: imports source files (any format Gloss
// reads) through the same pipeline as the upload page, each a new document: private to --owner's
// account when given, else public with no owner.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../lib/database/local-database";
import { migrateDatabase } from "../lib/database/migrate";
import { disconnectDb, getDb } from "../lib/db";
import { describeImport, importContentFolder } from "../lib/documents/import-document";
import { UserFacingError } from "../lib/errors";
import { importSource } from "../lib/imports/import-source";
import { detectFormat, isSourceFormat, readableFormats } from "../lib/sources/detect-format";
import { ImportFailure } from "../lib/sources/source-document";
import { runCli } from "./cli";

const { values: options, positionals: files } = parseArgs({
  allowPositionals: true,
  options: {
    title: { type: "string" },
    author: { type: "string", multiple: true },
    date: { type: "string" },
    publisher: { type: "string" },
    url: { type: "string" },
    language: { type: "string" },
    format: { type: "string" },
    owner: { type: "string" },
  },
});

async function importFiles(): Promise<void> {
  const db = getDb();
  let ownerId: string | null = null;
  if (options.owner) {
    const owner = await db.user.findUnique({ where: { email: options.owner.toLowerCase() }, select: { id: true } });
    if (!owner) throw new UserFacingError(`No account with the email ${options.owner}.`);
    ownerId = owner.id;
  }
  for (const file of files) {
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UserFacingError(`No file ${file}.`);
    const bytes = fs.readFileSync(file);
    const name = path.basename(file);
    if (options.format && !isSourceFormat(options.format))
      throw new UserFacingError(`--format must be one of: markdown, text, html, docx, pdf, tei, epub.`);
    const format =
      options.format && isSourceFormat(options.format) ? options.format : detectFormat({ name, head: bytes.subarray(0, 65536) });
    if (!format) throw new UserFacingError(`${file}: Gloss cannot read this file. It reads ${readableFormats()}.`);
    const started = Date.now();
    try {
      const result = await importSource(
        db,
        {
          path: file,
          fileName: name,
          format,
          hash: createHash("sha256").update(bytes).digest("hex"),
          overrides: {
            ...(options.title ? { title: options.title } : {}),
            ...(options.author ? { authors: options.author } : {}),
            ...(options.date ? { date: options.date } : {}),
            ...(options.publisher ? { publisher: options.publisher } : {}),
            ...(options.url ? { url: options.url } : {}),
            ...(options.language ? { language: options.language } : {}),
          },
          ownerId,
          visibility: ownerId ? "private" : "public",
        },
        (stage, progress) => {
          if (process.stdout.isTTY) process.stdout.write(`\r${name}: ${stage} (${Math.round(progress * 100)}%)   `);
        },
      );
      if (process.stdout.isTTY) process.stdout.write("\n");
      const what = result.status === "unchanged" ? "already imported as" : "imported as";
      console.log(
        `${name}: ${what} /documents/${result.document.slug} (${result.passages} passages, ${format}, ${Date.now() - started} ms)`,
      );
    } catch (error) {
      if (error instanceof ImportFailure) throw new UserFacingError(`${file}: ${error.message} (${error.code})`);
      throw error;
    }
  }
}

runCli(async () => {
  const database = await openDatabase();
  try {
    process.env.DATABASE_URL = database.url;
    await migrateDatabase(database.url);
    if (files.length > 0) await importFiles();
    else {
      const results = await importContentFolder(getDb(), path.resolve(process.env.GLOSS_CONTENT_DIR ?? "content"));
      for (const result of results) console.log(describeImport(result));
    }
  } finally {
    await disconnectDb();
    await database.stop();
  }
});

import { UserFacingError } from "../lib/errors";
import { DocumentParseError } from "../lib/text-model/document-parse-error";

/**
 * Runs a command-line entry point: problems the user can fix (a malformed content file, a port
 * in use, an unwritable folder) print one readable line and exit 1; anything else prints its
 * stack, since it is a defect.
 */
export function runCli(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof UserFacingError || error instanceof DocumentParseError) {
      console.error(`gloss: ${error.message}`);
    } else {
      console.error(error);
    }
    process.exit(1);
  });
}

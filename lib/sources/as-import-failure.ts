import { ImportFailure } from "./source-document";

/**
 * What a reader throws for an error it did not foresee: an ImportFailure as it is, anything else
 * (a library's own error, a stack overflow on markup nested thousands deep) as "unreadable", so
 * that bad input never ends an import with another exception. `what` names the file ("web page").
 */
export function asImportFailure(error: unknown, what: string): ImportFailure {
  if (error instanceof ImportFailure) return error;
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return new ImportFailure("unreadable", `The ${what} is nested too deeply to read.`);
  }
  return new ImportFailure("unreadable", `The ${what} could not be read: it is damaged.`);
}

/** A content file that cannot be imported, with the place of the problem. */
export class DocumentParseError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = "DocumentParseError";
  }
}

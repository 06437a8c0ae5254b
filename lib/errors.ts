/**
 * An error whose message is meant for the person running Gloss (a CLI user or an API client):
 * it is shown as is, in one line, without a stack trace.
 */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly code: string = "error",
  ) {
    super(message);
    this.name = "UserFacingError";
  }
}

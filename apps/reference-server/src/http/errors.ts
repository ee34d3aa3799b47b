/** An error a handler answers with: the status and message go into the module's own error body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Extra members of the body (the ingest problem's `errors` list). */
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * Why the database cannot serve a request now, as opposed to a request it refused: the request can
 * be answered 503 with `Retry-After` and sent again. Nothing was committed by a transaction that
 * fails this way before its COMMIT was acknowledged; ingest is idempotent, so a retry is safe even
 * when the COMMIT itself was lost.
 */
export class DatabaseUnavailableError extends Error {
  constructor(
    message: string,
    /** Seconds a client should wait before retrying. */
    readonly retryAfterSeconds: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "DatabaseUnavailableError";
  }
}

/** PostgreSQL SQLSTATEs of a lost or refused connection: class 08, shutdowns, too many connections. */
const UNAVAILABLE_STATES = /^(08...|57P0[1-4]|53300|53400)$/;
/** Node's socket errors, and pg's messages for a connection that ended or never came. */
const UNAVAILABLE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "ENOTFOUND", "EHOSTUNREACH"]);
const UNAVAILABLE_MESSAGES = /Connection terminated|connection error|not queryable|timeout exceeded when trying to connect|Connection ended|terminating connection/i;

/** Whether an error says the database is unreachable (or the connection was lost), not that SQL failed. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  if (typeof error !== "object" || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === "string" && (UNAVAILABLE_STATES.test(code) || UNAVAILABLE_CODES.has(code))) return true;
  return typeof message === "string" && UNAVAILABLE_MESSAGES.test(message);
}

/**
 * What one instance lets clients hold: the database's share of requests (load shedding) and how
 * long a connection may take over its headers, its whole request, and its idle keep-alive time.
 * Each is configurable; the defaults keep a slow or flooding client from holding the server.
 */
export interface ServerLimits {
  /** Requests using the database at once: the pool's size on PostgreSQL, a few on the embedded engine. */
  dbConcurrency: number;
  /** Requests that may wait for the database beyond those; past them, 503 at once. */
  maxWaiting: number;
  /** The longest a request waits for the database before 503. */
  maxWaitMs: number;
  /** A client must send its headers within this (slow-header clients are cut). */
  headersTimeoutMs: number;
  /** A client must send its whole request within this. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
}

export function defaultLimits(engine: "pglite" | "postgres", poolSize = 10): ServerLimits {
  // The embedded engine runs one statement at a time: a few requests at once keep it busy.
  const dbConcurrency = engine === "postgres" ? poolSize : 4;
  return { dbConcurrency, maxWaiting: 8 * dbConcurrency, maxWaitMs: 500, headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000 };
}

/** Environment names of the limits, as the CLI reads them (`MAX_WAITING=200`). */
export const LIMIT_ENV: Record<keyof ServerLimits, string> = {
  dbConcurrency: "DB_CONCURRENCY",
  maxWaiting: "MAX_WAITING",
  maxWaitMs: "MAX_WAIT_MS",
  headersTimeoutMs: "HEADERS_TIMEOUT_MS",
  requestTimeoutMs: "REQUEST_TIMEOUT_MS",
  keepAliveTimeoutMs: "KEEP_ALIVE_TIMEOUT_MS",
};

/** The limits set in the environment; a value that is not a positive integer is an error. */
export function limitsFromEnv(env: NodeJS.ProcessEnv): Partial<ServerLimits> {
  const limits: Partial<ServerLimits> = {};
  for (const [name, variable] of Object.entries(LIMIT_ENV) as [keyof ServerLimits, string][]) {
    const raw = env[variable];
    if (raw === undefined || raw === "") continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0) throw new Error(`${variable} must be a non-negative integer; got '${raw}'`);
    limits[name] = value;
  }
  return limits;
}

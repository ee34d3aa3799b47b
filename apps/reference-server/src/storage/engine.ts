import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { copyText, type CopyValue } from "./copy.js";

/** What every query module needs: parameterised SQL returning rows. Same SQL on both engines. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

/** A transaction's handle: queries, and bulk loading with COPY (the fastest way in on both engines). */
export interface Transaction extends Queryable {
  copyRows(table: string, columns: string[], rows: CopyValue[][]): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: "pglite" | "postgres";
  /** Runs `fn` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` on one connection, outside any transaction: for session-level advisory locks and
   * statements that cannot run in a transaction block (VACUUM).
   */
  session<T>(fn: (session: Queryable) => Promise<T>): Promise<T>;
  /** Runs a script of several statements (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL connection string; when absent the embedded engine is used. */
  databaseUrl?: string;
  /** PostgreSQL schema to work in (created if missing); ignored by the embedded engine. */
  schema?: string;
  /** Embedded engine data directory; `memory://` keeps everything in memory. */
  dataDir?: string;
  poolSize?: number;
  /** How long a request waits for a new connection before it is answered 503 (3 s). */
  connectTimeoutMs?: number;
  /** Told of every error a connection reports outside a query (a lost connection): logged, never thrown. */
  onConnectionError?: (error: Error) => void;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options);
  return openPglite(options.dataDir ?? "memory://");
}

async function openPglite(dataDir: string): Promise<Database> {
  const db = await PGlite.create(dataDir === "memory://" ? undefined : dataDir);
  return {
    kind: "pglite",
    async query<T>(sql: string, params: unknown[] = []) {
      return (await db.query<T>(sql, params)).rows;
    },
    async transaction<T>(fn: (tx: Transaction) => Promise<T>) {
      return db.transaction(async (tx) =>
        fn({
          query: async <R>(sql: string, params: unknown[] = []) => (await tx.query<R>(sql, params)).rows,
          // PGlite reads COPY input from a blob in place of the client's data stream.
          async copyRows(table, columns, rows) {
            if (rows.length === 0) return;
            await tx.query(`COPY ${table} (${columns.join(", ")}) FROM '/dev/blob'`, [], { blob: new Blob([copyText(rows)]) });
          },
        }),
      );
    },
    // One connection: every statement already runs on it.
    session(fn) {
      return fn({ query: async <R>(sql: string, params: unknown[] = []) => (await db.query<R>(sql, params)).rows });
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
    async close() {
      await db.close();
    },
  };
}

/** The pool's configuration, in one place. */
function postgresPool(url: string, options: DatabaseOptions): pg.Pool {
  const { schema } = options;
  const onError = options.onConnectionError ?? (() => {});
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    // Every connection of the pool works in the chosen schema, so the SQL never names it.
    options: schema ? `-c search_path=${schema}` : undefined,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 3_000,
    // Names the server's connections in pg_stat_activity (operators, and the benchmark's CPU count).
    application_name: "agent-analytics-server",
  });
  // A connection lost while idle must not crash the process; the pool replaces it.
  pool.on("error", onError);
  // Nor one lost while checked out (pg_terminate_backend, a restart, a network cut): every client
  // keeps an error listener for its whole life, so the 'error' event that comes with or after the
  // failed query always has one. The query in flight fails; the caller answers 503.
  pool.on("connect", (client) => client.on("error", onError));
  return pool;
}

/**
 * CREATE SCHEMA IF NOT EXISTS is not safe against a concurrent creation of the same schema (both
 * see it missing, one fails on the catalog's unique index): instances starting together would
 * race, so a failure is retried once the other creation is visible.
 */
async function ensureSchema(pool: pg.Pool, schema: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= 3 || (code !== "23505" && code !== "42P06")) throw error;
    }
  }
}

async function openPostgres(url: string, options: DatabaseOptions): Promise<Database> {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name '${schema}'`);
  const pool = postgresPool(url, options);
  if (schema) await ensureSchema(pool, schema);
  else await pool.query("SELECT 1");
  return {
    kind: "postgres",
    async query<T>(sql: string, params: unknown[] = []) {
      return (await pool.query(sql, params)).rows as T[];
    },
    async transaction<T>(fn: (tx: Transaction) => Promise<T>) {
      const client = await pool.connect();
      // A connection that dies mid-transaction fails the statement in flight (its error event goes
      // to the listener every client has). A client whose ROLLBACK fails is discarded, not reused.
      let broken = false;
      try {
        await client.query("BEGIN");
        const result = await fn({
          query: async <R>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as R[],
          async copyRows(table, columns, rows) {
            if (rows.length === 0) return;
            const stream = client.query(copyFrom(`COPY ${table} (${columns.join(", ")}) FROM STDIN`));
            await new Promise<void>((resolve, reject) => {
              stream.on("finish", resolve);
              stream.on("error", reject);
              stream.end(copyText(rows));
            });
          },
        });
        await client.query("COMMIT");
        return result;
      } catch (error) {
        broken = await client.query("ROLLBACK").then(() => false, () => true);
        throw error;
      } finally {
        client.release(broken);
      }
    },
    async session(fn) {
      const client = await pool.connect();
      let failed = false;
      try {
        return await fn({ query: async <R>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as R[] });
      } catch (error) {
        failed = true;
        throw error;
      } finally {
        // A session may end with a lock or setting still held: a failed one is not reused.
        client.release(failed);
      }
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async close() {
      await pool.end();
    },
  };
}

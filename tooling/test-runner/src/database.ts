/**
 * Which PostgreSQL the tests use: DATABASE_URL when set (an unreachable one then fails the tests,
 * never skips them), else the local server at the default address when it answers, else none, and
 * the PostgreSQL suites are skipped and counted.
 */
import pg from "pg";

export const DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/test";

export type Database =
  | { url: string; source: "DATABASE_URL" | "local server" }
  | { url?: undefined; source: "none"; tried: string; reason: string };

/** Whether a PostgreSQL server accepts a connection at `url` and answers a query, within `timeoutMs`. */
export async function probe(url: string, timeoutMs = 2000): Promise<{ ok: true } | { ok: false; reason: string }> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return { ok: true };
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    return { ok: false, reason: code ?? message ?? String(error) };
  } finally {
    await client.end().catch(() => {});
  }
}

export async function findDatabase(env: NodeJS.ProcessEnv, defaultUrl = DEFAULT_DATABASE_URL): Promise<Database> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, source: "DATABASE_URL" };
  const found = await probe(defaultUrl);
  return found.ok ? { url: defaultUrl, source: "local server" } : { source: "none", tried: defaultUrl, reason: found.reason };
}

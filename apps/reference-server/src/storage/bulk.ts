import type { Queryable } from "./engine.js";

/** Column name and SQL type, as jsonb_to_recordset needs them. */
export type Columns = Record<string, string>;

const CHUNK = 5000;

/**
 * Inserts many rows in one statement per chunk: the rows travel as one JSON parameter and
 * `jsonb_to_recordset` types them, which is both fast and the same SQL on PGlite and PostgreSQL.
 * `conflict` is appended verbatim (an ON CONFLICT clause for upserts).
 */
export async function insertRows(
  db: Queryable,
  table: string,
  columns: Columns,
  rows: Record<string, unknown>[],
  conflict = "",
  returning = "",
): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  const names = Object.keys(columns);
  const defs = names.map((n) => `${n} ${columns[n]}`).join(", ");
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const sql = `INSERT INTO ${table} AS t (${names.join(", ")}) SELECT ${names.join(", ")} FROM jsonb_to_recordset($1::jsonb) AS x(${defs}) ${conflict} ${returning}`;
    out.push(...(await db.query(sql, [JSON.stringify(chunk)])));
  }
  return out;
}

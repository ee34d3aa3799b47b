import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Database } from "./engine.js";

const DIR = join(dirname(fileURLToPath(import.meta.url)), "migrations");

/**
 * Applies the pending migrations in file-name order, each in its own transaction. An advisory
 * lock (scoped to the current schema) makes concurrent starts of several instances safe.
 */
export async function migrate(db: Database): Promise<string[]> {
  const files = readdirSync(DIR).filter((f) => f.endsWith(".sql")).sort();
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':migrations'))");
    await tx.query("CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
    const done = new Set((await tx.query<{ name: string }>("SELECT name FROM schema_migrations")).map((r) => r.name));
    const applied: string[] = [];
    for (const file of files) {
      if (done.has(file)) continue;
      for (const statement of splitStatements(readFileSync(join(DIR, file), "utf8"))) await tx.query(statement);
      await tx.query("INSERT INTO schema_migrations (name) VALUES ($1)", [file]);
      applied.push(file);
    }
    return applied;
  });
}

// Migration files hold plain DDL without functions, so splitting on `;` at line ends is enough.
function splitStatements(script: string): string[] {
  return script
    .split(/;\s*$/m)
    .map((s) => s.replace(/^\s*--.*$/gm, "").trim())
    .filter(Boolean);
}

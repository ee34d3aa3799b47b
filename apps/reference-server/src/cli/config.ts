import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/** The repository root (where pnpm-workspace.yaml is), else the working directory. */
function baseDir(): string {
  let dir = process.cwd();
  for (;;) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

export interface StorageConfig {
  databaseUrl?: string;
  schema?: string;
  dataDir: string;
}

/**
 * Flags win over environment variables, which win over defaults: an explicit `--data-dir` selects
 * the embedded engine even when DATABASE_URL is set in the environment.
 */
export function storageConfig(flags: { "database-url"?: string; schema?: string; "data-dir"?: string }): StorageConfig {
  const databaseUrl = flags["database-url"] ?? (flags["data-dir"] !== undefined ? undefined : process.env.DATABASE_URL || undefined);
  const schema = flags.schema ?? (process.env.DATABASE_SCHEMA || undefined);
  const raw = flags["data-dir"] ?? (process.env.DATA_DIR || join(baseDir(), ".data", "reference-server"));
  const dataDir = raw.startsWith("memory://") ? "memory://" : resolve(raw);
  return { databaseUrl, schema, dataDir };
}

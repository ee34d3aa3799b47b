import { runCli } from "./run-cli.js";
import { envWithout } from "./bin.js";
import { spawnServer, type SpawnedServer, type SpawnServerOptions } from "./spawn-server.js";

/** Where a reference server keeps its data: an embedded directory, or PostgreSQL in a schema of its own. */
export type ReferenceStorage = { dataDir: string } | { databaseUrl: string; schema: string };

/**
 * The variables the reference server reads its storage and address from when no flag names them:
 * its children get an environment without them, so the flags alone decide (a PGlite run stays on
 * PGlite in CI, where DATABASE_URL is set).
 */
export const REFERENCE_SERVER_ENV = ["DATABASE_URL", "DATABASE_SCHEMA", "DATA_DIR", "PORT", "HOST"];

export function storageArgs(storage: ReferenceStorage): string[] {
  return "dataDir" in storage ? ["--data-dir", storage.dataDir] : ["--database-url", storage.databaseUrl, "--schema", storage.schema];
}

export interface Tenant {
  name: string;
  user: string;
  role: "admin" | "member";
}

export interface ProvisionedServer extends SpawnedServer {
  /** One key per tenant asked for, in order, each in an organisation of its own. */
  keys: string[];
  /**
   * A key per tenant that may write (the contract's writes need the admin role): the tenant's own
   * key when it is an admin's, else an admin key created beside it in the same organisation.
   */
  writeKeys: string[];
}

/**
 * A reference server started through its CLI as a deployment would be: each tenant's organisation
 * and key created first (the embedded engine allows one process per data directory), then `serve`
 * on a free port without the demo data.
 */
export async function startReferenceServer(
  launcher: string,
  storage: ReferenceStorage,
  tenants: Tenant[],
  options: SpawnServerOptions & { logLevel?: string } = {},
): Promise<ProvisionedServer> {
  const env = options.env ?? envWithout(REFERENCE_SERVER_ENV);
  const flags = storageArgs(storage);
  const keys: string[] = [];
  const writeKeys: string[] = [];
  for (const tenant of tenants) {
    const org = await runCli(launcher, ["org", "create", "--name", tenant.name, ...flags], { env });
    const key = await runCli(launcher, ["key", "create", "--org", org, "--user", tenant.user, "--role", tenant.role, ...flags], { env });
    keys.push(key);
    writeKeys.push(tenant.role === "admin" ? key : await runCli(launcher, ["key", "create", "--org", org, "--user", `${tenant.user}_admin`, "--role", "admin", ...flags], { env }));
  }
  const server = await spawnServer(launcher, ["serve", "--port", "0", "--no-demo", "--log-level", options.logLevel ?? "warn", ...flags], { ...options, env });
  return { ...server, keys, writeKeys };
}

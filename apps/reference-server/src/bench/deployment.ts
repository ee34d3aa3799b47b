import type { IngestBatch } from "@agent-analytics/types";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type Database } from "../storage/engine.js";
import { randomSchema } from "../test/harness.js";
import { BIN, cli, exited, spawnServer, type ServerProcess } from "../test/process.js";
import { benchBatches } from "./data.js";
import { post } from "./ingest.js";

/** Instances of one build serving one organisation from one database, as a deployment would. */
export interface Deployment {
  label: string;
  engine: "postgres" | "pglite";
  urls: string[];
  /** The instances' process ids. */
  pids: number[];
  headers: Record<string, string>;
  orgId: string;
  /** A connection of the bench's own to the deployment's schema (PostgreSQL only). */
  db?: Database;
  loaded: number;
  /** The batches that grow the dataset to `size` (an addition spread over the same days). */
  growTo(size: number): Promise<Iterator<IngestBatch>>;
  close(): Promise<void>;
}

/**
 * Provisions an organisation through the CLI in a PostgreSQL schema of its own (or a PGlite
 * directory), then starts the instances together: their migrations meet under the lock.
 */
export async function deploy(label: string, engine: "postgres" | "pglite", instances: number, bin = BIN): Promise<Deployment> {
  const schema = engine === "postgres" ? randomSchema() : undefined;
  const dataDir = engine === "pglite" ? mkdtempSync(join(tmpdir(), "aas-bench-")) : undefined;
  const storage = schema ? ["--database-url", process.env.DATABASE_URL!, "--schema", schema] : ["--data-dir", dataDir!];
  const orgId = (await cli(["org", "create", "--name", "Bench", ...storage], bin)).trim();
  const key = (await cli(["key", "create", "--org", orgId, "--user", "u1", "--role", "admin", ...storage], bin)).trim();
  const servers: ServerProcess[] = await Promise.all(Array.from({ length: instances }, () => spawnServer(storage, bin)));
  const db = schema ? await openDatabase({ databaseUrl: process.env.DATABASE_URL, schema, poolSize: 1 }) : undefined;
  const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
  let additions = 0;
  const deployment: Deployment = {
    label, engine, urls: servers.map((s) => s.url), pids: servers.map((s) => s.child.pid!), headers, orgId, db, loaded: 0,
    async growTo(size) {
      const batches = benchBatches(size - deployment.loaded, { tag: `g${additions}_`, directory: additions === 0 });
      // Users and agents go first, alone: every later batch refers to them.
      if (additions++ === 0) await post(deployment.urls[0]!, headers, batches.next().value);
      deployment.loaded = size;
      return batches;
    },
    async close() {
      for (const s of servers) s.child.kill("SIGTERM");
      await Promise.all(servers.map((s) => exited(s.child)));
      await db?.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      if (schema) {
        const admin = await openDatabase({ databaseUrl: process.env.DATABASE_URL, poolSize: 1 });
        await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await admin.close();
      }
    },
  };
  return deployment;
}

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type Database } from "../storage/engine.js";
import { randomSchema } from "../test/harness.js";
import { BIN, cli, exited, spawnServer, type ServerProcess } from "../test/process.js";
import { benchBatches } from "./data.js";
import { rollupTuples, topUsersPlans } from "./explain.js";
import { ingest, post, type IngestTally } from "./ingest.js";
import { answers, differences, get, measureRead, readOps, type ReadResult } from "./reads.js";

export interface Settings {
  ingestConcurrency: number;
  readRequests: number;
  readConcurrency: number;
  /** Records per ingest chunk; chunks alternate between one instance and all of them. */
  chunk: number;
  /** Wall-time budget (s): a size whose projected load and reads would overrun it is not loaded. */
  budgetSeconds: number;
}

export interface Step {
  records: number;
  one: IngestTally;
  all: IngestTally;
  reads: ReadResult[];
  /** The same reads through a round-robin over every instance (when there are several). */
  readsAll?: ReadResult[];
  rollups?: { live: number; dead: number };
  plans?: string[];
}

export interface Run {
  label: string;
  engine: "postgres" | "pglite";
  instances: number;
  steps: Step[];
  notReached: { records: number; reason: string }[];
  refresh?: { seconds: number; otherInstance: string; identical: boolean };
}

export interface RunOptions { label: string; engine: "postgres" | "pglite"; sizes: number[]; instances: number; bin?: string; explain?: boolean; refresh?: boolean }

const log = (line: string) => process.stderr.write(`  ${line}\n`);

/**
 * Provisions an organisation through the CLI, starts the instances on one database (PostgreSQL
 * schema of its own, or a PGlite directory), then grows the dataset size by size: load, then
 * measure every read on one instance and through the round-robin, checking that every instance
 * answers every figure identically.
 */
export async function runEngine(options: RunOptions, settings: Settings): Promise<Run> {
  const bin = options.bin ?? BIN;
  const schema = options.engine === "postgres" ? randomSchema() : undefined;
  const dataDir = options.engine === "pglite" ? mkdtempSync(join(tmpdir(), "aas-bench-")) : undefined;
  const storage = schema ? ["--database-url", process.env.DATABASE_URL!, "--schema", schema] : ["--data-dir", dataDir!];
  const orgId = (await cli(["org", "create", "--name", "Bench", ...storage], bin)).trim();
  const key = (await cli(["key", "create", "--org", orgId, "--user", "u1", "--role", "admin", ...storage], bin)).trim();
  // Instances start together, as a deployment's would: their migrations meet under the lock.
  const servers: ServerProcess[] = await Promise.all(Array.from({ length: options.instances }, () => spawnServer(storage, bin)));
  const db: Database | undefined = schema ? await openDatabase({ databaseUrl: process.env.DATABASE_URL, schema, poolSize: 1 }) : undefined;
  const run: Run = { label: options.label, engine: options.engine, instances: options.instances, steps: [], notReached: [] };
  const urls = servers.map((s) => s.url);
  const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
  const started = performance.now();
  try {
    let loaded = 0;
    let secondsPerRecord = 0;
    let readSeconds = 0;
    let runId = "";
    for (const [index, size] of options.sizes.entries()) {
      const elapsed = (performance.now() - started) / 1000;
      const projected = (size - loaded) * secondsPerRecord + readSeconds;
      if (index > 0 && elapsed + projected > settings.budgetSeconds) {
        run.notReached.push({ records: size, reason: `projected ${Math.round(elapsed + projected)} s > budget ${settings.budgetSeconds} s` });
        continue;
      }
      const batches = benchBatches(size - loaded, { tag: `g${index}_`, directory: index === 0 });
      if (index === 0) await post(urls[0]!, headers, batches.next().value);
      const base = loaded;
      const { one, all } = await ingest(batches, urls, headers, {
        concurrency: settings.ingestConcurrency, chunk: settings.chunk,
        progress: (n) => (base + n) % 250_000 < 5000 && log(`${options.label}: ${base + n} records`),
      });
      loaded = size;
      secondsPerRecord = (one.seconds + all.seconds) / (one.records + all.records);
      const readsStarted = performance.now();
      await db?.query("ANALYZE");
      runId ||= (JSON.parse(await get(urls[0]!, headers, "/agents/a3/runs?limit=1")) as { data: { runs: { id: string }[] } }).data.runs[0]!.id;
      const ops = readOps(runId);
      const step: Step = { records: size, one, all, reads: [], rollups: db && (await rollupTuples(db)) };
      for (const op of ops) step.reads.push(await measureRead(urls.slice(0, 1), headers, op, settings.readRequests, settings.readConcurrency));
      if (urls.length > 1) {
        step.readsAll = [];
        for (const op of ops) step.readsAll.push(await measureRead(urls, headers, op, settings.readRequests, settings.readConcurrency));
        await sameAnswers(urls, headers, ops);
      }
      if (db && options.explain) step.plans = await topUsersPlans(db, orgId);
      readSeconds = (performance.now() - readsStarted) / 1000;
      for (const r of step.reads) log(`${options.label} ${size} ${r.op}: p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`);
      run.steps.push(step);
    }
    if (options.refresh && urls.length > 1 && run.steps.length > 0) run.refresh = await refreshAcross(urls, headers, readOps(runId));
    return run;
  } finally {
    for (const s of servers) s.child.kill("SIGTERM");
    await Promise.all(servers.map((s) => exited(s.child)));
    await db?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (schema) {
      const admin = await openDatabase({ databaseUrl: process.env.DATABASE_URL, poolSize: 1 });
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.close();
    }
  }
}

/** Every instance must answer every read with the same figures; the benchmark fails otherwise. */
async function sameAnswers(urls: string[], headers: Record<string, string>, ops: ReturnType<typeof readOps>): Promise<void> {
  const first = await answers(urls[0]!, headers, ops);
  for (const url of urls.slice(1)) {
    const differ = differences(first, await answers(url, headers, ops));
    if (differ.length > 0) throw new Error(`instances answer differently: ${differ.join(", ")}`);
  }
}

/**
 * A background refresh started on one instance while the other is asked for one too (it must
 * answer already_running), timed to completion; every figure must be the same afterwards (the
 * rollups ingest kept equal the ones recomputed from the records).
 */
async function refreshAcross(urls: string[], headers: Record<string, string>, ops: ReturnType<typeof readOps>): Promise<Run["refresh"]> {
  const before = await answers(urls[0]!, headers, ops);
  const post = async (url: string) => (await (await fetch(`${url}/metrics/refresh?background=true`, { method: "POST", headers })).json()) as { status: string };
  const t0 = performance.now();
  const first = await post(urls[0]!);
  if (first.status !== "started") throw new Error(`background refresh answered ${first.status}`);
  const other = await post(urls[1]!);
  for (;;) {
    const status = (JSON.parse(await get(urls[1]!, headers, "/metrics/refresh/status")) as { status: string }).status;
    if (status === "completed") break;
    if (status === "failed") throw new Error("refresh failed");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const seconds = (performance.now() - t0) / 1000;
  const differ = differences(before, await answers(urls[1]!, headers, ops));
  if (differ.length > 0) throw new Error(`figures changed by the refresh: ${differ.join(", ")}`);
  return { seconds, otherInstance: other.status, identical: true };
}

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase } from "../storage/engine.js";
import { randomSchema } from "../test/harness.js";
import { cli, exited, spawnServer } from "../test/process.js";
import { batchSize, benchBatches } from "./data.js";

/**
 * `pnpm bench`: loads BENCH_RECORDS canonical records through POST /ingest/batch, then measures
 * every read operation; on PostgreSQL (DATABASE_URL) and on PGlite (BENCH_PGLITE_RECORDS, smaller by
 * default since the embedded engine is single-connection). Rewrites this benchmark's section of
 * docs/benchmarks.md unless BENCH_WRITE=0.
 */
// Errors the server logs (level warn and above) go to this process's stderr.
process.env.SERVER_STDERR ??= "1";
const RECORDS = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const PGLITE_RECORDS = Number(process.env.BENCH_PGLITE_RECORDS ?? Math.min(RECORDS, 200_000));
const INGEST_CONCURRENCY = Number(process.env.BENCH_INGEST_CONCURRENCY ?? 4);
const READ_REQUESTS = Number(process.env.BENCH_READ_REQUESTS ?? 300);
const READ_CONCURRENCY = Number(process.env.BENCH_READ_CONCURRENCY ?? 4);
const DAY = 86_400_000;

interface Result { engine: string; records: number; seconds: number; perSecond: number; reads: { op: string; path: string; p50: number; p99: number }[] }

function readRequests(): [string, string][] {
  const today = Math.floor(Date.now() / DAY) * DAY;
  const d = (n: number) => new Date(today - n * DAY).toISOString().slice(0, 10);
  const t = (n: number) => new Date(today - n * DAY).toISOString();
  return [
    ["getAgentStats", "/agents/a3/stats"],
    ["listAgentRuns", "/agents/a3/runs?limit=50"],
    ["getAgentRun", "/agents/a3/runs/{run}"],
    ["get_metrics", `/metrics?starting_date=${d(30)}`],
    ["get_metrics_refresh_status", "/metrics/refresh/status"],
    ["getDashboardStats", `/api/dashboard/getStats?from=${t(30)}&to=${t(0)}&allInOrg=true`],
    ["getDashboardStats (own, 7 days)", `/api/dashboard/getStats?from=${t(7)}&to=${t(0)}`],
    ["getAnalyticsOverview", "/analytics/overview?period=month"],
    ["getAnalyticsMetrics", `/analytics/metrics?period=day&startDate=${d(30)}&endDate=${d(0)}`],
    ["getAnalyticsRolling", "/analytics/rolling?window=30"],
    ["listAnalyticsEvents", `/analytics/events?startDate=${d(30)}&endDate=${d(0)}&limit=50&skip=100`],
    ["getAnalyticsAssistants", `/analytics/assistants?startDate=${d(30)}&endDate=${d(0)}`],
    ["getAnalyticsTopUsers", `/analytics/users/top?startDate=${d(30)}&endDate=${d(0)}&limit=10`],
    ["getAnalyticsSnapshots", `/analytics/snapshots?startDate=${d(30)}&endDate=${d(0)}`],
    ["getIngestContext", "/ingest/context"],
  ];
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function bench(engine: "postgres" | "pglite", records: number): Promise<Result> {
  const schema = engine === "postgres" ? randomSchema() : undefined;
  const dataDir = engine === "pglite" ? mkdtempSync(join(tmpdir(), "aas-bench-")) : undefined;
  // The server runs in its own process, provisioned through the CLI, as it would be deployed.
  const storage = engine === "postgres" ? ["--database-url", process.env.DATABASE_URL!, "--schema", schema!] : ["--data-dir", dataDir!];
  const orgId = (await cli(["org", "create", "--name", "Bench", ...storage])).trim();
  const key = (await cli(["key", "create", "--org", orgId, "--user", "u1", "--role", "admin", ...storage])).trim();
  const server = await spawnServer(storage);
  const db = engine === "postgres" ? await openDatabase({ databaseUrl: process.env.DATABASE_URL, schema, poolSize: 1 }) : undefined;
  try {
    const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    const batches = benchBatches(records);
    let loaded = 0;
    const started = performance.now();
    const first = batches.next().value!;
    await post(server.url, headers, first);
    loaded += batchSize(first);
    const worker = async () => {
      for (let next = batches.next(); !next.done; next = batches.next()) {
        await post(server.url, headers, next.value);
        loaded += batchSize(next.value);
        if (loaded % 100_000 < 5000) process.stderr.write(`  ${engine}: ${loaded} records\n`);
      }
    };
    await Promise.all(Array.from({ length: INGEST_CONCURRENCY }, worker));
    const seconds = (performance.now() - started) / 1000;
    await db?.query("ANALYZE");
    const page = (await (await fetch(`${server.url}/agents/a3/runs?limit=1`, { headers })).json()) as { data: { runs: { id: string }[] } };
    const run = page.data.runs[0];
    const reads = [];
    for (const [op, template] of readRequests()) {
      const path = template.replace("{run}", run!.id);
      for (let i = 0; i < 20; i++) await get(server.url, headers, path); // warm-up
      const latencies: number[] = [];
      let issued = 0;
      await Promise.all(Array.from({ length: READ_CONCURRENCY }, async () => {
        while (issued++ < READ_REQUESTS) {
          const t0 = performance.now();
          await get(server.url, headers, path);
          latencies.push(performance.now() - t0);
        }
      }));
      latencies.sort((a, b) => a - b);
      reads.push({ op, path, p50: percentile(latencies, 50), p99: percentile(latencies, 99) });
      process.stderr.write(`  ${engine} ${op}: p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms\n`);
    }
    return { engine, records: loaded, seconds, perSecond: loaded / seconds, reads };
  } finally {
    server.child.kill("SIGTERM");
    await exited(server.child);
    await db?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (schema) {
      const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL, poolSize: 1 });
      await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.close();
    }
  }
}

async function post(url: string, headers: Record<string, string>, body: unknown) {
  const r = await fetch(`${url}/ingest/batch`, { method: "POST", headers, body: JSON.stringify(body) });
  const text = await r.text();
  if (r.status !== 200) throw new Error(`ingest answered ${r.status}: ${text.slice(0, 500)}`);
}

async function get(url: string, headers: Record<string, string>, path: string) {
  const r = await fetch(`${url}${path}`, { headers });
  await r.arrayBuffer();
  if (r.status !== 200) throw new Error(`${path} answered ${r.status}`);
}

const loadBefore = loadavg()[0]!;

function report(results: Result[]): string {
  const lines = [
    "## Reference server",
    "",
    `Command: \`${process.env.DATABASE_URL ? "DATABASE_URL=postgres://… " : ""}BENCH_RECORDS=${RECORDS} BENCH_PGLITE_RECORDS=${PGLITE_RECORDS} pnpm --filter @agent-analytics/reference-server bench\` (measured ${new Date().toISOString().slice(0, 10)}).`,
    "",
    `Records are loaded through \`POST /ingest/batch\` in batches of 5,000 by ${INGEST_CONCURRENCY} concurrent clients (one organisation, 20 agents, 500 users, 90 days); each read is then requested ${READ_REQUESTS} times by ${READ_CONCURRENCY} concurrent clients over HTTP on the same machine. Targets at 1M records on PostgreSQL: ingest ≥ 20,000 records/s, every read p50 ≤ 20 ms and p99 ≤ 100 ms.`,
    "",
    "| engine | records | ingest time | ingest records/s |",
    "|---|---:|---:|---:|",
    ...results.map((r) => `| ${r.engine} | ${r.records.toLocaleString("en")} | ${r.seconds.toFixed(1)} s | ${Math.round(r.perSecond).toLocaleString("en")} |`),
    "",
    `Machine: ${cpus().length} cores, Node ${process.version}; 1-minute load average ${loadBefore.toFixed(1)} when the run started and ${loadavg()[0]!.toFixed(1)} when it ended (the benchmark's own load included; a start above 1 means other work shared the machine).`,
    "",
    `| read operation | ${results.map((r) => `${r.engine} p50 / p99 (ms)`).join(" | ")} |`,
    `|---|${results.map(() => "---:").join("|")}|`,
    ...results[0]!.reads.map((read, i) => `| \`${read.op}\` | ${results.map((r) => `${r.reads[i]!.p50.toFixed(1)} / ${r.reads[i]!.p99.toFixed(1)}`).join(" | ")} |`),
  ];
  return lines.join("\n");
}

const results: Result[] = [];
if (process.env.DATABASE_URL) results.push(await bench("postgres", RECORDS));
if (PGLITE_RECORDS > 0) results.push(await bench("pglite", PGLITE_RECORDS));
const section = report(results);
process.stdout.write(`${section}\n`);
if (process.env.BENCH_WRITE !== "0") {
  const file = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..", "docs", "benchmarks.md");
  const text = readFileSync(file, "utf8");
  const start = "<!-- reference-server:start -->";
  const end = "<!-- reference-server:end -->";
  const next = text.replace(new RegExp(`${start}[\\s\\S]*?${end}`), `${start}\n${section}\n${end}`);
  writeFileSync(file, next);
}

import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { runSizes, type Run, type Settings } from "./procedure.js";
import { report } from "./report.js";

/**
 * `pnpm bench`: loads canonical records through POST /ingest/batch and measures every read
 * operation, on PostgreSQL (DATABASE_URL: two instances on one schema, the dataset grown through
 * BENCH_SIZES) and on PGlite (BENCH_PGLITE_RECORDS, one instance). BENCH_BASELINE_BIN names
 * another build's bin (e.g. a checkout of main) to measure side by side at the first size.
 * Rewrites this benchmark's section of docs/benchmarks.md unless BENCH_WRITE=0.
 */
// Errors the servers log (level warn and above) go to this process's stderr.
process.env.SERVER_STDERR ??= "1";
const SIZES = (process.env.BENCH_SIZES ?? process.env.BENCH_RECORDS ?? "1000000").split(",").map(Number);
const PGLITE_RECORDS = Number(process.env.BENCH_PGLITE_RECORDS ?? Math.min(SIZES[0]!, 200_000));
const settings: Settings = {
  ingestConcurrency: Number(process.env.BENCH_INGEST_CONCURRENCY ?? 4),
  readRequests: Number(process.env.BENCH_READ_REQUESTS ?? 300),
  readConcurrency: Number(process.env.BENCH_READ_CONCURRENCY ?? 4),
  capacityConcurrency: Number(process.env.BENCH_CAPACITY_CONCURRENCY ?? 16),
  chunk: Number(process.env.BENCH_CHUNK ?? 250_000),
  budgetSeconds: Number(process.env.BENCH_BUDGET_S ?? 3600),
};
const BASELINE = process.env.BENCH_BASELINE_BIN;

const loadBefore = loadavg()[0]!;
const started = performance.now();
const runs: Run[] = [];
if (process.env.DATABASE_URL) runs.push(await runSizes("postgres", SIZES, 2, settings, BASELINE));
if (PGLITE_RECORDS > 0) runs.push(await runSizes("pglite", [PGLITE_RECORDS], 1, settings));

const vars = [
  process.env.DATABASE_URL ? "DATABASE_URL=postgres://…" : "",
  `BENCH_SIZES=${SIZES.join(",")}`,
  `BENCH_PGLITE_RECORDS=${PGLITE_RECORDS}`,
  process.env.BENCH_BUDGET_S ? `BENCH_BUDGET_S=${settings.budgetSeconds}` : "",
  BASELINE ? "BENCH_BASELINE_BIN=…" : "",
].filter(Boolean);
const section = report(runs, settings, {
  command: `${vars.join(" ")} pnpm --filter @agent-analytics/reference-server bench`,
  date: new Date().toISOString().slice(0, 10),
  cores: cpus().length,
  node: process.version,
  loadBefore,
  loadAfter: loadavg()[0]!,
  seconds: (performance.now() - started) / 1000,
});
process.stdout.write(`${section}\n`);
if (process.env.BENCH_WRITE !== "0") {
  const file = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..", "docs", "benchmarks.md");
  const text = readFileSync(file, "utf8");
  const start = "<!-- reference-server:start -->";
  const end = "<!-- reference-server:end -->";
  writeFileSync(file, text.replace(new RegExp(`${start}[\\s\\S]*?${end}`), `${start}\n${section}\n${end}`));
}

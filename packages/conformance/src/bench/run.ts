/**
 * `pnpm bench`: a full conformance run (every class, isolation included) against a locally
 * started reference server on embedded PGlite. Writes the conformance section of
 * docs/benchmarks.md. BENCH_RUNS sets the number of runs (default 3; the median is reported).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runConformance } from "../runner.js";
import { startReferenceServer } from "../test-support/child-server.js";

const BENCHMARKS = fileURLToPath(new URL("../../../../docs/benchmarks.md", import.meta.url));
const START = "<!-- conformance:start -->";
const END = "<!-- conformance:end -->";
const runs = Number(process.env.BENCH_RUNS ?? 3);

const dir = mkdtempSync(join(tmpdir(), "conformance-bench-"));
const server = await startReferenceServer({ dataDir: dir });
const measured: { ms: number; requests: number; passed: boolean; requirements: number }[] = [];
try {
  for (let i = 0; i < runs; i++) {
    const result = await runConformance({ baseUrl: server.url, token: server.token, tokenB: server.tokenB });
    const requirements = result.classes.reduce((n, c) => n + c.requirements.length, 0);
    measured.push({ ms: result.durationMs, requests: result.requestCount, passed: result.passed, requirements });
    process.stderr.write(`run ${i + 1}: ${result.durationMs} ms, ${result.requestCount} requests, ${result.passed ? "passed" : "FAILED"}\n`);
  }
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}

const sorted = [...measured].sort((a, b) => a.ms - b.ms);
const median = sorted[Math.floor(sorted.length / 2)]!;
const section = `${START}
## Conformance kit

A full run of every class (agents, agentos, analytics, dashboard, ingest, isolation; ${median.requirements} requirements)
against a reference server on embedded PGlite started locally, on a fresh data directory. The first
run loads its dataset into an empty server; later runs each load their own into another quiet year.

| runs | median duration | fastest | slowest | requests per run | all passed |
|---|---|---|---|---|---|
| ${measured.length} | ${(median.ms / 1000).toFixed(2)} s | ${(sorted[0]!.ms / 1000).toFixed(2)} s | ${(sorted.at(-1)!.ms / 1000).toFixed(2)} s | ${median.requests} | ${measured.every((m) => m.passed) ? "yes" : "no"} |

Target: under 15 s. Measured on ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}, with:

\`\`\`sh
pnpm --filter @agent-analytics/conformance bench   # or: pnpm bench (every benchmark)
\`\`\`
${END}`;

const doc = readFileSync(BENCHMARKS, "utf8");
const from = doc.indexOf(START);
const to = doc.indexOf(END);
if (from < 0 || to < 0) throw new Error(`docs/benchmarks.md has no ${START} ... ${END} section`);
writeFileSync(BENCHMARKS, doc.slice(0, from) + section + doc.slice(to + END.length));
process.stdout.write(`${section}\n`);
if (!measured.every((m) => m.passed)) process.exitCode = 1;

import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { spawnCommand, spawnServer, type SpawnedServer } from "@agent-analytics/test-support";
import { MOCK_BIN } from "../test-support/mock-fixture.js";
import { memoryOf } from "./memory.js";
import { renderReport, writeSection, type EndpointResult } from "./report.js";

type StartedServer = SpawnedServer & { name: string };

/**
 * Mock server vs Prism, side by side in one run: start-up, throughput and latency on the same
 * dynamic endpoints, and memory. Rewrites the mock-server section of docs/benchmarks.md.
 * BENCH_DURATION (seconds per endpoint and server) and BENCH_CONNECTIONS tune it.
 */
const root = fileURLToPath(new URL("../../../../", import.meta.url));
const app = fileURLToPath(new URL("../../", import.meta.url));
const spec = `${root}specs/dist/openapi.json`;
const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const auth = { authorization: "Bearer bench", "x-api-key": "bench" };

const endpoints = [
  { label: "agents list", path: "/agents/agent_01HXYZ/runs?limit=20" },
  { label: "analytics buckets", path: "/analytics/metrics?period=day&startDate=2026-02-01&endDate=2026-02-15" },
  { label: "agentos daily metrics", path: "/metrics?starting_date=2026-02-01&ending_date=2026-02-07" },
  { label: "dashboard stats", path: "/api/dashboard/getStats?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z" },
];

type Scenario = "fresh" | "repeated";

/**
 * `fresh`: every request carries its own `__seed`, so the mock generates and solves each body (no
 * cache can answer it); `repeated`: the identical request over and over, which the mock answers
 * from its cache of generated bodies. Prism generates every time in both.
 */
async function load(server: StartedServer, path: string, seconds: number, scenario: Scenario) {
  let counter = 0;
  const requests = scenario === "fresh" ? [{ setupRequest: (r: { path: string }) => ({ ...r, path: `${path}&__seed=${counter++}` }) }] : undefined;
  const result = await autocannon({ url: server.url + path, connections, duration: seconds, headers: auth, requests });
  if (result.non2xx > 0) throw new Error(`${server.name} answered ${result.non2xx} non-2xx responses on ${path}`);
  const bytes = result.requests.total > 0 ? result.throughput.total / result.requests.total : 0;
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, bytes };
}

async function main() {
  console.log("starting the mock and Prism...");
  const env = { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" };
  const mock: StartedServer = { name: "mock", ...(await spawnServer(MOCK_BIN, ["--port", "0"], { env, cwd: app })) };
  const prismPort = String(45_000 + Math.floor(Math.random() * 10_000));
  const prism: StartedServer = { name: "prism", ...(await spawnCommand(`${app}node_modules/.bin/prism`, ["mock", "-d", "-h", "127.0.0.1", "-p", prismPort, spec], { env, cwd: app })) };
  try {
    const results: Record<Scenario, EndpointResult[]> = { fresh: [], repeated: [] };
    for (const scenario of ["fresh", "repeated"] as const) {
      for (const endpoint of endpoints) {
        for (const server of [mock, prism]) await load(server, endpoint.path, 2, scenario);
        const mockResult = await load(mock, endpoint.path, duration, scenario);
        const prismResult = await load(prism, endpoint.path, duration, scenario);
        console.log(`${scenario} ${endpoint.label}: mock ${mockResult.rps.toFixed(0)} req/s p99 ${mockResult.p99} ms | prism ${prismResult.rps.toFixed(0)} req/s p99 ${prismResult.p99} ms`);
        results[scenario].push({ ...endpoint, mock: mockResult, prism: prismResult });
      }
    }
    const report = renderReport({
      command: `BENCH_DURATION=${duration} BENCH_CONNECTIONS=${connections} pnpm --filter @agent-analytics/mock-server bench`,
      date: new Date().toISOString().slice(0, 10),
      environment: `Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? "unknown"}), load average ${loadavg()[0]!.toFixed(1)} at the end`,
      durationSeconds: duration,
      connections,
      fresh: results.fresh,
      repeated: results.repeated,
      startup: { mockMs: mock.startupMs, prismMs: prism.startupMs },
      memory: { mock: memoryOf(mock.child.pid!), prism: memoryOf(prism.child.pid!) },
    });
    writeSection(`${root}docs/benchmarks.md`, report);
    console.log(report);
  } finally {
    await Promise.all([mock.stop(), prism.stop()]);
  }
}

await main();

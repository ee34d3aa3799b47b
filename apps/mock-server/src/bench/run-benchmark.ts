import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { spawnCommand, spawnServer, type SpawnedServer } from "@agent-analytics/test-support";
import { MOCK_BIN } from "../test-support/mock-fixture.js";
import { memoryOf } from "./memory.js";
import { operationLoads, type BenchRequest, type OperationLoad, type WorldIds } from "./operation-requests.js";
import { renderReport, writeSection, type OperationResult, type WorldSize } from "./report.js";

/**
 * Mock server vs Prism (`prism mock -d`), side by side in one run, on every operation of the
 * contract with requests that differ from each other; start-up and memory of both; the time and
 * memory it takes to build the default world and one ten times larger. Rewrites the mock-server
 * section of docs/benchmarks.md. Self-contained: it starts and stops every server it measures.
 * BENCH_DURATION (seconds per operation and server, default 10), BENCH_CONNECTIONS (default 10),
 * BENCH_OPERATIONS (a comma-separated subset of operationIds, for a quick look; the report is then
 * printed, not written).
 */
const root = fileURLToPath(new URL("../../../../", import.meta.url));
const app = fileURLToPath(new URL("../../", import.meta.url));
const spec = `${root}specs/dist/openapi.json`;
const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const only = process.env.BENCH_OPERATIONS?.split(",").filter(Boolean);
const KEY = "bench-key";
const env = { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" };

type StartedServer = SpawnedServer & { name: string };

async function startMock(args: string[] = []): Promise<StartedServer> {
  return { name: "mock", ...(await spawnServer(MOCK_BIN, ["--port", "0", ...args], { env, cwd: app })) };
}

async function startPrism(): Promise<StartedServer> {
  const port = String(45_000 + Math.floor(Math.random() * 10_000));
  return { name: "prism", ...(await spawnCommand(`${app}node_modules/.bin/prism`, ["mock", "-d", "-h", "127.0.0.1", "-p", port, spec], { env, cwd: app })) };
}

/** Ids the mock's world holds: the requests name them, so the mock answers every one 2xx. */
async function worldIds(url: string): Promise<WorldIds> {
  const world = (await (await fetch(`${url}/__mock/world`)).json()) as { agents: { id: string }[]; users: { ids: string[] }; from: string; now: string };
  const runs: [string, string][] = [];
  for (const { id } of world.agents) {
    const page = (await (await fetch(`${url}/agents/${id}/runs?limit=100`, { headers: { authorization: `Bearer ${KEY}` } })).json()) as { data: { runs: { id: string }[] } };
    for (const run of page.data.runs) runs.push([id, run.id]);
  }
  return { agents: world.agents.map((a) => a.id), users: world.users.ids, runs, firstDay: world.from, today: world.now.slice(0, 10) };
}

/** Loads one server with one operation's sequence, from request number `next.value` on. */
async function load(server: StartedServer, operation: OperationLoad, seconds: number, next: { value: number }) {
  const headersOf = (r: BenchRequest) => {
    const key = r.key ?? KEY;
    return { authorization: `Bearer ${key}`, "x-api-key": key, ...(r.body ? { "content-type": "application/json" } : {}) };
  };
  const setupRequest = (request: { path: string }) => {
    const r = operation.request(next.value++);
    return { ...request, method: r.method, path: r.path, body: r.body, headers: headersOf(r) };
  };
  const result = await autocannon({ url: server.url, connections, duration: seconds, requests: [{ setupRequest }] });
  if (result.non2xx > 0) throw new Error(`${server.name} answered ${result.non2xx} non-2xx responses on ${operation.operationId}`);
  const bytes = result.requests.total > 0 ? result.throughput.total / result.requests.total : 0;
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, bytes };
}

/** Start-up, build time, records and memory of a world of the given scale (its own process). */
async function measureWorld(scale: number): Promise<WorldSize> {
  const mock = await startMock(["--world-scale", String(scale)]);
  try {
    const summary = (await (await fetch(`${mock.url}/__mock/world`)).json()) as { buildMs: number; records: { total: number } };
    return { scale, startupMs: mock.startupMs, buildMs: summary.buildMs, records: summary.records.total, ...memoryOf(mock.child.pid!) };
  } finally {
    await mock.stop();
  }
}

async function main() {
  console.log("starting the mock and Prism...");
  const mock = await startMock();
  const prism = await startPrism();
  const results: OperationResult[] = [];
  let startupMemory: { mock: ReturnType<typeof memoryOf>; prism: ReturnType<typeof memoryOf> };
  try {
    startupMemory = { mock: memoryOf(mock.child.pid!), prism: memoryOf(prism.child.pid!) };
    const loads = operationLoads(await worldIds(mock.url)).filter((l) => !only || only.includes(l.operationId));
    for (const operation of loads) {
      const counters = { mock: { value: 0 }, prism: { value: 0 } };
      for (const server of [mock, prism]) await load(server, operation, 2, counters[server.name as "mock" | "prism"]);
      const mockResult = await load(mock, operation, duration, counters.mock);
      const prismResult = await load(prism, operation, duration, counters.prism);
      console.log(`${operation.operationId}: mock ${mockResult.rps.toFixed(0)} req/s p99 ${mockResult.p99} ms | prism ${prismResult.rps.toFixed(0)} req/s p99 ${prismResult.p99} ms`);
      results.push({ operationId: operation.operationId, example: operation.request(0).path, mock: mockResult, prism: prismResult });
    }
    const afterLoad = { mock: memoryOf(mock.child.pid!), prism: memoryOf(prism.child.pid!) };
    await Promise.all([mock.stop(), prism.stop()]);
    console.log("measuring worlds...");
    const worlds = [await measureWorld(1), await measureWorld(10)];
    const report = renderReport({
      command: `BENCH_DURATION=${duration} BENCH_CONNECTIONS=${connections} pnpm --filter @agent-analytics/mock-server bench`,
      date: new Date().toISOString().slice(0, 10),
      environment: `Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? "unknown"}), load average ${loadavg()[0]!.toFixed(1)} at the end`,
      durationSeconds: duration,
      connections,
      operations: results,
      startup: { mockMs: mock.startupMs, prismMs: prism.startupMs },
      memory: { atStart: startupMemory, afterLoad },
      worlds,
    });
    if (only) console.log(report);
    else {
      writeSection(`${root}docs/benchmarks.md`, report);
      console.log(report);
    }
  } finally {
    await Promise.all([mock.stop(), prism.stop()]);
  }
}

await main();

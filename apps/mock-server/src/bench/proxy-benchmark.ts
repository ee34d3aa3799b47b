import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { envWithout, REFERENCE_SERVER_ENV, spawnCommand, spawnServer, type SpawnedServer } from "@agent-analytics/test-support";
import { MOCK_BIN } from "../test-support/mock-fixture.js";
import { writeSection } from "./report.js";
import { renderProxyReport, type TargetResult } from "./proxy-report.js";

/**
 * The validating proxy's cost: the same read traffic (the reference server's demo requests, in
 * turn) sent direct to the reference server, through `agent-analytics-mock proxy` and through
 * `prism proxy`, in rounds that alternate the three so that the machine's noise falls on all of
 * them. Each proxy runs as its users run it (a log line per request). Rewrites the proxy section of
 * docs/benchmarks.md. BENCH_DURATION (seconds per round and target, default 4), BENCH_ROUNDS
 * (default 5), BENCH_CONNECTIONS (default 10); BENCH_PRINT=1 prints without writing. The machine's
 * load drifts within a run, so each proxy is compared with the direct figures of its own round.
 */
const root = fileURLToPath(new URL("../../../../", import.meta.url));
const app = fileURLToPath(new URL("../../", import.meta.url));
// The reference server is run, never imported (apps do not depend on each other).
const REFERENCE_BIN = `${root}apps/reference-server/bin/agent-analytics-server.js`;
const spec = `${root}specs/dist/openapi.json`;
const duration = Number(process.env.BENCH_DURATION ?? 4);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const env = { ...envWithout(REFERENCE_SERVER_ENV), FORCE_COLOR: "0", NO_COLOR: "1" };

interface Target {
  name: string;
  url: string;
}

/** The GET requests the reference server prints on start, with their key: the demo's own reads. */
function demoRequests(banner: string): { key: string; path: string }[] {
  return [...banner.matchAll(/^\s*curl -H "Authorization: Bearer (\S+)" "?(http:\/\/[^/\s"]+)(\/[^\s"]*)"?\s*$/gm)].map(([, key, , path]) => ({ key: key!, path: path! }));
}

async function round(target: Target, requests: { key: string; path: string }[], seconds: number) {
  let next = 0;
  const setupRequest = (request: { path: string }) => {
    const r = requests[next++ % requests.length]!;
    return { ...request, method: "GET", path: r.path, headers: { authorization: `Bearer ${r.key}` } };
  };
  const result = await autocannon({ url: target.url, connections, duration: seconds, requests: [{ setupRequest }] });
  if (result.non2xx > 0) throw new Error(`${target.name} answered ${result.non2xx} non-2xx responses`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, total: result.requests.total };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), "proxy-bench-"));
  const started: SpawnedServer[] = [];
  try {
    console.log("starting the reference server (demo data), the proxy and Prism's proxy...");
    const reference = await spawnServer(REFERENCE_BIN, ["serve", "--port", "0", "--data-dir", dataDir, "--log-level", "warn"], { env, timeoutMs: 180_000 });
    started.push(reference);
    // The demo's request lines follow the listening line.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const requests = demoRequests(reference.output());
    if (requests.length < 8) throw new Error(`expected the demo's request lines, got:\n${reference.output()}`);
    const ours = await spawnServer(MOCK_BIN, ["proxy", reference.url, "--port", "0"], { env, cwd: app });
    started.push(ours);
    const port = String(45_000 + Math.floor(Math.random() * 10_000));
    const prism = await spawnCommand(`${app}node_modules/.bin/prism`, ["proxy", "-h", "127.0.0.1", "-p", port, spec, reference.url], { env, cwd: app });
    started.push(prism);
    const targets: Target[] = [
      { name: "direct", url: reference.url },
      { name: "agent-analytics-mock proxy", url: ours.url },
      { name: "prism proxy", url: prism.url },
    ];
    // Warm-up: JIT, connection pools, and whatever each server compiles on first use.
    for (const target of targets) await round(target, requests, 4);
    const samples = new Map<string, Awaited<ReturnType<typeof round>>[]>(targets.map((t) => [t.name, []]));
    for (let r = 0; r < rounds; r++) {
      // Each round starts with another target.
      for (let i = 0; i < targets.length; i++) {
        const target = targets[(i + r) % targets.length]!;
        const sample = await round(target, requests, duration);
        samples.get(target.name)!.push(sample);
        console.log(`round ${r + 1} ${target.name}: ${sample.rps.toFixed(0)} req/s, p50 ${sample.p50} ms, p99 ${sample.p99} ms`);
      }
    }
    const direct = samples.get("direct")!;
    const results: TargetResult[] = targets.map((t) => {
      const s = samples.get(t.name)!;
      return {
        name: t.name,
        rps: s.reduce((a, b) => a + b.rps, 0) / s.length,
        p50: median(s.map((x) => x.p50)),
        p99: median(s.map((x) => x.p99)),
        rpsRatio: median(s.map((x, i) => x.rps / direct[i]!.rps)),
        p99Ratio: median(s.map((x, i) => x.p99 / direct[i]!.p99)),
        errors: s.reduce((a, b) => a + b.errors, 0),
        requests: s.reduce((a, b) => a + b.total, 0),
      };
    });
    const violations = (ours.output().match(/^violation /gm) ?? []).length;
    const report = renderProxyReport({
      command: `BENCH_DURATION=${duration} BENCH_ROUNDS=${rounds} BENCH_CONNECTIONS=${connections} pnpm --filter @agent-analytics/mock-server bench:proxy`,
      date: new Date().toISOString().slice(0, 10),
      environment: `Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? "unknown"}), load average ${loadavg()[0]!.toFixed(1)} at the end`,
      paths: requests.map((r) => r.path.split("?")[0]!),
      durationSeconds: duration,
      rounds,
      connections,
      results,
      violations,
    });
    if (process.env.BENCH_PRINT) console.log(report);
    else {
      writeSection(`${root}docs/benchmarks.md`, report, "proxy");
      console.log(report);
    }
  } finally {
    for (const server of started.reverse()) await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();

import { readFileSync, writeFileSync } from "node:fs";

export interface ServerResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** Mean bytes per response (headers included), to compare how much each server generates. */
  bytes: number;
}

export interface OperationResult {
  operationId: string;
  /** The first request of its sequence, as an example. */
  example: string;
  mock: ServerResult;
  prism: ServerResult;
}

type Memory = { rssMiB: number; peakMiB: number };

/** A world built in a process of its own. */
export interface WorldSize {
  scale: number;
  startupMs: number;
  buildMs: number;
  records: number;
  rssMiB: number;
  peakMiB: number;
}

export interface BenchmarkReport {
  command: string;
  date: string;
  environment: string;
  durationSeconds: number;
  connections: number;
  operations: OperationResult[];
  startup: { mockMs: number; prismMs: number };
  memory: { atStart: { mock: Memory; prism: Memory }; afterLoad: { mock: Memory; prism: Memory } };
  worlds: WorldSize[];
}

/** The targets of issue 12, per operation: at least 10x Prism's requests/s, at most a fifth of its p99. */
export const TARGET = { rps: 10, p99: 5 };

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ratio = (a: number, b: number) => (b > 0 ? `${fmt(a / b, 1)}x` : "n/a");
const geo = (values: number[]) => Math.exp(values.reduce((a, v) => a + Math.log(v), 0) / values.length);
/** autocannon reports whole milliseconds: a p99 under 1 ms reads 0, counted as 1 for the ratio (in Prism's favour). */
const p99Ratio = (e: OperationResult) => e.prism.p99 / Math.max(e.mock.p99, 1);

function table(results: OperationResult[]): string[] {
  const rows = results.map((e) => {
    const met = e.mock.rps / e.prism.rps >= TARGET.rps && p99Ratio(e) >= TARGET.p99 ? "yes" : "**no**";
    return `| \`${e.operationId}\` | ${fmt(e.mock.rps)} | ${fmt(e.prism.rps)} | **${ratio(e.mock.rps, e.prism.rps)}** | ${fmt(e.mock.p50, 1)} / ${fmt(e.mock.p99, 1)} | ${fmt(e.prism.p50, 1)} / ${fmt(e.prism.p99, 1)} | **${fmt(p99Ratio(e), 1)}x** | ${fmt(e.mock.bytes / 1024, 1)} / ${fmt(e.prism.bytes / 1024, 1)} | ${met} |`;
  });
  const rps = geo(results.map((e) => e.mock.rps / Math.max(e.prism.rps, 1e-9)));
  const p99 = geo(results.map(p99Ratio));
  const missed = results.filter((e) => e.mock.rps / e.prism.rps < TARGET.rps || p99Ratio(e) < TARGET.p99).map((e) => e.operationId);
  return [
    "| operation | mock req/s | Prism req/s | req/s ratio | mock p50 / p99 | Prism p50 / p99 | p99 ratio (Prism / mock) | KiB per response, mock / Prism | target met |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ...rows,
    "",
    `Geometric mean over the operations: **${fmt(rps, 1)}x** the requests per second, p99 latency **${fmt(p99, 1)}x** lower. Target (at least ${TARGET.rps}x the requests per second and at most a ${TARGET.p99 === 5 ? "fifth" : `1/${TARGET.p99}`} of the p99, on every operation): ${missed.length === 0 ? "met on every operation" : `missed on ${missed.join(", ")}`}.`,
  ];
}

export function renderReport(r: BenchmarkReport): string {
  const errors = r.operations.reduce((a, e) => a + e.mock.errors + e.prism.errors, 0);
  const m = r.memory;
  return [
    "## Mock server vs Prism",
    "",
    `Measured ${r.date} on ${r.environment}, with:`,
    "",
    "```sh",
    r.command,
    "```",
    "",
    `Both servers serve the merged contract (\`specs/dist/openapi.json\`): the mock from its simulated organisation (default world: seed 0, 90 days), Prism with \`prism mock -d\` (@stoplight/prism-cli 5.14.2, the newest release that supports Node 20). Every operation is loaded on one server, then the other, with the same sequence of requests that differ from each other (other agents, runs, ranges, filters, pages, keys; each ingest a new batch; \`src/bench/operation-requests.ts\`), so no response cache can answer: autocannon, ${r.connections} connections, ${r.durationSeconds} s per operation and server, after a 2 s warm-up. Every request names records the world holds, and the benchmark fails unless both servers answer every one 2xx. Latencies in milliseconds, as autocannon reports them (whole milliseconds: a p99 under 1 ms reads 0, and counts as 1 in the ratio). The machine is shared: read the ratios, not the absolute figures, and the load average above.`,
    "",
    ...table(r.operations),
    "",
    "### Start-up and memory",
    "",
    "| | mock | Prism | ratio |",
    "|---|---:|---:|---:|",
    `| start-up, spawn to "listening" (the mock's includes building its world) | ${fmt(r.startup.mockMs)} ms | ${fmt(r.startup.prismMs)} ms | ${ratio(r.startup.prismMs, r.startup.mockMs)} faster |`,
    `| RSS after start-up | ${fmt(m.atStart.mock.rssMiB)} MiB | ${fmt(m.atStart.prism.rssMiB)} MiB | ${ratio(m.atStart.prism.rssMiB, m.atStart.mock.rssMiB)} less |`,
    `| RSS after the load | ${fmt(m.afterLoad.mock.rssMiB)} MiB | ${fmt(m.afterLoad.prism.rssMiB)} MiB | ${ratio(m.afterLoad.prism.rssMiB, m.afterLoad.mock.rssMiB)} less |`,
    `| peak RSS | ${fmt(m.afterLoad.mock.peakMiB)} MiB | ${fmt(m.afterLoad.prism.peakMiB)} MiB | ${ratio(m.afterLoad.prism.peakMiB, m.afterLoad.mock.peakMiB)} less |`,
    "",
    "The mock's RSS after the load includes every record the ingest load added to its organisation.",
    "",
    "### World generation",
    "",
    "Each world built in a mock process of its own (`--world-scale`), measured right after start-up.",
    "",
    "| world | records | build time | start-up (spawn to listening) | RSS | peak RSS |",
    "|---|---:|---:|---:|---:|---:|",
    ...r.worlds.map((w) => `| ${w.scale === 1 ? "default" : `${w.scale}x (\`--world-scale ${w.scale}\`)`} | ${fmt(w.records)} | ${fmt(w.buildMs)} ms | ${fmt(w.startupMs)} ms | ${fmt(w.rssMiB)} MiB | ${fmt(w.peakMiB)} MiB |`),
    "",
    `Socket errors or timeouts during the runs: ${errors}.`,
  ].join("\n");
}

/** Replaces this benchmark's section of docs/benchmarks.md, and nothing else. */
export function writeSection(file: string, section: string, name = "mock-server"): void {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const text = readFileSync(file, "utf8");
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${file} has no ${start} ... ${end} section`);
  writeFileSync(file, `${text.slice(0, from + start.length)}\n${section}\n${text.slice(to)}`);
}

import { readFileSync, writeFileSync } from "node:fs";

export interface ServerResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** Mean bytes per response (headers included), to compare how much each server generates. */
  bytes: number;
}

export interface EndpointResult {
  label: string;
  path: string;
  mock: ServerResult;
  prism: ServerResult;
}

export interface BenchmarkReport {
  command: string;
  date: string;
  environment: string;
  durationSeconds: number;
  connections: number;
  /** Each request distinct: every body generated. */
  fresh: EndpointResult[];
  /** The same request repeated: the mock answers from its cache. */
  repeated: EndpointResult[];
  startup: { mockMs: number; prismMs: number };
  memory: { mock: { rssMiB: number; peakMiB: number }; prism: { rssMiB: number; peakMiB: number } };
}

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ratio = (a: number, b: number) => (b > 0 ? `${fmt(a / b, 1)}x` : "n/a");

const geo = (values: number[]) => Math.exp(values.reduce((a, v) => a + Math.log(v), 0) / values.length);

function table(results: EndpointResult[]): string[] {
  const rows = results.map(
    (e) =>
      `| ${e.label} (\`${e.path}\`) | ${fmt(e.mock.rps)} | ${fmt(e.prism.rps)} | **${ratio(e.mock.rps, e.prism.rps)}** | ${fmt(e.mock.p50, 1)} / ${fmt(e.mock.p99, 1)} | ${fmt(e.prism.p50, 1)} / ${fmt(e.prism.p99, 1)} | **${ratio(e.prism.p99, e.mock.p99)}** | ${fmt(e.mock.bytes / 1024, 1)} / ${fmt(e.prism.bytes / 1024, 1)} |`,
  );
  const rpsRatio = geo(results.map((e) => e.mock.rps / Math.max(e.prism.rps, 1e-9)));
  const p99Ratio = geo(results.map((e) => e.prism.p99 / Math.max(e.mock.p99, 1e-9)));
  return [
    "| endpoint | mock req/s | Prism req/s | req/s ratio | mock p50 / p99 | Prism p50 / p99 | p99 ratio (Prism / mock) | KiB per response, mock / Prism |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
    ...rows,
    "",
    `Geometric mean over the endpoints: **${fmt(rpsRatio, 1)}x** the requests per second, p99 latency **${fmt(p99Ratio, 1)}x** lower.`,
  ];
}

export function renderReport(r: BenchmarkReport): string {
  const errors = [...r.fresh, ...r.repeated].reduce((a, e) => a + e.mock.errors + e.prism.errors, 0);
  return [
    "## Mock server vs Prism",
    "",
    `Measured ${r.date} on ${r.environment}, with:`,
    "",
    "```sh",
    r.command,
    "```",
    "",
    `Both servers serve the merged contract (\`specs/dist/openapi.json\`) with dynamic responses (the mock by default, Prism ${"`"}prism mock -d${"`"}, @stoplight/prism-cli 5.14.2, the newest release that supports Node 20). Each endpoint is loaded on one server, then the other: autocannon, ${r.connections} connections, ${r.durationSeconds} s per endpoint, scenario and server, after a 2 s warm-up. Latencies in milliseconds.`,
    "",
    "### Every request distinct (every body generated)",
    "",
    "Each request carries its own `__seed`, so the mock generates, solves and verifies every body; no cache can answer. The last column shows how much each server generates per response: Prism's dynamic mode draws arrays of any length and adds arbitrary extra properties, the mock one row per day of the range and only declared properties.",
    "",
    ...table(r.fresh),
    "",
    "### The same request repeated",
    "",
    "The mock answers a repeated request from its cache of generated bodies (bodies are a pure function of request and seed, so the bytes are those a fresh generation would give); Prism generates every time.",
    "",
    ...table(r.repeated),
    "",
    "### Start-up and memory",
    "",
    "| | mock | Prism | ratio |",
    "|---|---:|---:|---:|",
    `| start-up (spawn to "listening" line) | ${fmt(r.startup.mockMs)} ms | ${fmt(r.startup.prismMs)} ms | ${ratio(r.startup.prismMs, r.startup.mockMs)} faster |`,
    `| RSS after the load | ${fmt(r.memory.mock.rssMiB)} MiB | ${fmt(r.memory.prism.rssMiB)} MiB | ${ratio(r.memory.prism.rssMiB, r.memory.mock.rssMiB)} less |`,
    `| peak RSS | ${fmt(r.memory.mock.peakMiB)} MiB | ${fmt(r.memory.prism.peakMiB)} MiB | ${ratio(r.memory.prism.peakMiB, r.memory.mock.peakMiB)} less |`,
    "",
    `Socket errors or timeouts during the runs: ${errors}. Every request was valid and authorized; both servers answered every one with a 2xx (the benchmark fails otherwise).`,
  ].join("\n");
}

/** Replaces this benchmark's section of docs/benchmarks.md, and nothing else. */
export function writeSection(file: string, section: string): void {
  const start = "<!-- mock-server:start -->";
  const end = "<!-- mock-server:end -->";
  const text = readFileSync(file, "utf8");
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${file} has no ${start} ... ${end} section`);
  writeFileSync(file, `${text.slice(0, from + start.length)}\n${section}\n${text.slice(to)}`);
}

export interface TargetResult {
  name: string;
  /** Mean over the rounds. */
  rps: number;
  /** Median over the rounds, in ms. */
  p50: number;
  p99: number;
  /** Median over the rounds of this target's figure divided by the direct one of the same round. */
  rpsRatio: number;
  p99Ratio: number;
  errors: number;
  requests: number;
}

export interface ProxyBenchReport {
  command: string;
  date: string;
  environment: string;
  paths: string[];
  durationSeconds: number;
  rounds: number;
  connections: number;
  /** Direct first, then this proxy, then Prism's. */
  results: TargetResult[];
  /** Violation lines the proxy logged during the run (the reference server honours the contract: 0 expected). */
  violations: number;
}

const pct = (x: number) => `${x >= 0 ? "+" : ""}${(x * 100).toFixed(0)}%`;

/** The proxy section of docs/benchmarks.md. */
export function renderProxyReport(r: ProxyBenchReport): string {
  const [direct, ours, prism] = r.results as [TargetResult, TargetResult, TargetResult];
  const rows = r.results.map(
    (t) =>
      `| ${t.name} | ${t.rps.toFixed(0)} | ${t.rpsRatio.toFixed(2)} | ${t.p50} | ${t.p99} | ${t === direct ? "" : pct(t.p99Ratio - 1)} | ${t.requests} | ${t.errors} |`,
  );
  return `## Validating proxy

Measured ${r.date} on ${r.environment}, with:

\`\`\`sh
${r.command}
\`\`\`

The same read traffic, ${r.connections} connections: the reference server's demo requests in turn
(${[...new Set(r.paths)].map((p) => `\`${p}\``).join(", ")}), on embedded PGlite with demo data,
direct and through each proxy; ${r.rounds} rounds of ${r.durationSeconds} s per target, each round
starting with another target. req/s is the mean over the rounds, p50 and p99 the median round's;
the ratios to direct are the median over the rounds of each round's own ratio (the machine's load
drifts within a run). Both proxies run as shipped, a log line per request.

| target | req/s | req/s vs direct | p50 ms | p99 ms | p99 added | requests | socket errors |
|---|---|---|---|---|---|---|---|
${rows.join("\n")}

This proxy adds ${pct(ours.p99Ratio - 1)} to p99 (target: at most +20%) and answers ${(ours.rpsRatio / prism.rpsRatio).toFixed(1)}× the requests per second of
\`prism proxy\`, whose p99 is ${(prism.p99Ratio / ours.p99Ratio).toFixed(1)}× this proxy's. Violations this proxy logged during the run: ${r.violations}.
The three share two cores with the load generator; the reference server is the bottleneck of
every row, so a proxy's cost shows as the CPU it takes from it as much as its own latency. On a
loaded machine single rounds differ up to twofold: read the ratios, and the tail (p99) least.`;
}

/** The read operations the benchmark measures, and how it measures them over HTTP. */

const DAY = 86_400_000;

export interface ReadOp { op: string; path: string }

export function readOps(runId: string, now = Date.now()): ReadOp[] {
  const today = Math.floor(now / DAY) * DAY;
  const d = (n: number) => new Date(today - n * DAY).toISOString().slice(0, 10);
  const t = (n: number) => new Date(today - n * DAY).toISOString();
  const ops: [string, string][] = [
    ["getAgentStats", "/agents/a3/stats"],
    ["listAgentRuns", "/agents/a3/runs?limit=50"],
    ["getAgentRun", `/agents/a3/runs/${runId}`],
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
  return ops.map(([op, path]) => ({ op, path }));
}

export interface ReadResult {
  op: string;
  p50: number;
  p99: number;
  perSecond: number;
  /** Requests sent, warm-up included. */
  sent: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

export async function get(url: string, headers: Record<string, string>, path: string): Promise<string> {
  const r = await fetch(`${url}${path}`, { headers });
  const text = await r.text();
  if (r.status !== 200) throw new Error(`${path} answered ${r.status}: ${text.slice(0, 300)}`);
  return text;
}

/**
 * Requests `op` `requests` times from `concurrency` clients, each request to the next server of
 * `urls` in turn (a round-robin balancer), after a warm-up; latency percentiles and throughput.
 */
export async function measureRead(urls: string[], headers: Record<string, string>, { op, path }: ReadOp, requests: number, concurrency: number): Promise<ReadResult> {
  let turn = 0;
  const next = () => urls[turn++ % urls.length]!;
  const warmUp = 10 * urls.length;
  for (let i = 0; i < warmUp; i++) await get(next(), headers, path);
  const latencies: number[] = [];
  let issued = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (issued++ < requests) {
      const t0 = performance.now();
      await get(next(), headers, path);
      latencies.push(performance.now() - t0);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { op, p50: percentile(latencies, 50), p99: percentile(latencies, 99), perSecond: latencies.length / seconds, sent: warmUp + latencies.length };
}

/** Fields that name when an answer was computed or a row last recomputed, not a figure. */
const VOLATILE = new Set(["computedAt", "updated_at"]);

/** Every read's answer from one server, without volatile fields, by operation. */
export async function answers(url: string, headers: Record<string, string>, ops: ReadOp[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const { op, path } of ops) {
    if (op === "get_metrics_refresh_status") continue;
    out.set(op, JSON.stringify(JSON.parse(await get(url, headers, path)), (key, value: unknown) => (VOLATILE.has(key) ? undefined : value)));
  }
  return out;
}

/** The operations whose answers differ between two sets of answers. */
export function differences(a: Map<string, string>, b: Map<string, string>): string[] {
  return [...a.keys()].filter((op) => a.get(op) !== b.get(op));
}

/**
 * For each of the contract's 16 operations, a sequence of requests that differ from each other
 * (other agents, runs, ranges, filters, pages, keys, batches): nothing can be answered from a cache
 * of responses. Ids come from the mock's world, so every request is one the mock answers 2xx; Prism
 * answers any valid request, so both servers get the same sequence.
 */
export interface WorldIds {
  agents: string[];
  users: string[];
  /** Runs of each agent, as `[agentId, runId]`. */
  runs: [string, string][];
  /** The world's first day and its today, `YYYY-MM-DD`. */
  firstDay: string;
  today: string;
}

export interface BenchRequest {
  method: "GET" | "POST";
  path: string;
  body?: string;
  /** A key of its own for this request (else the benchmark's). */
  key?: string;
}

export interface OperationLoad {
  operationId: string;
  /** The `i`-th request of the sequence (any `i` >= 0). */
  request(i: number): BenchRequest;
}

const DAY = 86_400_000;

/** Small deterministic integers from a request number, so the sequence is the same on every run. */
function mix(i: number, salt: number): number {
  let h = Math.imul(i ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(salt + 1, 0xc2b2ae35);
  h ^= h >>> 13;
  h = Math.imul(h, 0x27d4eb2f);
  return (h ^ (h >>> 15)) >>> 0;
}

export function operationLoads(ids: WorldIds): OperationLoad[] {
  const first = Date.parse(ids.firstDay);
  const days = Math.round((Date.parse(ids.today) - first) / DAY);
  const pick = <T>(list: T[], i: number, salt: number) => list[mix(i, salt) % list.length]!;
  const day = (offset: number) => new Date(first + offset * DAY).toISOString().slice(0, 10);
  /** A range of 1 to 60 days inside the history, `[from, to)`. */
  const range = (i: number) => {
    const length = 1 + (mix(i, 1) % 60);
    const start = mix(i, 2) % Math.max(1, days - length);
    return [day(start), day(start + length)] as const;
  };
  const maybe = (i: number, salt: number, value: string) => (mix(i, salt) % 2 === 0 ? value : undefined);
  const query = (params: Record<string, string | number | undefined>) =>
    new URLSearchParams(Object.entries(params).flatMap(([k, v]): [string, string][] => (v === undefined ? [] : [[k, String(v)]]))).toString();
  const get = (path: string, params: Record<string, string | number | undefined> = {}): BenchRequest => {
    const q = query(params);
    return { method: "GET", path: q ? `${path}?${q}` : path };
  };
  const statuses = ["completed", "failed", "running", "queued"];
  return [
    // Prism does not serve the agents module under its `/api-proxy` base path: only the root one here.
    { operationId: "getAgentStats", request: (i) => get(`/agents/${pick(ids.agents, i, 3)}/stats`) },
    {
      operationId: "listAgentRuns",
      request: (i) => get(`/agents/${pick(ids.agents, i, 3)}/runs`, { limit: 1 + (mix(i, 4) % 100), offset: mix(i, 5) % 400, status: maybe(i, 6, pick(statuses, i, 7)) }),
    },
    {
      operationId: "getAgentRun",
      request: (i) => {
        const [agentId, runId] = pick(ids.runs, i, 3);
        return get(`/agents/${agentId}/runs/${runId}`);
      },
    },
    {
      operationId: "get_metrics",
      request: (i) => {
        const [from, to] = range(i);
        return get("/metrics", { starting_date: maybe(i, 4, from), ending_date: maybe(i, 5, to) });
      },
    },
    { operationId: "refresh_metrics", request: (i) => ({ method: "POST", path: `/metrics/refresh?${query({ background: String(i % 2 === 0), db_id: maybe(i, 4, "default"), table: maybe(i, 5, "metrics") })}`, key: `bench-refresh-${i}` }) },
    { operationId: "get_metrics_refresh_status", request: (i) => ({ ...get("/metrics/refresh/status", { db_id: maybe(i, 4, "default"), table: maybe(i, 5, "metrics") }), key: `bench-status-${i}` }) },
    {
      operationId: "getDashboardStats",
      request: (i) => {
        const [from, to] = range(i);
        return get("/api/dashboard/getStats", {
          from: `${from}T0${mix(i, 4) % 10}:00:00Z`, to, allInOrg: String(i % 3 !== 0), agentId: maybe(i, 5, pick(ids.agents, i, 6)),
          userId: mix(i, 7) % 4 === 0 ? pick(ids.users, i, 8) : undefined, metadataKey: mix(i, 9) % 5 === 0 ? "plan" : undefined, metadataValue: mix(i, 10) % 5 === 0 ? "pro" : undefined,
        });
      },
    },
    { operationId: "getAnalyticsOverview", request: (i) => get("/analytics/overview", { period: pick(["day", "week", "month"], i, 3), assistant: maybe(i, 4, pick(ids.agents, i, 5)) }) },
    {
      operationId: "getAnalyticsMetrics",
      request: (i) => {
        const [from, to] = range(i);
        return get("/analytics/metrics", { period: pick(["day", "week", "month"], i, 3), startDate: from, endDate: to, assistant: maybe(i, 4, pick(ids.agents, i, 5)) });
      },
    },
    { operationId: "getAnalyticsRolling", request: (i) => get("/analytics/rolling", { window: 1 + (mix(i, 3) % 90), assistant: maybe(i, 4, pick(ids.agents, i, 5)) }) },
    {
      operationId: "listAnalyticsEvents",
      request: (i) => {
        const [from, to] = range(i);
        return get("/analytics/events", {
          startDate: from, endDate: to, eventType: maybe(i, 3, pick(["incomingMessages", "outgoingMessages", "tasksInitiated", "tasksCompleted"], i, 4)),
          assistant: maybe(i, 5, pick(ids.agents, i, 6)), user: mix(i, 7) % 3 === 0 ? pick(ids.users, i, 8) : undefined, limit: 1 + (mix(i, 9) % 100), skip: mix(i, 10) % 200,
        });
      },
    },
    {
      operationId: "getAnalyticsAssistants",
      request: (i) => {
        const [from, to] = range(i);
        return get("/analytics/assistants", { startDate: from, endDate: to, assistant: mix(i, 3) % 4 === 0 ? pick(ids.agents, i, 4) : undefined });
      },
    },
    {
      operationId: "getAnalyticsTopUsers",
      request: (i) => {
        const [from, to] = range(i);
        return get("/analytics/users/top", { startDate: from, endDate: to, limit: 1 + (mix(i, 3) % 50), assistant: maybe(i, 4, pick(ids.agents, i, 5)) });
      },
    },
    {
      operationId: "getAnalyticsSnapshots",
      request: (i) => {
        const [from, to] = range(i);
        return get("/analytics/snapshots", { startDate: from, endDate: to, assistant: maybe(i, 3, pick(ids.agents, i, 4)) });
      },
    },
    {
      operationId: "ingestBatch",
      request: (i) => {
        const at = new Date(first + (mix(i, 3) % (days * DAY))).toISOString();
        const session = `bench_sess_${i}`;
        const body = {
          sessions: [{ id: session, agentId: pick(ids.agents, i, 4), userId: pick(ids.users, i, 5), createdAt: at }],
          messages: [{ id: `bench_msg_${i}_1`, sessionId: session, role: "user", inputTokens: 40, createdAt: at }, { id: `bench_msg_${i}_2`, sessionId: session, role: "assistant", toolCalls: 1, createdAt: at }],
        };
        return { method: "POST", path: "/ingest/batch", body: JSON.stringify(body) };
      },
    },
    { operationId: "getIngestContext", request: (i) => ({ ...get("/ingest/context"), key: `bench-context-${i}` }) },
  ];
}

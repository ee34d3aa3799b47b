import { epochMs as ms, type CanonicalRecord, type Records } from "@agent-analytics/contract";
import { roundHalfAway } from "./rounding.js";

type Run = CanonicalRecord<"runs">;

/** `GET /agents/{agentId}/stats`, from docs/semantics.md. */
export function agentStats(records: Records, agentId: string) {
  const runs = records.runs.filter((r) => r.agentId === agentId);
  const finished = runs.filter((r) => r.status === "completed" || r.status === "failed");
  const durations = finished.map((r) => ms(r.completedAt!) - ms(r.startedAt));
  return {
    agentId,
    totalRuns: runs.length,
    successfulRuns: runs.filter((r) => r.status === "completed").length,
    failedRuns: runs.filter((r) => r.status === "failed").length,
    totalPostsGenerated: sum(runs.map((r) => r.postsGenerated)),
    totalPostsPublished: sum(runs.map((r) => r.postsPublished)),
    averageRunDurationMs: durations.length ? roundHalfAway(sum(durations) / durations.length) : 0,
  };
}

/** A run as the agents module presents it. */
export function presentRun(run: Run) {
  return {
    id: run.id,
    agentId: run.agentId,
    status: run.status,
    postsGenerated: run.postsGenerated,
    tokensUsed: run.tokens.input + run.tokens.output,
    error: run.error,
    startedAt: run.startedAt,
    completedAt: run.completedAt,
  };
}

/** `GET /agents/{agentId}/runs`: newest first, then id; `total` counts every match. */
export function agentRuns(records: Records, agentId: string, query: { status?: string; limit: number; offset: number }) {
  const matching = records.runs
    .filter((r) => r.agentId === agentId && (query.status === undefined || r.status === query.status))
    .sort((a, b) => ms(b.startedAt) - ms(a.startedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { runs: matching.slice(query.offset, query.offset + query.limit).map(presentRun), total: matching.length };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

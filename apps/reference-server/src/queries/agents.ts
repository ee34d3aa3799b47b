import type { AgentRun, AgentStats } from "@agent-analytics/types";
import type { Queryable } from "../storage/engine.js";
import { roundDiv } from "@agent-analytics/contract";

export async function agentExists(db: Queryable, orgId: string, agentId: string): Promise<boolean> {
  return (await db.query("SELECT 1 FROM agents WHERE org_id = $1 AND id = $2", [orgId, agentId])).length > 0;
}

/** Lifetime figures from the agent_stats rollup (an agent without runs has none: all zeros). */
export async function agentStats(db: Queryable, orgId: string, agentId: string): Promise<AgentStats> {
  const [row] = await db.query<Record<string, number>>(
    `SELECT total_runs::float8 AS total, successful_runs::float8 AS ok, failed_runs::float8 AS failed,
       posts_generated::float8 AS gen, posts_published::float8 AS pub, finished_runs::float8 AS finished,
       finished_duration_ms::float8 AS duration
     FROM agent_stats WHERE org_id = $1 AND agent_id = $2`,
    [orgId, agentId],
  );
  return {
    agentId,
    totalRuns: row?.total ?? 0,
    successfulRuns: row?.ok ?? 0,
    failedRuns: row?.failed ?? 0,
    totalPostsGenerated: row?.gen ?? 0,
    totalPostsPublished: row?.pub ?? 0,
    averageRunDurationMs: row && row.finished! > 0 ? roundDiv(row.duration!, row.finished!) : 0,
  };
}

const RUN_COLUMNS = `id, agent_id, status, posts_generated::float8 AS posts_generated,
  (tok_input + tok_output)::float8 AS tokens_used, error, started_at, completed_at`;

function toRun(r: Record<string, unknown>): AgentRun {
  const iso = (v: unknown) => (v == null ? null : new Date(v as string | Date).toISOString());
  return {
    id: String(r.id),
    agentId: String(r.agent_id),
    status: r.status as AgentRun["status"],
    postsGenerated: Number(r.posts_generated),
    tokensUsed: Number(r.tokens_used),
    error: (r.error as string | null) ?? null,
    startedAt: iso(r.started_at)!,
    completedAt: iso(r.completed_at),
  };
}

export async function listRuns(
  db: Queryable,
  orgId: string,
  agentId: string,
  page: { limit: number; offset: number; status?: string },
): Promise<{ runs: AgentRun[]; total: number }> {
  const filter = page.status ? "AND status = $3" : "AND $3::text IS NULL";
  const params = [orgId, agentId, page.status ?? null];
  // The total comes from the agent_stats rollup where it holds it (all runs, completed, failed);
  // queued and running runs are few and counted through the (agent, status) index.
  const column = page.status === undefined ? "total_runs" : page.status === "completed" ? "successful_runs" : page.status === "failed" ? "failed_runs" : undefined;
  const [count] = column
    ? await db.query<{ n: number }>(`SELECT coalesce((SELECT ${column}::float8 FROM agent_stats WHERE org_id = $1 AND agent_id = $2), 0) AS n`, [orgId, agentId])
    : await db.query<{ n: number }>(`SELECT count(*)::float8 AS n FROM runs WHERE org_id = $1 AND agent_id = $2 ${filter}`, params);
  const rows = await db.query(
    `SELECT ${RUN_COLUMNS} FROM runs WHERE org_id = $1 AND agent_id = $2 ${filter}
     ORDER BY started_at DESC, id ASC LIMIT $4 OFFSET $5`,
    [...params, page.limit, page.offset],
  );
  return { runs: rows.map(toRun), total: count?.n ?? 0 };
}

export async function getRun(db: Queryable, orgId: string, agentId: string, runId: string): Promise<AgentRun | undefined> {
  const rows = await db.query(`SELECT ${RUN_COLUMNS} FROM runs WHERE org_id = $1 AND agent_id = $2 AND id = $3`, [orgId, agentId, runId]);
  return rows[0] ? toRun(rows[0]) : undefined;
}

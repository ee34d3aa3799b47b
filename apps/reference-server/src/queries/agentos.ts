import type { DayAggregatedMetrics, RefreshStatus } from "@agent-analytics/types";
import type { Queryable } from "../storage/engine.js";
import { lockHeld, REFRESH_LOCK } from "../storage/locks.js";

/** Daily rows of the organisation with `from <= day <= to` (either bound optional), ascending. */
export async function metricsRows(db: Queryable, orgId: string, from: string | null, to: string | null): Promise<DayAggregatedMetrics[]> {
  const [rows, models] = await Promise.all([db.query<Record<string, unknown>>(
    `SELECT day::text AS day, id, agent_runs::float8 AS agent_runs, team_runs::float8 AS team_runs,
       workflow_runs::float8 AS workflow_runs, agent_sessions::float8 AS agent_sessions, team_sessions::float8 AS team_sessions,
       workflow_sessions::float8 AS workflow_sessions, users_count::float8 AS users_count, input_tokens::float8 AS input_tokens,
       output_tokens::float8 AS output_tokens, cached_tokens::float8 AS cached_tokens, cache_write_tokens::float8 AS cache_write_tokens,
       reasoning_tokens::float8 AS reasoning_tokens, input_audio_tokens::float8 AS input_audio_tokens,
       output_audio_tokens::float8 AS output_audio_tokens, created_at::float8 AS created_at, updated_at::float8 AS updated_at
     FROM metrics_daily WHERE org_id = $1 AND ($2::date IS NULL OR day >= $2::date) AND ($3::date IS NULL OR day <= $3::date)
     ORDER BY day`,
    [orgId, from, to],
  ), db.query<{ day: string; model_provider: string; model_id: string; runs: number }>(
    `SELECT day::text AS day, model_provider, model_id, runs::float8 AS runs FROM metrics_day_models
     WHERE org_id = $1 AND ($2::date IS NULL OR day >= $2::date) AND ($3::date IS NULL OR day <= $3::date)`,
    [orgId, from, to],
  )]);
  const byDay = new Map<string, { model_id: string; model_provider: string; count: number }[]>();
  for (const m of models) {
    const list = byDay.get(m.day) ?? [];
    list.push({ model_id: m.model_id, model_provider: m.model_provider, count: m.runs });
    byDay.set(m.day, list);
  }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return rows.map((r) => {
    const n = (k: string) => Number(r[k]);
    const modelMetrics = (byDay.get(String(r.day)) ?? []).sort(
      (a, b) => b.count - a.count || cmp(a.model_provider, b.model_provider) || cmp(a.model_id, b.model_id),
    );
    return {
      id: String(r.id),
      agent_runs_count: n("agent_runs"),
      agent_sessions_count: n("agent_sessions"),
      team_runs_count: n("team_runs"),
      team_sessions_count: n("team_sessions"),
      workflow_runs_count: n("workflow_runs"),
      workflow_sessions_count: n("workflow_sessions"),
      users_count: n("users_count"),
      token_metrics: {
        input_tokens: n("input_tokens"),
        output_tokens: n("output_tokens"),
        total_tokens: n("input_tokens") + n("output_tokens"),
        audio_tokens: n("input_audio_tokens") + n("output_audio_tokens"),
        input_audio_tokens: n("input_audio_tokens"),
        output_audio_tokens: n("output_audio_tokens"),
        cached_tokens: n("cached_tokens"),
        cache_write_tokens: n("cache_write_tokens"),
        reasoning_tokens: n("reasoning_tokens"),
      },
      model_metrics: modelMetrics,
      date: `${String(r.day)}T00:00:00`,
      created_at: n("created_at"),
      updated_at: n("updated_at"),
    };
  });
}

/**
 * The latest refresh. A `running` row whose refresh lock nobody holds belongs to an instance that
 * died mid-refresh (its transaction rolled back): it is reported as failed.
 */
export async function refreshStatus(db: Queryable, orgId: string): Promise<RefreshStatus> {
  const [row] = await db.query<{ status: RefreshStatus["status"]; started_at: Date | null; finished_at: Date | null; error: string | null; orphaned: boolean }>(
    `SELECT status, started_at, finished_at, error, status = 'running' AND NOT ${lockHeld(REFRESH_LOCK)} AS orphaned
     FROM metrics_refresh WHERE org_id = $1`,
    [orgId],
  );
  if (!row) return { status: "idle", started_at: null, finished_at: null, error: null };
  const iso = (v: Date | string | null) => (v == null ? null : new Date(v).toISOString());
  if (row.orphaned) return { status: "failed", started_at: iso(row.started_at), finished_at: iso(row.started_at), error: "The refresh was interrupted." };
  return { status: row.status, started_at: iso(row.started_at), finished_at: iso(row.finished_at), error: row.error };
}

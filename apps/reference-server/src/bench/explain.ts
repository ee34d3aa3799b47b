import { windowFigures } from "../queries/analytics.js";
import type { Queryable } from "../storage/engine.js";

const DAY = 86_400_000;

/**
 * The executed plan (EXPLAIN ANALYZE, BUFFERS) of every statement getAnalyticsTopUsers runs for
 * the benchmark's 30-day window: the query functions run against a connection that explains each
 * statement instead of answering it.
 */
export async function topUsersPlans(db: Queryable, orgId: string, now = Date.now()): Promise<string[]> {
  const plans: string[] = [];
  const explaining: Queryable = {
    async query<T>(sql: string, params?: unknown[]) {
      const rows = await db.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
      plans.push(rows.map((r) => r["QUERY PLAN"]).join("\n"));
      return [] as T[];
    },
  };
  const end = Math.floor(now / DAY) * DAY;
  await windowFigures(explaining, orgId, end - 30 * DAY, end, { by: "user" });
  return plans;
}

/** Dead and live row versions of the rollup tables, as PostgreSQL's statistics count them. */
export async function rollupTuples(db: Queryable): Promise<{ live: number; dead: number }> {
  const [row] = await db.query<{ live: number; dead: number }>(
    `SELECT coalesce(sum(n_live_tup), 0)::float8 AS live, coalesce(sum(n_dead_tup), 0)::float8 AS dead FROM pg_stat_user_tables
     WHERE schemaname = current_schema() AND relname IN ('activity_daily', 'agent_daily', 'user_daily', 'user_week', 'user_month',
       'kb_daily', 'agent_stats', 'metrics_daily', 'metrics_day_users', 'metrics_day_models')`,
  );
  return { live: Number(row?.live ?? 0), dead: Number(row?.dead ?? 0) };
}

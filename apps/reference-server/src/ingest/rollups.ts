import type { Queryable } from "../storage/engine.js";
import { stage } from "./store.js";

/**
 * Where the rollups read records from: a batch's staged new records (ingest), or every stored
 * record of the organisation (POST /metrics/refresh). The SQL below is the only definition of
 * each rollup; ingest adds a batch's contribution with it, refresh recomputes everything with it.
 */
export type RollupSource = "staged" | "stored";

/** Every rollup table (what refresh rebuilds, what the rollup vacuum keeps compact). */
export const ROLLUP_TABLES = ["activity_daily", "agent_daily", "user_daily", "user_week", "user_month", "kb_daily", "agent_stats",
  "metrics_daily", "metrics_day_users", "metrics_day_models"] as const;

const TABLES = { sessions: "sessions", messages: "messages", feedback: "feedback", runs: "runs", kbFiles: "kb_files" } as const;

function from(source: RollupSource, type: keyof typeof TABLES, alias: string): string {
  return source === "staged" ? `${stage(type)} ${alias}` : `(SELECT * FROM ${TABLES[type]} WHERE org_id = $1) ${alias}`;
}

const DAY = (column: string) => `(${column} AT TIME ZONE 'UTC')::date`;
const NOW = "extract(epoch FROM now())::bigint";

/** The counters of activity_daily, agent_daily and user_daily. */
const ACTIVITY = ["sessions", "messages", "tool_calls", "input_tokens", "output_tokens", "feedback", "helpful", "incoming", "outgoing", "initiated", "completed"];
/** The counters top users ranks by (user_week). */
const EVENTS = ["incoming", "outgoing", "initiated", "completed"];
const METRICS = ["agent_runs", "team_runs", "workflow_runs", "agent_sessions", "team_sessions", "workflow_sessions", "users_count",
  "input_tokens", "output_tokens", "cached_tokens", "cache_write_tokens", "reasoning_tokens", "input_audio_tokens", "output_audio_tokens"];

const sums = (columns: string[]) => columns.map((c) => `sum(${c})`).join(", ");
const added = (columns: string[]) => columns.map((c) => `${c} = t.${c} + excluded.${c}`).join(", ");

/**
 * `INSERT ... SELECT ... ORDER BY key ON CONFLICT DO UPDATE SET c = t.c + excluded.c`: rows are
 * written in key order so that concurrent batches lock rollup rows in one global order.
 */
function upsertAdd(table: string, key: string[], counters: string[], select: string): string {
  const columns = ["org_id", ...key, ...counters].join(", ");
  return `INSERT INTO ${table} AS t (${columns}) ${select} ORDER BY ${key.join(", ")}
    ON CONFLICT (org_id, ${key.join(", ")}) DO UPDATE SET ${added(counters)}`;
}

/**
 * Adds the records of `source` to every rollup of the organisation, in one statement: activity by
 * (day, agent, user) first, then every coarser rollup from it; the AgentOS day rows, with their
 * distinct users counted through metrics_day_users (a (day, user) pair adds to users_count only
 * when its insert is new).
 */
export async function applyRollups(db: Queryable, orgId: string, source: RollupSource): Promise<void> {
  const zero = (n: number) => Array(n).fill("0").join(", ");
  const bit = "(1::bigint << (extract(day FROM day)::int - 1))";
  await db.query(
    `WITH activity AS (
       SELECT day, agent_id, user_id, ${ACTIVITY.map((c) => `sum(${c})::bigint AS ${c}`).join(", ")} FROM (
         SELECT ${DAY("created_at")} AS day, agent_id, coalesce(user_id, '') AS user_id, 1::bigint AS sessions, 0::bigint AS messages,
           0::bigint AS tool_calls, 0::bigint AS input_tokens, 0::bigint AS output_tokens, 0::bigint AS feedback, 0::bigint AS helpful,
           0::bigint AS incoming, 0::bigint AS outgoing, 0::bigint AS initiated, 0::bigint AS completed
         FROM ${from(source, "sessions", "s")}
         UNION ALL
         SELECT ${DAY("created_at")}, agent_id, coalesce(user_id, ''), 0, 1, tool_calls, input_tokens, output_tokens, 0, 0,
           (role = 'user')::int, (role = 'assistant')::int, 0, 0 FROM ${from(source, "messages", "m")}
         UNION ALL
         SELECT ${DAY("created_at")}, agent_id, coalesce(user_id, ''), 0, 0, 0, 0, 0, 1, helpful::int, 0, 0, 0, 0 FROM ${from(source, "feedback", "f")}
         UNION ALL
         SELECT ${DAY("started_at")}, agent_id, coalesce(user_id, ''), 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0 FROM ${from(source, "runs", "r")}
         UNION ALL
         SELECT ${DAY("completed_at")}, agent_id, coalesce(user_id, ''), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1
         FROM ${from(source, "runs", "r")} WHERE status = 'completed' AND completed_at IS NOT NULL
       ) x GROUP BY day, agent_id, user_id
     ),
     activity_rows AS (${upsertAdd("activity_daily", ["day", "agent_id", "user_id"], ACTIVITY, `SELECT $1, day, agent_id, user_id, ${ACTIVITY.join(", ")} FROM activity`)}),
     agent_rows AS (${upsertAdd("agent_daily", ["day", "agent_id"], ACTIVITY, `SELECT $1, day, agent_id, ${sums(ACTIVITY)} FROM activity GROUP BY day, agent_id`)}),
     user_rows AS (${upsertAdd("user_daily", ["day", "user_id"], ACTIVITY, `SELECT $1, day, user_id, ${sums(ACTIVITY)} FROM activity GROUP BY day, user_id`)}),
     week_rows AS (${upsertAdd("user_week", ["week", "user_id"], EVENTS,
       `SELECT $1, date_trunc('week', day)::date AS week, user_id, ${sums(EVENTS)} FROM activity GROUP BY 2, user_id`)}),
     month_rows AS (
       INSERT INTO user_month AS t (org_id, agent_id, user_id, month, incoming_mask, session_mask)
       SELECT $1, agent_id, user_id, month, bit_or(incoming_mask), bit_or(session_mask) FROM (
         SELECT a.agent_id, user_id, date_trunc('month', day)::date AS month,
           CASE WHEN incoming > 0 THEN ${bit} ELSE 0 END AS incoming_mask, CASE WHEN sessions > 0 THEN ${bit} ELSE 0 END AS session_mask
         FROM activity, LATERAL (VALUES (activity.agent_id), ('')) a(agent_id)
         WHERE user_id <> '' AND (incoming > 0 OR sessions > 0)
       ) m GROUP BY agent_id, user_id, month ORDER BY agent_id, month, user_id
       ON CONFLICT (org_id, agent_id, month, user_id) DO UPDATE
         SET incoming_mask = t.incoming_mask | excluded.incoming_mask, session_mask = t.session_mask | excluded.session_mask
     ),
     kb_rows AS (${upsertAdd("kb_daily", ["day", "knowledge_base_id"], ["files", "extract_input_tokens", "extract_output_tokens"],
       `SELECT $1, ${DAY("processed_at")} AS day, knowledge_base_id, count(*), sum(extract_input_tokens), sum(extract_output_tokens)
        FROM ${from(source, "kbFiles", "k")} GROUP BY 2, knowledge_base_id`)}),
     stats_rows AS (${upsertAdd("agent_stats", ["agent_id"], ["total_runs", "successful_runs", "failed_runs", "posts_generated", "posts_published", "finished_runs", "finished_duration_ms"],
       `SELECT $1, agent_id, count(*), count(*) FILTER (WHERE status = 'completed'), count(*) FILTER (WHERE status = 'failed'),
          sum(posts_generated), sum(posts_published), count(*) FILTER (WHERE status IN ('completed', 'failed') AND completed_at IS NOT NULL),
          coalesce(sum(round(extract(epoch FROM completed_at - started_at) * 1000))
            FILTER (WHERE status IN ('completed', 'failed') AND completed_at IS NOT NULL), 0)
        FROM ${from(source, "runs", "r")} GROUP BY agent_id`)}),
     model_rows AS (${upsertAdd("metrics_day_models", ["day", "model_provider", "model_id"], ["runs"],
       `SELECT $1, ${DAY("started_at")} AS day, model_provider, model_id, count(*) FROM ${from(source, "runs", "r")}
        WHERE model_id IS NOT NULL AND model_provider IS NOT NULL GROUP BY 2, model_provider, model_id`)}),
     new_day_users AS (
       INSERT INTO metrics_day_users (org_id, day, user_id)
       SELECT DISTINCT $1, day, user_id FROM (
         SELECT ${DAY("created_at")} AS day, user_id FROM ${from(source, "sessions", "s")} WHERE user_id IS NOT NULL
         UNION ALL
         SELECT ${DAY("started_at")}, user_id FROM ${from(source, "runs", "r")} WHERE user_id IS NOT NULL
       ) u ORDER BY 2, 3
       ON CONFLICT DO NOTHING RETURNING day
     ),
     metrics_rows AS (
       INSERT INTO metrics_daily AS t (org_id, day, ${METRICS.join(", ")}, id, created_at, updated_at)
       SELECT $1, day, ${sums(METRICS)}, gen_random_uuid()::text, ${NOW}, ${NOW} FROM (
         SELECT ${DAY("s.created_at")} AS day, 0::bigint AS agent_runs, 0::bigint AS team_runs, 0::bigint AS workflow_runs,
           (a.kind = 'agent')::int::bigint AS agent_sessions, (a.kind = 'team')::int::bigint AS team_sessions,
           (a.kind = 'workflow')::int::bigint AS workflow_sessions, 0::bigint AS users_count,
           ${METRICS.slice(7).map((c) => `0::bigint AS ${c}`).join(", ")}
         FROM ${from(source, "sessions", "s")} JOIN agents a ON a.org_id = $1 AND a.id = s.agent_id
         UNION ALL
         SELECT ${DAY("r.started_at")}, (a.kind = 'agent')::int, (a.kind = 'team')::int, (a.kind = 'workflow')::int, 0, 0, 0, 0,
           tok_input, tok_output, tok_cached, tok_cache_write, tok_reasoning, tok_audio_input, tok_audio_output
         FROM ${from(source, "runs", "r")} JOIN agents a ON a.org_id = $1 AND a.id = r.agent_id
         UNION ALL
         SELECT day, 0, 0, 0, 0, 0, 0, 1, ${zero(7)} FROM new_day_users
       ) d GROUP BY day ORDER BY day
       ON CONFLICT (org_id, day) DO UPDATE SET ${added(METRICS)}, updated_at = excluded.updated_at
     )
     SELECT 1`,
    [orgId],
  );
}

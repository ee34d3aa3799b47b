import type { Queryable } from "../storage/engine.js";

const DAY = (column: string) => `(${column} AT TIME ZONE 'UTC')::date`;

/**
 * Recomputes every rollup of an organisation from its records: the same figures ingest keeps
 * incrementally. Holds the organisation's ingest lock so no batch lands half-counted. AgentOS rows
 * keep their `id` and `created_at`; `updated_at` becomes now.
 */
export async function rebuildRollups(tx: Queryable, orgId: string): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('ingest:' || $1))", [orgId]);
  for (const table of ["activity_daily", "agent_daily", "user_daily", "user_month", "kb_daily", "agent_stats", "metrics_day_users", "metrics_day_models"]) {
    await tx.query(`DELETE FROM ${table} WHERE org_id = $1`, [orgId]);
  }
  await tx.query(
    `INSERT INTO activity_daily (org_id, day, agent_id, user_id, sessions, messages, tool_calls, input_tokens, output_tokens,
       feedback, helpful, incoming, outgoing, initiated, initiated_completed, completed)
     SELECT $1, day, agent_id, user_id, sum(a), sum(b), sum(c), sum(d), sum(e), sum(f), sum(g), sum(h), sum(i), sum(j), sum(k), sum(l)
     FROM (
       SELECT ${DAY("created_at")} AS day, agent_id, coalesce(user_id, '') AS user_id,
              1 a, 0 b, 0 c, 0 d, 0 e, 0 f, 0 g, 0 h, 0 i, 0 j, 0 k, 0 l FROM sessions WHERE org_id = $1
       UNION ALL
       SELECT ${DAY("created_at")}, agent_id, coalesce(user_id, ''), 0, 1, tool_calls, input_tokens, output_tokens, 0, 0,
              (role = 'user')::int, (role = 'assistant')::int, 0, 0, 0 FROM messages WHERE org_id = $1
       UNION ALL
       SELECT ${DAY("created_at")}, agent_id, coalesce(user_id, ''), 0, 0, 0, 0, 0, 1, helpful::int, 0, 0, 0, 0, 0
       FROM feedback WHERE org_id = $1
       UNION ALL
       SELECT ${DAY("started_at")}, agent_id, coalesce(user_id, ''), 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, (status = 'completed')::int, 0
       FROM runs WHERE org_id = $1
       UNION ALL
       SELECT ${DAY("completed_at")}, agent_id, coalesce(user_id, ''), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1
       FROM runs WHERE org_id = $1 AND status = 'completed' AND completed_at IS NOT NULL
     ) x GROUP BY day, agent_id, user_id`,
    [orgId],
  );
  const counters = "sessions, messages, tool_calls, input_tokens, output_tokens, feedback, helpful, incoming, outgoing, initiated, initiated_completed, completed";
  const sums = counters.split(", ").map((c) => `sum(${c})`).join(", ");
  for (const [table, column] of [["agent_daily", "agent_id"], ["user_daily", "user_id"]]) {
    await tx.query(
      `INSERT INTO ${table} (org_id, day, ${column}, ${counters})
       SELECT org_id, day, ${column}, ${sums} FROM activity_daily WHERE org_id = $1 GROUP BY org_id, day, ${column}`,
      [orgId],
    );
  }
  const bit = "(1::bigint << (extract(day FROM day)::int - 1))";
  for (const [agent, group] of [["agent_id", "agent_id, "], ["''", ""]]) {
    await tx.query(
      `INSERT INTO user_month (org_id, agent_id, user_id, month, incoming_mask, session_mask)
       SELECT org_id, ${agent}, user_id, date_trunc('month', day)::date,
         bit_or(CASE WHEN incoming > 0 THEN ${bit} ELSE 0 END), bit_or(CASE WHEN sessions > 0 THEN ${bit} ELSE 0 END)
       FROM activity_daily WHERE org_id = $1 AND user_id <> '' AND (incoming > 0 OR sessions > 0)
       GROUP BY org_id, ${group}user_id, date_trunc('month', day)::date`,
      [orgId],
    );
  }
  await tx.query(
    `INSERT INTO kb_daily (org_id, day, knowledge_base_id, files, extract_input_tokens, extract_output_tokens)
     SELECT $1, ${DAY("processed_at")}, knowledge_base_id, count(*), sum(extract_input_tokens), sum(extract_output_tokens)
     FROM kb_files WHERE org_id = $1 GROUP BY 2, 3`,
    [orgId],
  );
  await tx.query(
    `INSERT INTO agent_stats (org_id, agent_id, total_runs, successful_runs, failed_runs, posts_generated, posts_published,
       finished_runs, finished_duration_ms)
     SELECT $1, agent_id, count(*), count(*) FILTER (WHERE status = 'completed'), count(*) FILTER (WHERE status = 'failed'),
       sum(posts_generated), sum(posts_published),
       count(*) FILTER (WHERE status IN ('completed', 'failed') AND completed_at IS NOT NULL),
       coalesce(sum(round(extract(epoch FROM completed_at - started_at) * 1000))
         FILTER (WHERE status IN ('completed', 'failed') AND completed_at IS NOT NULL), 0)
     FROM runs WHERE org_id = $1 GROUP BY agent_id`,
    [orgId],
  );
  await tx.query(
    `INSERT INTO metrics_day_users (org_id, day, user_id)
     SELECT $1, ${DAY("created_at")}, user_id FROM sessions WHERE org_id = $1 AND user_id IS NOT NULL
     UNION
     SELECT $1, ${DAY("started_at")}, user_id FROM runs WHERE org_id = $1 AND user_id IS NOT NULL`,
    [orgId],
  );
  await tx.query(
    `INSERT INTO metrics_day_models (org_id, day, model_provider, model_id, runs)
     SELECT $1, ${DAY("started_at")}, model_provider, model_id, count(*) FROM runs
     WHERE org_id = $1 AND model_id IS NOT NULL AND model_provider IS NOT NULL GROUP BY 2, 3, 4`,
    [orgId],
  );
  await tx.query(
    `WITH s AS (
       SELECT ${DAY("s.created_at")} AS day,
         count(*) FILTER (WHERE a.kind = 'agent') AS agent_sessions,
         count(*) FILTER (WHERE a.kind = 'team') AS team_sessions,
         count(*) FILTER (WHERE a.kind = 'workflow') AS workflow_sessions
       FROM sessions s JOIN agents a ON a.org_id = s.org_id AND a.id = s.agent_id WHERE s.org_id = $1 GROUP BY 1
     ), r AS (
       SELECT ${DAY("r.started_at")} AS day,
         count(*) FILTER (WHERE a.kind = 'agent') AS agent_runs,
         count(*) FILTER (WHERE a.kind = 'team') AS team_runs,
         count(*) FILTER (WHERE a.kind = 'workflow') AS workflow_runs,
         sum(tok_input) AS input_tokens, sum(tok_output) AS output_tokens, sum(tok_cached) AS cached_tokens,
         sum(tok_cache_write) AS cache_write_tokens, sum(tok_reasoning) AS reasoning_tokens,
         sum(tok_audio_input) AS input_audio_tokens, sum(tok_audio_output) AS output_audio_tokens
       FROM runs r JOIN agents a ON a.org_id = r.org_id AND a.id = r.agent_id WHERE r.org_id = $1 GROUP BY 1
     ), u AS (
       SELECT day, count(*) AS users_count FROM metrics_day_users WHERE org_id = $1 GROUP BY day
     ), d AS (
       SELECT coalesce(s.day, r.day) AS day, s.agent_sessions, s.team_sessions, s.workflow_sessions, r.agent_runs, r.team_runs,
         r.workflow_runs, r.input_tokens, r.output_tokens, r.cached_tokens, r.cache_write_tokens, r.reasoning_tokens,
         r.input_audio_tokens, r.output_audio_tokens
       FROM s FULL JOIN r ON r.day = s.day
     )
     INSERT INTO metrics_daily AS t (org_id, day, id, agent_runs, team_runs, workflow_runs, agent_sessions, team_sessions,
       workflow_sessions, users_count, input_tokens, output_tokens, cached_tokens, cache_write_tokens, reasoning_tokens,
       input_audio_tokens, output_audio_tokens, created_at, updated_at)
     SELECT $1, d.day, gen_random_uuid()::text, coalesce(agent_runs, 0), coalesce(team_runs, 0), coalesce(workflow_runs, 0),
       coalesce(agent_sessions, 0), coalesce(team_sessions, 0), coalesce(workflow_sessions, 0), coalesce(u.users_count, 0),
       coalesce(input_tokens, 0), coalesce(output_tokens, 0), coalesce(cached_tokens, 0), coalesce(cache_write_tokens, 0),
       coalesce(reasoning_tokens, 0), coalesce(input_audio_tokens, 0), coalesce(output_audio_tokens, 0),
       extract(epoch FROM now())::bigint, extract(epoch FROM now())::bigint
     FROM d LEFT JOIN u ON u.day = d.day
     ON CONFLICT (org_id, day) DO UPDATE SET agent_runs = excluded.agent_runs, team_runs = excluded.team_runs,
       workflow_runs = excluded.workflow_runs, agent_sessions = excluded.agent_sessions, team_sessions = excluded.team_sessions,
       workflow_sessions = excluded.workflow_sessions, users_count = excluded.users_count, input_tokens = excluded.input_tokens,
       output_tokens = excluded.output_tokens, cached_tokens = excluded.cached_tokens, cache_write_tokens = excluded.cache_write_tokens,
       reasoning_tokens = excluded.reasoning_tokens, input_audio_tokens = excluded.input_audio_tokens,
       output_audio_tokens = excluded.output_audio_tokens, updated_at = excluded.updated_at`,
    [orgId],
  );
  // Every day with activity was just written with updated_at = now() (constant in a transaction);
  // an older row would be a day without records, which cannot exist in the rollup.
  await tx.query("DELETE FROM metrics_daily WHERE org_id = $1 AND updated_at < extract(epoch FROM now())::bigint", [orgId]);
}

import type { Queryable } from "../storage/engine.js";
import { INGEST_LOCK, lockArgs } from "../storage/locks.js";
import { applyRollups, ROLLUP_TABLES } from "./rollups.js";

/**
 * Recomputes every rollup of an organisation from its records, with the same SQL ingest adds a
 * batch with. Holds the organisation's ingest lock so no batch lands half-counted. AgentOS rows
 * keep their `id` and `created_at`; `updated_at` becomes now.
 */
export async function rebuildRollups(tx: Queryable, orgId: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(${lockArgs(INGEST_LOCK)})::text`, [orgId]);
  // The day rows of metrics_daily are kept (their ids are part of the AgentOS answer).
  for (const table of ROLLUP_TABLES.filter((t) => t !== "metrics_daily")) {
    await tx.query(`DELETE FROM ${table} WHERE org_id = $1`, [orgId]);
  }
  await tx.query(
    `UPDATE metrics_daily SET agent_runs = 0, team_runs = 0, workflow_runs = 0, agent_sessions = 0, team_sessions = 0,
       workflow_sessions = 0, users_count = 0, input_tokens = 0, output_tokens = 0, cached_tokens = 0, cache_write_tokens = 0,
       reasoning_tokens = 0, input_audio_tokens = 0, output_audio_tokens = 0 WHERE org_id = $1`,
    [orgId],
  );
  await applyRollups(tx, orgId, "stored");
  // Every day with records was just written with updated_at = now() (constant in a transaction);
  // an older row would be a day without records, which cannot exist in the rollup.
  await tx.query("DELETE FROM metrics_daily WHERE org_id = $1 AND updated_at < extract(epoch FROM now())::bigint", [orgId]);
}

import type { Database, Queryable } from "../storage/engine.js";
import { lockArgs, REFRESH_LOCK } from "../storage/locks.js";
import { rebuildRollups } from "./refresh.js";

export type RefreshOutcome = "done" | "busy";

/**
 * Rebuilds an organisation's rollups, one refresh at a time across every instance on the
 * database: the rebuild's transaction holds an advisory lock, which PostgreSQL releases when the
 * transaction ends or its connection dies, so an instance that crashes mid-refresh never blocks
 * the next one. Without `wait`, a refresh held elsewhere gives up at once (`busy`); `started` is
 * called once the lock is held, so a background request can answer then.
 */
export async function runRefresh(db: Database, orgId: string, options: { wait: boolean; started?: () => void }): Promise<RefreshOutcome> {
  let held = false;
  try {
    return await db.transaction(async (tx) => {
      if (options.wait) {
        await tx.query(`SELECT pg_advisory_xact_lock(${lockArgs(REFRESH_LOCK)})::text`, [orgId]);
      } else {
        const [row] = await tx.query<{ ok: boolean }>(`SELECT pg_try_advisory_xact_lock(${lockArgs(REFRESH_LOCK)}) AS ok`, [orgId]);
        if (!row?.ok) return "busy";
      }
      held = true;
      // Other connections see `running` while the rebuild runs. PGlite has one connection, busy
      // with this transaction until it ends: the state is written inside it there.
      await setState(db.kind === "postgres" ? db : tx, orgId, "running");
      options.started?.();
      await rebuildRollups(tx, orgId);
      await setState(tx, orgId, "completed");
      return "done";
    });
  } catch (error) {
    if (held) await setState(db, orgId, "failed").catch(() => {});
    throw error;
  }
}

async function setState(db: Queryable, orgId: string, state: "running" | "completed" | "failed"): Promise<void> {
  if (state === "running") {
    await db.query(
      `INSERT INTO metrics_refresh (org_id, status, started_at, finished_at, error) VALUES ($1, 'running', clock_timestamp(), NULL, NULL)
       ON CONFLICT (org_id) DO UPDATE SET status = 'running', started_at = clock_timestamp(), finished_at = NULL, error = NULL`,
      [orgId],
    );
    return;
  }
  await db.query(
    "UPDATE metrics_refresh SET status = $2, finished_at = greatest(clock_timestamp(), started_at), error = $3 WHERE org_id = $1",
    [orgId, state, state === "failed" ? "The refresh failed." : null],
  );
}

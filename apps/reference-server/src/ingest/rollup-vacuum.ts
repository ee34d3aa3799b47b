import type { Logger } from "pino";
import type { Database } from "../storage/engine.js";
import { lockArgs, VACUUM_LOCK } from "../storage/locks.js";
import { ROLLUP_TABLES } from "./rollups.js";

/**
 * Vacuums the rollup tables that hold more than `minDead` dead row versions (and a fifth of their
 * live rows), one instance at a time. Every batch updates rollup rows; the updates are HOT, but
 * only VACUUM tells the free-space map about the room pruning made, so without it the tables
 * grow with every update and so do the reads that scan them. The tables are small (days × agents
 * × users), so this takes milliseconds, whatever the database's autovacuum settings are.
 */
export async function vacuumRollups(db: Database, minDead = 1000): Promise<string[]> {
  return db.session(async (session) => {
    const [lock] = await session.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(${lockArgs(VACUUM_LOCK)}) AS ok`);
    if (!lock?.ok) return [];
    try {
      const due = await session.query<{ relname: string }>(
        `SELECT relname FROM pg_stat_user_tables WHERE schemaname = current_schema() AND relname = ANY($1::text[])
           AND n_dead_tup > greatest($2::bigint, n_live_tup / 5) ORDER BY relname`,
        [ROLLUP_TABLES, minDead],
      );
      for (const { relname } of due) await session.query(`VACUUM ${relname}`);
      return due.map((r) => r.relname);
    } finally {
      await session.query(`SELECT pg_advisory_unlock(${lockArgs(VACUUM_LOCK)})`);
    }
  });
}

/** Runs vacuumRollups every `intervalMs` (one run at a time) until stopped. */
export function startRollupVacuum(db: Database, logger: Logger, intervalMs = 15_000): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    running ??= vacuumRollups(db)
      .then((tables) => void (tables.length > 0 && logger.debug({ tables }, "rollups vacuumed")))
      .catch((error: unknown) => logger.warn({ err: error }, "rollup vacuum failed"))
      .finally(() => (running = undefined));
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

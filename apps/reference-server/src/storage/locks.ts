/**
 * Advisory locks, as SQL with the organisation id as `$1`. Advisory locks are per database, so
 * the first key names the schema and the purpose (deployments may share a database, each in its
 * own schema) and the second the organisation.
 *
 * - `INGEST_LOCK`: batches take it shared and run side by side; a refresh takes it exclusively
 *   while it rebuilds, so no batch lands half-counted.
 * - `REFRESH_LOCK`: one refresh at a time per organisation, across every instance.
 * - `VACUUM_LOCK`: one instance at a time vacuums the schema's rollups (no organisation key).
 */
export interface AdvisoryLock { space: string; key: string }

export const INGEST_LOCK: AdvisoryLock = { space: "hashtext(current_schema() || ':ingest')", key: "hashtext($1)" };
export const REFRESH_LOCK: AdvisoryLock = { space: "hashtext(current_schema() || ':refresh')", key: "hashtext($1)" };
export const VACUUM_LOCK: AdvisoryLock = { space: "hashtext(current_schema() || ':vacuum')", key: "0" };

/** The arguments of pg_advisory_xact_lock and its siblings. */
export const lockArgs = (lock: AdvisoryLock) => `${lock.space}, ${lock.key}`;

/** Whether some session holds the lock (pg_locks shows a two-key lock as classid, objid). */
export function lockHeld(lock: AdvisoryLock): string {
  return `EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2
    AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
    AND classid = (${lock.space})::oid AND objid = (${lock.key})::oid)`;
}

import type { IngestBatch, IngestResult } from "@agent-analytics/types";
import type { Database, Transaction } from "../storage/engine.js";
import { INGEST_LOCK, lockArgs } from "../storage/locks.js";
import { applyRollups } from "./rollups.js";
import { contentKey, normalizeRecord, RECORD_TYPES, type RecordType } from "@agent-analytics/contract";
import type { Canonical } from "./records.js";
import { resolveReferences } from "./references.js";
import { insertEvents, loadByIds, mergeStaged, stageRecords, unstage, type NewRecords } from "./store.js";

export interface RecordError { recordType: RecordType; index: number; id: string | null; reason: string }

export type IngestOutcome =
  | { kind: "stored"; result: IngestResult }
  | { kind: "invalid"; errors: RecordError[] }
  | { kind: "conflict"; errors: RecordError[] };

/** Thrown inside the transaction to roll it back with an outcome. */
class Rejected extends Error {
  constructor(readonly outcome: IngestOutcome) {
    super(outcome.kind);
  }
}

/** PostgreSQL's deadlock and serialization failures: the transaction can simply be run again. */
const RETRYABLE = new Set(["40P01", "40001"]);

/**
 * Stores a schema-valid batch for an organisation, all or nothing, in one transaction. Concurrent
 * batches (of one organisation or several) run in parallel: the records are copied into staging
 * tables, and a record is new only if this transaction's merge (INSERT ... ON CONFLICT DO NOTHING)
 * inserted it (the unique index arbitrates between racing batches); only inserted records add to
 * the events and rollups, so nothing is lost or counted twice. Rows are locked in one global
 * order; a deadlock would still only cause a retry.
 */
export async function ingestBatch(db: Database, orgId: string, batch: IngestBatch): Promise<IngestOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction((tx) => ingestInTransaction(tx, orgId, batch));
    } catch (error) {
      if (error instanceof Rejected) return error.outcome;
      if (attempt < 5 && RETRYABLE.has((error as { code?: string }).code ?? "")) continue;
      throw error;
    }
  }
}

async function ingestInTransaction(tx: Transaction, orgId: string, batch: IngestBatch): Promise<IngestOutcome> {
  // Shared: batches run side by side; POST /metrics/refresh takes it exclusively while it rebuilds.
  await tx.query(`SELECT pg_advisory_xact_lock_shared(${lockArgs(INGEST_LOCK)})::text`, [orgId]);
  const counts = () => ({ users: 0, agents: 0, sessions: 0, runs: 0, messages: 0, feedback: 0, kbFiles: 0, total: 0 });
  const received = counts();
  const accepted = counts();
  const duplicates = counts();
  const fresh = { users: [], agents: [], sessions: [], runs: [], messages: [], feedback: [], kbFiles: [] } as unknown as NewRecords;
  // Every record of the batch that ends up stored (new or duplicate), by id, for references.
  const inBatch = {} as { [T in RecordType]: Map<string, Canonical[T]> };
  const conflicts: RecordError[] = [];
  const firstIndex = {} as Record<RecordType, Map<string, number>>;

  for (const type of RECORD_TYPES) {
    const raws = (batch[type] ?? []) as never[];
    const records = raws.map((r) => normalizeRecord[type](r) as Canonical[typeof type]);
    // No read of stored records here: the merge below tells which ids already exist, and only
    // those are read back and compared (a fresh batch, the common case, costs no lookups).
    inBatch[type] = new Map() as never;
    firstIndex[type] = new Map();
    records.forEach((record, index) => {
      received[type] += 1;
      const previous = inBatch[type].get(record.id) as object | undefined;
      if (previous === undefined) {
        firstIndex[type].set(record.id, index);
        (fresh[type] as unknown[]).push(record);
        inBatch[type].set(record.id, record as never);
        accepted[type] += 1;
      } else if (contentKey(previous) === contentKey(record)) {
        duplicates[type] += 1;
      } else {
        conflicts.push({ recordType: type, index, id: record.id, reason: `${record.id} appears earlier in the batch with different content.` });
      }
    });
  }

  const resolved = await resolveReferences(tx, orgId, batch, inBatch);
  if (resolved.errors.length > 0) throw new Rejected({ kind: "invalid", errors: resolved.errors });

  await stageRecords(tx, orgId, fresh, (id) => resolved.sessions.get(id)!);
  const lost = await mergeStaged(tx, RECORD_TYPES.filter((t) => fresh[t].length > 0));
  // Records already stored (earlier, or by a concurrent batch that committed first): duplicates
  // when equal after defaults, else conflicts. Duplicates leave staging, so only new records count.
  for (const [type, ids] of lost) {
    const stored = await loadByIds(tx, orgId, type, ids);
    const repeated: string[] = [];
    for (const id of ids) {
      const now = stored.get(id);
      if (now && contentKey(now) === contentKey(inBatch[type].get(id)!)) {
        accepted[type] -= 1;
        duplicates[type] += 1;
        repeated.push(id);
      } else {
        conflicts.push({ recordType: type, index: firstIndex[type].get(id)!, id, reason: `${id} is stored with different content.` });
      }
    }
    if (repeated.length > 0) await unstage(tx, type, repeated);
  }
  // Every conflicting record is listed, those within the batch and those with stored records.
  if (conflicts.length > 0) {
    conflicts.sort((a, b) => RECORD_TYPES.indexOf(a.recordType) - RECORD_TYPES.indexOf(b.recordType) || a.index - b.index);
    throw new Rejected({ kind: "conflict", errors: conflicts });
  }
  await insertEvents(tx);
  await applyRollups(tx, orgId, "staged");

  for (const c of [received, accepted, duplicates]) {
    c.total = c.users + c.agents + c.sessions + c.runs + c.messages + c.feedback + c.kbFiles;
  }
  return { kind: "stored", result: { received, accepted, duplicates } };
}

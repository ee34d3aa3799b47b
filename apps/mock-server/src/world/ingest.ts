import { contentKey, normalizeRecord, RECORD_TYPES, referenceErrors, type CanonicalRecord, type IngestBatch, type IngestRecord, type RecordError, type RecordType } from "@agent-analytics/contract";
import type { IngestResult } from "@agent-analytics/types";
import { emptyRecords, fromCanonical, type Records, type WorldRecord } from "./records.js";
import type { Organisation } from "./organisations.js";

export type IngestOutcome =
  | { kind: "stored"; result: IngestResult }
  | { kind: "invalid"; errors: RecordError[] }
  | { kind: "conflict"; errors: RecordError[] };

type Counts = IngestResult["received"];
const zero = (): Counts => ({ users: 0, agents: 0, sessions: 0, runs: 0, messages: 0, feedback: 0, kbFiles: 0, total: 0 });

/**
 * The ingest module's rules (specs/ingest/openapi.yaml): a record already stored, or earlier in the
 * batch, with the same content is a duplicate; with other content, a conflict (409); references must
 * resolve within the batch or to the organisation's records (400, the contract's `referenceErrors`);
 * nothing of a rejected batch is stored. The batch is one the contract's pipeline accepted:
 * schema-valid, within its size, its records keeping their item invariants. Records are compared as
 * the contract's canonical records (`normalizeRecord`, `contentKey`) in the world's form, whose
 * instants in milliseconds are one to one with the canonical ISO instants.
 */
export function ingest(org: Organisation, batch: IngestBatch): IngestOutcome {
  const view = org.view;
  const received = zero();
  const accepted = zero();
  const duplicates = zero();
  const fresh = emptyRecords();
  const all = emptyRecords();
  const inBatch = {} as { [T in RecordType]: Map<string, WorldRecord<T>> };
  const conflicts: RecordError[] = [];

  for (const type of RECORD_TYPES) {
    const raws = (batch[type] ?? []) as IngestRecord<typeof type>[];
    const normalize = normalizeRecord[type] as (raw: IngestRecord<typeof type>) => CanonicalRecord<typeof type>;
    // Content is compared (serialized) only when an id comes again: a fresh record costs a lookup.
    const firsts = new Map<string, WorldRecord<typeof type>>();
    raws.forEach((raw, index) => {
      const record = fromCanonical(type, normalize(raw));
      (all[type] as WorldRecord<typeof type>[]).push(record);
      received[type]++;
      const earlier = firsts.get(record.id);
      if (earlier === undefined) {
        firsts.set(record.id, record);
        const stored = view.stored(type, record.id);
        if (stored === undefined) {
          (fresh[type] as WorldRecord<typeof type>[]).push(record);
          accepted[type]++;
        } else if (contentKey(stored) === contentKey(record)) {
          duplicates[type]++;
        } else {
          conflicts.push({ recordType: type, index, id: record.id, reason: `${record.id} is stored with different content.` });
        }
      } else if (contentKey(earlier) === contentKey(record)) {
        duplicates[type]++;
      } else {
        conflicts.push({ recordType: type, index, id: record.id, reason: `${record.id} appears earlier in the batch with different content.` });
      }
    });
    (inBatch as Record<RecordType, Map<string, unknown>>)[type] = firsts;
  }

  const errors = referencesOf(view, all, inBatch);
  if (errors.length > 0) return { kind: "invalid", errors };
  // Listed in record order already: types in RECORD_TYPES order, each type's records by index.
  if (conflicts.length > 0) return { kind: "conflict", errors: conflicts };
  org.forWriting().add(fresh);
  for (const c of [received, accepted, duplicates]) c.total = c.users + c.agents + c.sessions + c.runs + c.messages + c.feedback + c.kbFiles;
  return { kind: "stored", result: { received, accepted, duplicates } };
}

/** The batch's references, resolved against the batch and then the organisation's records. */
function referencesOf(view: Organisation["view"], batch: Records, inBatch: { [T in RecordType]: Map<string, WorldRecord<T>> }): RecordError[] {
  return referenceErrors(batch, {
    agentExists: (id) => inBatch.agents.has(id) || view.agent(id) !== undefined,
    userExists: (id) => inBatch.users.has(id) || view.user(id) !== undefined,
    sessionAgent: (id) => inBatch.sessions.get(id)?.agentId ?? view.session(id)?.record.agentId,
    messageSession: (id) => inBatch.messages.get(id)?.sessionId ?? view.message(id)?.record.sessionId,
  });
}

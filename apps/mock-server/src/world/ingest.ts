import type { IngestResult } from "@agent-analytics/types";
import { contentKey, emptyRecords, normalize, RECORD_TYPES, type Canonical, type IngestBatch, type RecordType, type Records } from "./records.js";
import type { Organisation } from "./organisations.js";

export interface RecordError { recordType: RecordType; index: number; id: string | null; reason: string }

export type IngestOutcome =
  | { kind: "stored"; result: IngestResult }
  | { kind: "invalid"; errors: RecordError[] }
  | { kind: "conflict"; errors: RecordError[] };

type Counts = IngestResult["received"];
const zero = (): Counts => ({ users: 0, agents: 0, sessions: 0, runs: 0, messages: 0, feedback: 0, kbFiles: 0, total: 0 });

/**
 * The ingest module's rules (specs/ingest/openapi.yaml): a record already stored, or earlier in the
 * batch, with the same content is a duplicate; with other content, a conflict (409); references must
 * resolve within the batch or to the organisation's records (400); nothing of a rejected batch is
 * stored. The batch is schema-valid and its records keep their item invariants (checked before).
 */
export function ingest(org: Organisation, batch: IngestBatch): IngestOutcome {
  const view = org.view;
  const received = zero();
  const accepted = zero();
  const duplicates = zero();
  const fresh = emptyRecords();
  const all = emptyRecords();
  const inBatch = {} as { [T in RecordType]: Map<string, Canonical[T]> };
  const conflicts: RecordError[] = [];

  for (const type of RECORD_TYPES) {
    const raws = (batch[type] ?? []) as never[];
    // Content is compared (serialized) only when an id comes again: a fresh record costs a lookup.
    const firsts = new Map<string, Canonical[typeof type]>();
    raws.forEach((raw, index) => {
      const record = normalize[type](raw) as Canonical[typeof type];
      (all[type] as Canonical[typeof type][]).push(record);
      received[type]++;
      const earlier = firsts.get(record.id);
      if (earlier === undefined) {
        firsts.set(record.id, record);
        const stored = view.stored(type, record.id);
        if (stored === undefined) {
          (fresh[type] as Canonical[typeof type][]).push(record);
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

  const errors = referenceErrors(view, all, inBatch);
  if (errors.length > 0) return { kind: "invalid", errors };
  if (conflicts.length > 0) {
    conflicts.sort((a, b) => RECORD_TYPES.indexOf(a.recordType) - RECORD_TYPES.indexOf(b.recordType) || a.index - b.index);
    return { kind: "conflict", errors: conflicts };
  }
  org.forWriting().add(fresh);
  for (const c of [received, accepted, duplicates]) c.total = c.users + c.agents + c.sessions + c.runs + c.messages + c.feedback + c.kbFiles;
  return { kind: "stored", result: { received, accepted, duplicates } };
}

/**
 * The references of the module's rules, for every record of the batch: each must resolve to a
 * record of the batch or one the organisation holds; a run's session must be of the run's agent, a
 * feedback's message of the feedback's session.
 */
function referenceErrors(view: Organisation["view"], batch: Records, inBatch: { [T in RecordType]: Map<string, Canonical[T]> }): RecordError[] {
  const errors: RecordError[] = [];
  const fail = (recordType: RecordType, index: number, id: string, reason: string) => errors.push({ recordType, index, id, reason });
  const agentExists = (id: string) => inBatch.agents.has(id) || view.agent(id) !== undefined;
  const userExists = (id: string) => inBatch.users.has(id) || view.user(id) !== undefined;
  const sessionAgent = (id: string) => inBatch.sessions.get(id)?.agentId ?? view.session(id)?.record.agentId;
  const messageSession = (id: string) => inBatch.messages.get(id)?.sessionId ?? view.message(id)?.record.sessionId;

  batch.sessions.forEach((s, i) => {
    if (!agentExists(s.agentId)) fail("sessions", i, s.id, `agentId ${s.agentId} does not exist.`);
    if (s.userId !== null && !userExists(s.userId)) fail("sessions", i, s.id, `userId ${s.userId} does not exist.`);
  });
  batch.runs.forEach((r, i) => {
    if (!agentExists(r.agentId)) fail("runs", i, r.id, `agentId ${r.agentId} does not exist.`);
    if (r.userId !== null && !userExists(r.userId)) fail("runs", i, r.id, `userId ${r.userId} does not exist.`);
    if (r.sessionId !== null) {
      const agent = sessionAgent(r.sessionId);
      if (agent === undefined) fail("runs", i, r.id, `sessionId ${r.sessionId} does not exist.`);
      else if (agent !== r.agentId) fail("runs", i, r.id, `session ${r.sessionId} belongs to agent ${agent}, not ${r.agentId}.`);
    }
  });
  batch.messages.forEach((m, i) => {
    if (sessionAgent(m.sessionId) === undefined) fail("messages", i, m.id, `sessionId ${m.sessionId} does not exist.`);
  });
  batch.feedback.forEach((f, i) => {
    if (sessionAgent(f.sessionId) === undefined) fail("feedback", i, f.id, `sessionId ${f.sessionId} does not exist.`);
    if (f.messageId !== null) {
      const owner = messageSession(f.messageId);
      if (owner === undefined) fail("feedback", i, f.id, `messageId ${f.messageId} does not exist.`);
      else if (owner !== f.sessionId) fail("feedback", i, f.id, `message ${f.messageId} belongs to session ${owner}, not ${f.sessionId}.`);
    }
  });
  return errors;
}

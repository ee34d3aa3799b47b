import type { RecordError } from "../pipeline/record-errors.js";
import type { CanonicalRecord } from "./records.js";

/**
 * What a server knows of the records a batch refers to: those of the batch itself and those the
 * organisation already holds. How it finds them (a map, a query) is its own business.
 */
export interface ReferenceLookup {
  agentExists(id: string): boolean;
  userExists(id: string): boolean;
  /** The agent of a session, or undefined when there is no such session. */
  sessionAgent(id: string): string | undefined;
  /** The session of a message, or undefined when there is no such message. */
  messageSession(id: string): string | undefined;
}

type Ref<T extends "sessions" | "runs" | "messages" | "feedback", K extends keyof CanonicalRecord<T>> = Pick<CanonicalRecord<T>, "id" | K>;

/** The references a batch's records make, with the documented defaults applied (an absent one is null). */
export interface BatchReferences {
  sessions: readonly Ref<"sessions", "agentId" | "userId">[];
  runs: readonly Ref<"runs", "agentId" | "userId" | "sessionId">[];
  messages: readonly Ref<"messages", "sessionId">[];
  feedback: readonly Ref<"feedback", "sessionId" | "messageId">[];
}

/** A broken reference: a record error of a record type that refers to others. */
export type BrokenReference = RecordError & { recordType: keyof BatchReferences };

/**
 * The ingest module's reference rules (specs/ingest/openapi.yaml), for every record of a batch: each
 * reference must resolve to a record of the batch or one the organisation holds, a run's session
 * must be of the run's agent, a feedback's message of the feedback's session. One entry per broken
 * reference, in record order: the `errors` of the batch's 400.
 */
export function referenceErrors(batch: BatchReferences, lookup: ReferenceLookup): BrokenReference[] {
  const errors: BrokenReference[] = [];
  const fail = (recordType: keyof BatchReferences, index: number, id: string, reason: string) => errors.push({ recordType, index, id, reason });
  batch.sessions.forEach((s, i) => {
    if (!lookup.agentExists(s.agentId)) fail("sessions", i, s.id, `agentId ${s.agentId} does not exist.`);
    if (s.userId !== null && !lookup.userExists(s.userId)) fail("sessions", i, s.id, `userId ${s.userId} does not exist.`);
  });
  batch.runs.forEach((r, i) => {
    if (!lookup.agentExists(r.agentId)) fail("runs", i, r.id, `agentId ${r.agentId} does not exist.`);
    if (r.userId !== null && !lookup.userExists(r.userId)) fail("runs", i, r.id, `userId ${r.userId} does not exist.`);
    if (r.sessionId !== null) {
      const agent = lookup.sessionAgent(r.sessionId);
      if (agent === undefined) fail("runs", i, r.id, `sessionId ${r.sessionId} does not exist.`);
      else if (agent !== r.agentId) fail("runs", i, r.id, `session ${r.sessionId} belongs to agent ${agent}, not ${r.agentId}.`);
    }
  });
  batch.messages.forEach((m, i) => {
    if (lookup.sessionAgent(m.sessionId) === undefined) fail("messages", i, m.id, `sessionId ${m.sessionId} does not exist.`);
  });
  batch.feedback.forEach((f, i) => {
    if (lookup.sessionAgent(f.sessionId) === undefined) fail("feedback", i, f.id, `sessionId ${f.sessionId} does not exist.`);
    if (f.messageId !== null) {
      const owner = lookup.messageSession(f.messageId);
      if (owner === undefined) fail("feedback", i, f.id, `messageId ${f.messageId} does not exist.`);
      else if (owner !== f.sessionId) fail("feedback", i, f.id, `message ${f.messageId} belongs to session ${owner}, not ${f.sessionId}.`);
    }
  });
  return errors;
}

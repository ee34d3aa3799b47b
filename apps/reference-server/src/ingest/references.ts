import type { IngestBatch } from "@agent-analytics/types";
import type { Queryable } from "../storage/engine.js";
import type { RecordError } from "./ingest.js";
import { normalizeRecords, type RecordType } from "@agent-analytics/contract";
import type { Agent, Canonical } from "./records.js";
import type { SessionInfo } from "./store.js";

export interface Resolution {
  errors: RecordError[];
  /** Agent and user of every session a batch record refers to. */
  sessions: Map<string, SessionInfo>;
  /** Kind of every agent a batch session or run refers to. */
  agentKinds: Map<string, Agent["kind"]>;
}

/**
 * Checks the references of the module description: each must resolve to a record of the batch or
 * one stored earlier by the same organisation, and a run's session must be of the run's agent, a
 * feedback's message of the feedback's session.
 */
export async function resolveReferences(
  db: Queryable,
  orgId: string,
  batch: IngestBatch,
  inBatch: { [T in RecordType]: Map<string, Canonical[T]> },
): Promise<Resolution> {
  const sessions = normalizeRecords(batch, "sessions");
  const runs = normalizeRecords(batch, "runs");
  const messages = normalizeRecords(batch, "messages");
  const feedback = normalizeRecords(batch, "feedback");

  const missing = (ids: (string | null)[], have: Map<string, unknown>) => [...new Set(ids.filter((id): id is string => id !== null && !have.has(id)))];
  const agentRows = await db.query<{ id: string; kind: Agent["kind"] }>(
    "SELECT id, kind FROM agents WHERE org_id = $1 AND id = ANY($2::text[])",
    [orgId, missing([...sessions, ...runs].map((r) => r.agentId), inBatch.agents)],
  );
  const agentKinds = new Map<string, Agent["kind"]>([...inBatch.agents.values()].map((a) => [a.id, a.kind]));
  for (const row of agentRows) agentKinds.set(row.id, row.kind);

  const userRows = await db.query<{ id: string }>("SELECT id FROM users WHERE org_id = $1 AND id = ANY($2::text[])", [
    orgId, missing([...sessions, ...runs].map((r) => r.userId), inBatch.users),
  ]);
  const users = new Set([...inBatch.users.keys(), ...userRows.map((r) => r.id)]);

  const sessionRows = await db.query<{ id: string; agent_id: string; user_id: string | null }>(
    "SELECT id, agent_id, user_id FROM sessions WHERE org_id = $1 AND id = ANY($2::text[])",
    [orgId, missing([...runs.map((r) => r.sessionId), ...messages.map((m) => m.sessionId), ...feedback.map((f) => f.sessionId)], inBatch.sessions)],
  );
  const sessionInfo = new Map<string, SessionInfo>([...inBatch.sessions.values()].map((s) => [s.id, { agentId: s.agentId, userId: s.userId }]));
  for (const row of sessionRows) sessionInfo.set(row.id, { agentId: row.agent_id, userId: row.user_id });

  const messageRows = await db.query<{ id: string; session_id: string }>(
    "SELECT id, session_id FROM messages WHERE org_id = $1 AND id = ANY($2::text[])",
    [orgId, missing(feedback.map((f) => f.messageId), inBatch.messages)],
  );
  const messageSession = new Map<string, string>([...inBatch.messages.values()].map((m) => [m.id, m.sessionId]));
  for (const row of messageRows) messageSession.set(row.id, row.session_id);

  const errors: RecordError[] = [];
  const fail = (recordType: RecordType, index: number, id: string, reason: string) => errors.push({ recordType, index, id, reason });
  sessions.forEach((s, i) => {
    if (!agentKinds.has(s.agentId)) fail("sessions", i, s.id, `agentId ${s.agentId} does not exist.`);
    if (s.userId !== null && !users.has(s.userId)) fail("sessions", i, s.id, `userId ${s.userId} does not exist.`);
  });
  runs.forEach((r, i) => {
    if (!agentKinds.has(r.agentId)) fail("runs", i, r.id, `agentId ${r.agentId} does not exist.`);
    if (r.userId !== null && !users.has(r.userId)) fail("runs", i, r.id, `userId ${r.userId} does not exist.`);
    if (r.sessionId !== null) {
      const s = sessionInfo.get(r.sessionId);
      if (!s) fail("runs", i, r.id, `sessionId ${r.sessionId} does not exist.`);
      else if (s.agentId !== r.agentId) fail("runs", i, r.id, `session ${r.sessionId} belongs to agent ${s.agentId}, not ${r.agentId}.`);
    }
  });
  messages.forEach((m, i) => {
    if (!sessionInfo.has(m.sessionId)) fail("messages", i, m.id, `sessionId ${m.sessionId} does not exist.`);
  });
  feedback.forEach((f, i) => {
    if (!sessionInfo.has(f.sessionId)) fail("feedback", i, f.id, `sessionId ${f.sessionId} does not exist.`);
    if (f.messageId !== null) {
      const owner = messageSession.get(f.messageId);
      if (owner === undefined) fail("feedback", i, f.id, `messageId ${f.messageId} does not exist.`);
      else if (owner !== f.sessionId) fail("feedback", i, f.id, `message ${f.messageId} belongs to session ${owner}, not ${f.sessionId}.`);
    }
  });
  return { errors, sessions: sessionInfo, agentKinds };
}

import type { IngestBatch } from "@agent-analytics/types";
import type { Queryable } from "../storage/engine.js";
import { normalizeRecords, referenceErrors, type BrokenReference, type RecordType } from "@agent-analytics/contract";
import type { Agent, Canonical } from "./records.js";
import type { SessionInfo } from "./store.js";

export interface Resolution {
  errors: BrokenReference[];
  /** Agent and user of every session a batch record refers to. */
  sessions: Map<string, SessionInfo>;
  /** Kind of every agent a batch session or run refers to. */
  agentKinds: Map<string, Agent["kind"]>;
}

/**
 * Looks up what the batch's references name (in the batch, or stored earlier by the same
 * organisation) and checks them by the module's rules (the contract's `referenceErrors`).
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

  const errors = referenceErrors({ sessions, runs, messages, feedback }, {
    agentExists: (id) => agentKinds.has(id),
    userExists: (id) => users.has(id),
    sessionAgent: (id) => sessionInfo.get(id)?.agentId,
    messageSession: (id) => messageSession.get(id),
  });
  return { errors, sessions: sessionInfo, agentKinds };
}

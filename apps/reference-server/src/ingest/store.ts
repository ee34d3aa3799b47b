import type { Queryable } from "../storage/engine.js";
import { insertRows } from "../storage/bulk.js";
import type { RecordType } from "@agent-analytics/contract";
import { fromRow, TABLE, type Canonical } from "./records.js";

/** Stored records of one type among `ids`, in canonical form, by id. */
export async function loadByIds<T extends RecordType>(
  db: Queryable,
  orgId: string,
  type: T,
  ids: string[],
): Promise<Map<string, Canonical[T]>> {
  const found = new Map<string, Canonical[T]>();
  if (ids.length === 0) return found;
  const rows = await db.query(`SELECT * FROM ${TABLE[type]} WHERE org_id = $1 AND id = ANY($2::text[])`, [orgId, ids]);
  for (const row of rows) found.set(String(row.id), fromRow[type](row) as Canonical[T]);
  return found;
}

/** Session facts messages and feedback carry with them. */
export interface SessionInfo { agentId: string; userId: string | null }

export interface NewRecords {
  users: Canonical["users"][];
  agents: Canonical["agents"][];
  sessions: Canonical["sessions"][];
  runs: Canonical["runs"][];
  messages: Canonical["messages"][];
  feedback: Canonical["feedback"][];
  kbFiles: Canonical["kbFiles"][];
}

const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
const NEW = "ON CONFLICT DO NOTHING";
const ID = "RETURNING id";

/**
 * Inserts the batch's new records, each table's rows in id order (so that concurrent batches take
 * index locks in one global order and cannot deadlock). A row whose id a concurrent batch committed
 * first is skipped by ON CONFLICT; the ids actually inserted are returned so the caller can
 * classify the others.
 */
export async function insertRecords(db: Queryable, orgId: string, input: NewRecords, sessionOf: (id: string) => SessionInfo): Promise<Record<RecordType, Set<string>>> {
  const rec = {
    users: byId(input.users), agents: byId(input.agents), sessions: byId(input.sessions), runs: byId(input.runs),
    messages: byId(input.messages), feedback: byId(input.feedback), kbFiles: byId(input.kbFiles),
  };
  const ids = (rows: Record<string, unknown>[]) => new Set(rows.map((r) => String(r.id)));
  const inserted = {} as Record<RecordType, Set<string>>;
  inserted.users = ids(await insertRows(db, "users", { org_id: "text", id: "text", metadata: "jsonb" },
    rec.users.map((u) => ({ org_id: orgId, id: u.id, metadata: u.metadata })), NEW, ID));
  inserted.agents = ids(await insertRows(db, "agents", { org_id: "text", id: "text", name: "text", kind: "text" },
    rec.agents.map((a) => ({ org_id: orgId, ...a })), NEW, ID));
  inserted.sessions = ids(await insertRows(db, "sessions", { org_id: "text", id: "text", agent_id: "text", user_id: "text", created_at: "timestamptz" },
    rec.sessions.map((s) => ({ org_id: orgId, id: s.id, agent_id: s.agentId, user_id: s.userId, created_at: s.createdAt })), NEW, ID));
  inserted.runs = ids(await insertRows(db, "runs", {
    org_id: "text", id: "text", agent_id: "text", session_id: "text", user_id: "text", status: "text", model_id: "text",
    model_provider: "text", tok_input: "bigint", tok_output: "bigint", tok_cached: "bigint", tok_cache_write: "bigint",
    tok_reasoning: "bigint", tok_audio_input: "bigint", tok_audio_output: "bigint", posts_generated: "bigint",
    posts_published: "bigint", error: "text", started_at: "timestamptz", completed_at: "timestamptz",
  }, rec.runs.map((r) => ({
    org_id: orgId, id: r.id, agent_id: r.agentId, session_id: r.sessionId, user_id: r.userId, status: r.status,
    model_id: r.model?.id ?? null, model_provider: r.model?.provider ?? null, tok_input: r.tokens.input, tok_output: r.tokens.output,
    tok_cached: r.tokens.cached, tok_cache_write: r.tokens.cacheWrite, tok_reasoning: r.tokens.reasoning,
    tok_audio_input: r.tokens.audioInput, tok_audio_output: r.tokens.audioOutput, posts_generated: r.postsGenerated,
    posts_published: r.postsPublished, error: r.error, started_at: r.startedAt, completed_at: r.completedAt,
  })), NEW, ID));
  inserted.messages = ids(await insertRows(db, "messages", {
    org_id: "text", id: "text", session_id: "text", agent_id: "text", user_id: "text", role: "text",
    tool_calls: "bigint", input_tokens: "bigint", output_tokens: "bigint", created_at: "timestamptz",
  }, rec.messages.map((m) => {
    const s = sessionOf(m.sessionId);
    return {
      org_id: orgId, id: m.id, session_id: m.sessionId, agent_id: s.agentId, user_id: s.userId, role: m.role,
      tool_calls: m.toolCalls, input_tokens: m.inputTokens, output_tokens: m.outputTokens, created_at: m.createdAt,
    };
  }), NEW, ID));
  inserted.feedback = ids(await insertRows(db, "feedback", {
    org_id: "text", id: "text", session_id: "text", message_id: "text", agent_id: "text", user_id: "text",
    helpful: "boolean", created_at: "timestamptz",
  }, rec.feedback.map((f) => {
    const s = sessionOf(f.sessionId);
    return {
      org_id: orgId, id: f.id, session_id: f.sessionId, message_id: f.messageId, agent_id: s.agentId,
      user_id: s.userId, helpful: f.helpful, created_at: f.createdAt,
    };
  }), NEW, ID));
  inserted.kbFiles = ids(await insertRows(db, "kb_files", {
    org_id: "text", id: "text", knowledge_base_id: "text", extract_input_tokens: "bigint",
    extract_output_tokens: "bigint", processed_at: "timestamptz",
  }, rec.kbFiles.map((k) => ({
    org_id: orgId, id: k.id, knowledge_base_id: k.knowledgeBaseId, extract_input_tokens: k.extractInputTokens,
    extract_output_tokens: k.extractOutputTokens, processed_at: k.processedAt,
  })), NEW, ID));
  return inserted;
}

/** Inserts the analytics events of the records this batch inserted. */
export async function insertEvents(db: Queryable, orgId: string, rec: NewRecords, sessionOf: (id: string) => SessionInfo): Promise<void> {
  const events = eventsOf(orgId, rec, sessionOf).sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1));
  await insertRows(db, "events", {
    org_id: "text", id: "text", event_type: "text", agent_id: "text", user_id: "text", ts: "timestamptz", run_completed: "boolean",
  }, events);
}

/** The analytics events of docs/semantics.md that new records produce. */
function eventsOf(orgId: string, rec: NewRecords, sessionOf: (id: string) => SessionInfo): Record<string, unknown>[] {
  const events: Record<string, unknown>[] = [];
  for (const m of rec.messages) {
    const s = sessionOf(m.sessionId);
    const type = m.role === "user" ? "incomingMessages" : "outgoingMessages";
    events.push({ org_id: orgId, id: `${m.id}:${type}`, event_type: type, agent_id: s.agentId, user_id: s.userId, ts: m.createdAt, run_completed: false });
  }
  for (const r of rec.runs) {
    const completed = r.status === "completed";
    events.push({ org_id: orgId, id: `${r.id}:tasksInitiated`, event_type: "tasksInitiated", agent_id: r.agentId, user_id: r.userId, ts: r.startedAt, run_completed: completed });
    if (completed && r.completedAt != null) {
      events.push({ org_id: orgId, id: `${r.id}:tasksCompleted`, event_type: "tasksCompleted", agent_id: r.agentId, user_id: r.userId, ts: r.completedAt, run_completed: false });
    }
  }
  return events;
}

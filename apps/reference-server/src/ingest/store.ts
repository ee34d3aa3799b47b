import { RECORD_TYPES, type RecordType } from "@agent-analytics/contract";
import type { CopyValue } from "../storage/copy.js";
import type { Queryable, Transaction } from "../storage/engine.js";
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

export type NewRecords = { [T in RecordType]: Canonical[T][] };

/** Each record type's stored columns, and the stored row of a canonical record. */
const STORED: { [T in RecordType]: { columns: string[]; row: (orgId: string, r: Canonical[T], sessionOf: (id: string) => SessionInfo) => CopyValue[] } } = {
  users: { columns: ["org_id", "id", "metadata"], row: (o, u) => [o, u.id, u.metadata] },
  agents: { columns: ["org_id", "id", "name", "kind"], row: (o, a) => [o, a.id, a.name, a.kind] },
  sessions: { columns: ["org_id", "id", "agent_id", "user_id", "created_at"], row: (o, s) => [o, s.id, s.agentId, s.userId, s.createdAt] },
  runs: {
    columns: ["org_id", "id", "agent_id", "session_id", "user_id", "status", "model_id", "model_provider", "tok_input", "tok_output",
      "tok_cached", "tok_cache_write", "tok_reasoning", "tok_audio_input", "tok_audio_output", "posts_generated", "posts_published",
      "error", "started_at", "completed_at"],
    row: (o, r) => [o, r.id, r.agentId, r.sessionId, r.userId, r.status, r.model?.id ?? null, r.model?.provider ?? null, r.tokens.input,
      r.tokens.output, r.tokens.cached, r.tokens.cacheWrite, r.tokens.reasoning, r.tokens.audioInput, r.tokens.audioOutput,
      r.postsGenerated, r.postsPublished, r.error, r.startedAt, r.completedAt],
  },
  messages: {
    columns: ["org_id", "id", "session_id", "agent_id", "user_id", "role", "tool_calls", "input_tokens", "output_tokens", "created_at"],
    row: (o, m, sessionOf) => {
      const s = sessionOf(m.sessionId);
      return [o, m.id, m.sessionId, s.agentId, s.userId, m.role, m.toolCalls, m.inputTokens, m.outputTokens, m.createdAt];
    },
  },
  feedback: {
    columns: ["org_id", "id", "session_id", "message_id", "agent_id", "user_id", "helpful", "created_at"],
    row: (o, f, sessionOf) => {
      const s = sessionOf(f.sessionId);
      return [o, f.id, f.sessionId, f.messageId, s.agentId, s.userId, f.helpful, f.createdAt];
    },
  },
  kbFiles: {
    columns: ["org_id", "id", "knowledge_base_id", "extract_input_tokens", "extract_output_tokens", "processed_at"],
    row: (o, k) => [o, k.id, k.knowledgeBaseId, k.extractInputTokens, k.extractOutputTokens, k.processedAt],
  },
};

/** The staging table of a record type: temporary (one per connection), emptied at every commit. */
export const stage = (type: RecordType) => `pg_temp.stage_${TABLE[type]}`;

/**
 * Copies the batch's records into this connection's staging tables, created on the connection's
 * first batch with the stored tables' columns. COPY is the cheapest way in, on both engines.
 */
export async function stageRecords(tx: Transaction, orgId: string, input: NewRecords, sessionOf: (id: string) => SessionInfo): Promise<void> {
  const create = RECORD_TYPES.map((t) => `CREATE TEMP TABLE stage_${TABLE[t]} (LIKE ${TABLE[t]}) ON COMMIT DELETE ROWS;`).join(" ");
  await tx.query(`DO $$ BEGIN IF to_regclass('${stage("kbFiles")}') IS NULL THEN ${create} END IF; END $$`);
  for (const type of RECORD_TYPES) {
    const { columns, row } = STORED[type] as { columns: string[]; row: (o: string, r: unknown, s: typeof sessionOf) => CopyValue[] };
    await tx.copyRows(stage(type), columns, (input[type] as unknown[]).map((r) => row(orgId, r, sessionOf)));
  }
}

/**
 * One set-based merge of every staged record into its table, each table's rows in id order (so
 * that concurrent batches take index locks in one global order and cannot deadlock). A row whose
 * id is already stored (earlier, or by a concurrent batch that committed first) is skipped by
 * ON CONFLICT; those ids are returned so the caller can classify them.
 */
export async function mergeStaged(tx: Transaction, types: RecordType[]): Promise<Map<RecordType, string[]>> {
  const lost = new Map<RecordType, string[]>();
  if (types.length === 0) return lost;
  const inserts = types.map((t, i) => {
    const columns = STORED[t].columns.join(", ");
    return `i${i} AS (INSERT INTO ${TABLE[t]} (${columns}) SELECT ${columns} FROM ${stage(t)} ORDER BY id ON CONFLICT DO NOTHING RETURNING id)`;
  });
  const skipped = types.map((t, i) => `SELECT ${i} AS type, id FROM ${stage(t)} WHERE id NOT IN (SELECT id FROM i${i})`);
  const rows = await tx.query<{ type: number; id: string }>(`WITH ${inserts.join(",\n")}\n${skipped.join("\nUNION ALL\n")}`);
  for (const { type, id } of rows) {
    const list = lost.get(types[type]!) ?? [];
    list.push(id);
    lost.set(types[type]!, list);
  }
  return lost;
}

/** Removes records from staging (duplicates of stored ones), so that only new records count. */
export async function unstage(tx: Transaction, type: RecordType, ids: string[]): Promise<void> {
  await tx.query(`DELETE FROM ${stage(type)} WHERE id = ANY($1::text[])`, [ids]);
}

/** The analytics events of docs/semantics.md that the staged (new) messages and runs produce. */
export async function insertEvents(tx: Transaction): Promise<void> {
  await tx.query(
    `INSERT INTO events (org_id, id, event_type, agent_id, user_id, ts)
     SELECT org_id, id || ':' || type, type, agent_id, user_id, ts FROM (
       SELECT org_id, id, CASE role WHEN 'user' THEN 'incomingMessages' ELSE 'outgoingMessages' END AS type, agent_id, user_id,
         created_at AS ts FROM ${stage("messages")}
       UNION ALL
       SELECT org_id, id, 'tasksInitiated', agent_id, user_id, started_at FROM ${stage("runs")}
       UNION ALL
       SELECT org_id, id, 'tasksCompleted', agent_id, user_id, completed_at FROM ${stage("runs")}
       WHERE status = 'completed' AND completed_at IS NOT NULL
     ) e ORDER BY ts, id || ':' || type`,
  );
}

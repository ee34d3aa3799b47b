import type { CanonicalRecord, RecordType } from "@agent-analytics/contract";

/**
 * The canonical records of @agent-analytics/contract (the ingest schema's records with the defaults
 * of docs/semantics.md applied, timestamps as ISO instants), by record type: the form that is
 * stored, compared for idempotency and aggregated.
 */
export type Canonical = { [T in RecordType]: CanonicalRecord<T> };
export type Agent = Canonical["agents"];

const num = (v: unknown) => Number(v);
const instant = (v: unknown) => (v instanceof Date ? v : new Date(String(v))).toISOString();
const instantOrNull = (v: unknown) => (v == null ? null : instant(v));
const textOrNull = (v: unknown) => (v as string | null | undefined) ?? null;

/** Stored rows back to canonical records (the SELECTs in store.ts name these columns). */
export const fromRow: { [T in RecordType]: (row: Record<string, unknown>) => Canonical[T] } = {
  users: (r) => ({ id: String(r.id), metadata: (typeof r.metadata === "string" ? JSON.parse(r.metadata) : r.metadata) as Record<string, string> }),
  agents: (r) => ({ id: String(r.id), name: String(r.name), kind: r.kind as Agent["kind"] }),
  sessions: (r) => ({ id: String(r.id), agentId: String(r.agent_id), userId: textOrNull(r.user_id), createdAt: instant(r.created_at) }),
  runs: (r) => ({
    id: String(r.id), agentId: String(r.agent_id), sessionId: textOrNull(r.session_id), userId: textOrNull(r.user_id),
    status: r.status as Canonical["runs"]["status"],
    model: r.model_id == null || r.model_provider == null ? null : { id: String(r.model_id), provider: String(r.model_provider) },
    tokens: {
      input: num(r.tok_input), output: num(r.tok_output), cached: num(r.tok_cached), cacheWrite: num(r.tok_cache_write),
      reasoning: num(r.tok_reasoning), audioInput: num(r.tok_audio_input), audioOutput: num(r.tok_audio_output),
    },
    postsGenerated: num(r.posts_generated), postsPublished: num(r.posts_published), error: textOrNull(r.error),
    startedAt: instant(r.started_at), completedAt: instantOrNull(r.completed_at),
  }),
  messages: (r) => ({
    id: String(r.id), sessionId: String(r.session_id), role: r.role as Canonical["messages"]["role"], toolCalls: num(r.tool_calls),
    inputTokens: num(r.input_tokens), outputTokens: num(r.output_tokens), createdAt: instant(r.created_at),
  }),
  feedback: (r) => ({
    id: String(r.id), sessionId: String(r.session_id), messageId: textOrNull(r.message_id), helpful: Boolean(r.helpful), createdAt: instant(r.created_at),
  }),
  kbFiles: (r) => ({
    id: String(r.id), knowledgeBaseId: String(r.knowledge_base_id), extractInputTokens: num(r.extract_input_tokens),
    extractOutputTokens: num(r.extract_output_tokens), processedAt: instant(r.processed_at),
  }),
};

export const TABLE: Record<RecordType, string> = {
  users: "users", agents: "agents", sessions: "sessions", runs: "runs", messages: "messages", feedback: "feedback", kbFiles: "kb_files",
};

/** UTC day (`YYYY-MM-DD`) of a canonical instant. */
export function dayOf(instant: string): string {
  return instant.slice(0, 10);
}

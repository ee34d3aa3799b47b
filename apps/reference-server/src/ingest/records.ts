import type { IngestBatch } from "@agent-analytics/types";

/** The seven record types, in the order references flow (a record refers only to earlier types). */
export const RECORD_TYPES = ["users", "agents", "sessions", "runs", "messages", "feedback", "kbFiles"] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/**
 * Records with the defaults of docs/semantics.md applied and timestamps as epoch milliseconds:
 * the form that is stored, compared for idempotency, and aggregated.
 */
export interface User { id: string; metadata: Record<string, string> }
export interface Agent { id: string; name: string; kind: "agent" | "team" | "workflow" }
export interface Session { id: string; agentId: string; userId: string | null; createdAt: number }
export interface Run {
  id: string; agentId: string; sessionId: string | null; userId: string | null;
  status: "queued" | "running" | "completed" | "failed";
  modelId: string | null; modelProvider: string | null;
  tokInput: number; tokOutput: number; tokCached: number; tokCacheWrite: number; tokReasoning: number;
  tokAudioInput: number; tokAudioOutput: number;
  postsGenerated: number; postsPublished: number; error: string | null;
  startedAt: number; completedAt: number | null;
}
export interface Message {
  id: string; sessionId: string; role: "user" | "assistant";
  toolCalls: number; inputTokens: number; outputTokens: number; createdAt: number;
}
export interface Feedback { id: string; sessionId: string; messageId: string | null; helpful: boolean; createdAt: number }
export interface KbFile { id: string; knowledgeBaseId: string; extractInputTokens: number; extractOutputTokens: number; processedAt: number }

export interface Canonical {
  users: User; agents: Agent; sessions: Session; runs: Run; messages: Message; feedback: Feedback; kbFiles: KbFile;
}

type Raw<T extends RecordType> = NonNullable<IngestBatch[T]>[number];

const ms = (iso: string) => Date.parse(iso);
const msOrNull = (iso: string | null | undefined) => (iso == null ? null : Date.parse(iso));

export const normalize: { [T in RecordType]: (raw: Raw<T>) => Canonical[T] } = {
  users: (r) => ({ id: r.id, metadata: { ...(r.metadata ?? {}) } }),
  agents: (r) => ({ id: r.id, name: r.name, kind: r.kind }),
  sessions: (r) => ({ id: r.id, agentId: r.agentId, userId: r.userId ?? null, createdAt: ms(r.createdAt) }),
  runs: (r) => ({
    id: r.id, agentId: r.agentId, sessionId: r.sessionId ?? null, userId: r.userId ?? null, status: r.status,
    modelId: r.model?.id ?? null, modelProvider: r.model?.provider ?? null,
    tokInput: r.tokens?.input ?? 0, tokOutput: r.tokens?.output ?? 0, tokCached: r.tokens?.cached ?? 0,
    tokCacheWrite: r.tokens?.cacheWrite ?? 0, tokReasoning: r.tokens?.reasoning ?? 0,
    tokAudioInput: r.tokens?.audioInput ?? 0, tokAudioOutput: r.tokens?.audioOutput ?? 0,
    postsGenerated: r.postsGenerated ?? 0, postsPublished: r.postsPublished ?? 0, error: r.error ?? null,
    startedAt: ms(r.startedAt), completedAt: msOrNull(r.completedAt),
  }),
  messages: (r) => ({
    id: r.id, sessionId: r.sessionId, role: r.role, toolCalls: r.toolCalls ?? 0,
    inputTokens: r.inputTokens ?? 0, outputTokens: r.outputTokens ?? 0, createdAt: ms(r.createdAt),
  }),
  feedback: (r) => ({ id: r.id, sessionId: r.sessionId, messageId: r.messageId ?? null, helpful: r.helpful, createdAt: ms(r.createdAt) }),
  kbFiles: (r) => ({
    id: r.id, knowledgeBaseId: r.knowledgeBaseId, extractInputTokens: r.extractInputTokens ?? 0,
    extractOutputTokens: r.extractOutputTokens ?? 0, processedAt: ms(r.processedAt),
  }),
};

/** A string equal for two records exactly when they are "the same content" (metadata as a map). */
export function contentKey(record: object): string {
  return JSON.stringify(record, (_key, value: unknown) =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );
}

const num = (v: unknown) => Number(v);
const time = (v: unknown) => (v instanceof Date ? v.getTime() : Date.parse(String(v)));
const timeOrNull = (v: unknown) => (v == null ? null : time(v));

/** Stored rows back to the canonical form (the SELECTs in store.ts name these columns). */
export const fromRow: { [T in RecordType]: (row: Record<string, unknown>) => Canonical[T] } = {
  users: (r) => ({ id: String(r.id), metadata: (typeof r.metadata === "string" ? JSON.parse(r.metadata) : r.metadata) as Record<string, string> }),
  agents: (r) => ({ id: String(r.id), name: String(r.name), kind: r.kind as Agent["kind"] }),
  sessions: (r) => ({ id: String(r.id), agentId: String(r.agent_id), userId: (r.user_id as string | null) ?? null, createdAt: time(r.created_at) }),
  runs: (r) => ({
    id: String(r.id), agentId: String(r.agent_id), sessionId: (r.session_id as string | null) ?? null,
    userId: (r.user_id as string | null) ?? null, status: r.status as Run["status"],
    modelId: (r.model_id as string | null) ?? null, modelProvider: (r.model_provider as string | null) ?? null,
    tokInput: num(r.tok_input), tokOutput: num(r.tok_output), tokCached: num(r.tok_cached), tokCacheWrite: num(r.tok_cache_write),
    tokReasoning: num(r.tok_reasoning), tokAudioInput: num(r.tok_audio_input), tokAudioOutput: num(r.tok_audio_output),
    postsGenerated: num(r.posts_generated), postsPublished: num(r.posts_published), error: (r.error as string | null) ?? null,
    startedAt: time(r.started_at), completedAt: timeOrNull(r.completed_at),
  }),
  messages: (r) => ({
    id: String(r.id), sessionId: String(r.session_id), role: r.role as Message["role"], toolCalls: num(r.tool_calls),
    inputTokens: num(r.input_tokens), outputTokens: num(r.output_tokens), createdAt: time(r.created_at),
  }),
  feedback: (r) => ({
    id: String(r.id), sessionId: String(r.session_id), messageId: (r.message_id as string | null) ?? null,
    helpful: Boolean(r.helpful), createdAt: time(r.created_at),
  }),
  kbFiles: (r) => ({
    id: String(r.id), knowledgeBaseId: String(r.knowledge_base_id), extractInputTokens: num(r.extract_input_tokens),
    extractOutputTokens: num(r.extract_output_tokens), processedAt: time(r.processed_at),
  }),
};

export const TABLE: Record<RecordType, string> = {
  users: "users", agents: "agents", sessions: "sessions", runs: "runs", messages: "messages", feedback: "feedback", kbFiles: "kb_files",
};

/** UTC day (`YYYY-MM-DD`) of an epoch-ms instant. */
export function dayOf(msValue: number): string {
  return new Date(msValue).toISOString().slice(0, 10);
}

export function iso(msValue: number): string {
  return new Date(msValue).toISOString();
}

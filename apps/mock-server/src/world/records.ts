import { parseDate } from "@agent-analytics/contract";
import type { RequestBodyOf } from "@agent-analytics/types";

/**
 * The canonical records of docs/semantics.md with every documented default applied and instants as
 * epoch milliseconds: the form the world stores, compares for idempotency and aggregates. The only
 * place that knows how an ingest batch spells a record (kept to this file so that a shared record
 * model can replace it).
 */
export type IngestBatch = RequestBodyOf<"ingestBatch">;

/** The seven record types, in the order references flow (a record refers only to earlier types). */
export const RECORD_TYPES = ["users", "agents", "sessions", "runs", "messages", "feedback", "kbFiles"] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

export type AgentKind = "agent" | "team" | "workflow";
export type RunStatus = "queued" | "running" | "completed" | "failed";

export interface User { id: string; metadata: Record<string, string> }
export interface Agent { id: string; name: string; kind: AgentKind }
export interface Session { id: string; agentId: string; userId: string | null; createdAt: number }
export interface Tokens { input: number; output: number; cached: number; cacheWrite: number; reasoning: number; audioInput: number; audioOutput: number }
export interface Run {
  id: string;
  agentId: string;
  sessionId: string | null;
  userId: string | null;
  status: RunStatus;
  model: { id: string; provider: string } | null;
  tokens: Tokens;
  postsGenerated: number;
  postsPublished: number;
  error: string | null;
  startedAt: number;
  completedAt: number | null;
}
export interface Message { id: string; sessionId: string; role: "user" | "assistant"; toolCalls: number; inputTokens: number; outputTokens: number; createdAt: number }
export interface Feedback { id: string; sessionId: string; messageId: string | null; helpful: boolean; createdAt: number }
export interface KbFile { id: string; knowledgeBaseId: string; extractInputTokens: number; extractOutputTokens: number; processedAt: number }

export interface Canonical { users: User; agents: Agent; sessions: Session; runs: Run; messages: Message; feedback: Feedback; kbFiles: KbFile }
export type Records = { [T in RecordType]: Canonical[T][] };

export function emptyRecords(): Records {
  return { users: [], agents: [], sessions: [], runs: [], messages: [], feedback: [], kbFiles: [] };
}

/** Timestamps as the contract reads them (offsets, fractions, a leap second rolling over). */
const instant = (text: string): number => parseDate(text);

type Raw<T extends RecordType> = NonNullable<IngestBatch[T]>[number];

/** One record of a schema-valid batch with the defaults applied. */
export const normalize: { [T in RecordType]: (raw: Raw<T>) => Canonical[T] } = {
  users: (r) => ({ id: r.id, metadata: { ...(r.metadata ?? {}) } }),
  agents: (r) => ({ id: r.id, name: r.name, kind: r.kind }),
  sessions: (r) => ({ id: r.id, agentId: r.agentId, userId: r.userId ?? null, createdAt: instant(r.createdAt) }),
  runs: (r) => ({
    id: r.id,
    agentId: r.agentId,
    sessionId: r.sessionId ?? null,
    userId: r.userId ?? null,
    status: r.status,
    model: r.model ? { id: r.model.id, provider: r.model.provider } : null,
    tokens: {
      input: r.tokens?.input ?? 0,
      output: r.tokens?.output ?? 0,
      cached: r.tokens?.cached ?? 0,
      cacheWrite: r.tokens?.cacheWrite ?? 0,
      reasoning: r.tokens?.reasoning ?? 0,
      audioInput: r.tokens?.audioInput ?? 0,
      audioOutput: r.tokens?.audioOutput ?? 0,
    },
    postsGenerated: r.postsGenerated ?? 0,
    postsPublished: r.postsPublished ?? 0,
    error: r.error ?? null,
    startedAt: instant(r.startedAt),
    completedAt: r.completedAt == null ? null : instant(r.completedAt),
  }),
  messages: (r) => ({
    id: r.id,
    sessionId: r.sessionId,
    role: r.role,
    toolCalls: r.toolCalls ?? 0,
    inputTokens: r.inputTokens ?? 0,
    outputTokens: r.outputTokens ?? 0,
    createdAt: instant(r.createdAt),
  }),
  feedback: (r) => ({ id: r.id, sessionId: r.sessionId, messageId: r.messageId ?? null, helpful: r.helpful, createdAt: instant(r.createdAt) }),
  kbFiles: (r) => ({
    id: r.id,
    knowledgeBaseId: r.knowledgeBaseId,
    extractInputTokens: r.extractInputTokens ?? 0,
    extractOutputTokens: r.extractOutputTokens ?? 0,
    processedAt: instant(r.processedAt),
  }),
};

/** Every record of a schema-valid batch, normalised, in batch order per type. */
export function normalizeBatch(batch: IngestBatch): Records {
  const out = emptyRecords();
  for (const type of RECORD_TYPES) (out[type] as unknown[]) = ((batch[type] ?? []) as never[]).map((raw) => normalize[type](raw));
  return out;
}

/**
 * A string equal for two normalised records exactly when they are "the same content": every
 * object's keys sorted, so metadata compares as a map.
 */
export function contentKey(record: object): string {
  return JSON.stringify(record, (_key, value: unknown) =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );
}

/** The records as an ingest batch (ISO instants): what loading them into another server takes. */
export function toBatch(records: Records): Required<IngestBatch> {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    users: records.users.map((u) => ({ id: u.id, metadata: { ...u.metadata } })),
    agents: records.agents.map((a) => ({ ...a })),
    sessions: records.sessions.map((s) => ({ ...s, createdAt: iso(s.createdAt) })),
    runs: records.runs.map((r) => ({ ...r, tokens: { ...r.tokens }, startedAt: iso(r.startedAt), completedAt: r.completedAt === null ? null : iso(r.completedAt) })),
    messages: records.messages.map((m) => ({ ...m, createdAt: iso(m.createdAt) })),
    feedback: records.feedback.map((f) => ({ ...f, createdAt: iso(f.createdAt) })),
    kbFiles: records.kbFiles.map((k) => ({ ...k, processedAt: iso(k.processedAt) })),
  };
}

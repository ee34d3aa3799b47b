import type { IngestBatch } from "@agent-analytics/types";

/**
 * The canonical records with every default of docs/semantics.md applied: the oracle computes from
 * these, never from what a server says.
 */
export interface User { id: string; metadata: Record<string, string> }
export interface Agent { id: string; name: string; kind: "agent" | "team" | "workflow" }
export interface Session { id: string; agentId: string; userId: string | null; createdAt: string }
export interface Tokens { input: number; output: number; cached: number; cacheWrite: number; reasoning: number; audioInput: number; audioOutput: number }
export interface Run {
  id: string;
  agentId: string;
  sessionId: string | null;
  userId: string | null;
  status: "queued" | "running" | "completed" | "failed";
  model: { id: string; provider: string } | null;
  tokens: Tokens;
  postsGenerated: number;
  postsPublished: number;
  error: string | null;
  startedAt: string;
  completedAt: string | null;
}
export interface Message { id: string; sessionId: string; role: "user" | "assistant"; toolCalls: number; inputTokens: number; outputTokens: number; createdAt: string }
export interface Feedback { id: string; sessionId: string; messageId: string | null; helpful: boolean; createdAt: string }
export interface KbFile { id: string; knowledgeBaseId: string; extractInputTokens: number; extractOutputTokens: number; processedAt: string }

export interface Records {
  users: User[];
  agents: Agent[];
  sessions: Session[];
  runs: Run[];
  messages: Message[];
  feedback: Feedback[];
  kbFiles: KbFile[];
}

export const RECORD_TYPES = ["users", "agents", "sessions", "runs", "messages", "feedback", "kbFiles"] as const;

export function emptyRecords(): Records {
  return { users: [], agents: [], sessions: [], runs: [], messages: [], feedback: [], kbFiles: [] };
}

/** The records a batch stores, with the documented defaults applied. */
export function normalize(batch: IngestBatch): Records {
  const zeroTokens: Tokens = { input: 0, output: 0, cached: 0, cacheWrite: 0, reasoning: 0, audioInput: 0, audioOutput: 0 };
  return {
    users: (batch.users ?? []).map((u) => ({ id: u.id, metadata: { ...(u.metadata ?? {}) } })),
    agents: (batch.agents ?? []).map((a) => ({ id: a.id, name: a.name, kind: a.kind })),
    sessions: (batch.sessions ?? []).map((s) => ({ id: s.id, agentId: s.agentId, userId: s.userId ?? null, createdAt: s.createdAt })),
    runs: (batch.runs ?? []).map((r) => ({
      id: r.id,
      agentId: r.agentId,
      sessionId: r.sessionId ?? null,
      userId: r.userId ?? null,
      status: r.status,
      model: r.model ?? null,
      tokens: { ...zeroTokens, ...(r.tokens ?? {}) },
      postsGenerated: r.postsGenerated ?? 0,
      postsPublished: r.postsPublished ?? 0,
      error: r.error ?? null,
      startedAt: r.startedAt,
      completedAt: r.completedAt ?? null,
    })),
    messages: (batch.messages ?? []).map((m) => ({
      id: m.id,
      sessionId: m.sessionId,
      role: m.role,
      toolCalls: m.toolCalls ?? 0,
      inputTokens: m.inputTokens ?? 0,
      outputTokens: m.outputTokens ?? 0,
      createdAt: m.createdAt,
    })),
    feedback: (batch.feedback ?? []).map((f) => ({ id: f.id, sessionId: f.sessionId, messageId: f.messageId ?? null, helpful: f.helpful, createdAt: f.createdAt })),
    kbFiles: (batch.kbFiles ?? []).map((k) => ({
      id: k.id,
      knowledgeBaseId: k.knowledgeBaseId,
      extractInputTokens: k.extractInputTokens ?? 0,
      extractOutputTokens: k.extractOutputTokens ?? 0,
      processedAt: k.processedAt,
    })),
  };
}

/** Both record sets together (the dataset and the records loaded relative to today). */
export function merge(a: Records, b: Records): Records {
  const out = emptyRecords();
  for (const type of RECORD_TYPES) (out[type] as unknown[]) = [...a[type], ...b[type]];
  return out;
}

export const ms = (iso: string): number => Date.parse(iso);

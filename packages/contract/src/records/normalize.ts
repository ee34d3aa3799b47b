import { RECORD_TYPES, type CanonicalRecord, type IngestBatch, type IngestRecord, type Records, type RecordType } from "./records.js";

/** A timestamp as the instant it names, written in UTC with milliseconds (`...T08:00:00.000Z`). */
export function canonicalInstant(timestamp: string): string {
  return new Date(epochMs(timestamp)).toISOString();
}

/**
 * Milliseconds since the epoch of a timestamp (canonical or not). A leap second (`23:59:60`), which
 * RFC 3339 date-times admit and `Date.parse` does not, is the instant after second 59.
 */
export function epochMs(timestamp: string): number {
  const ms = Date.parse(timestamp);
  if (!Number.isNaN(ms)) return ms;
  const leap = /^(.*T\d{2}:\d{2}:)60(.*)$/i.exec(timestamp);
  return leap ? Date.parse(`${leap[1]}59${leap[2]}`) + 1000 : ms;
}

const instantOrNull = (timestamp: string | null | undefined) => (timestamp == null ? null : canonicalInstant(timestamp));

/**
 * One record with the defaults of docs/semantics.md applied ("Defaults"), for a record that is valid
 * against the ingest schema. The one place those defaults are written.
 */
export const normalizeRecord: { [T in RecordType]: (raw: IngestRecord<T>) => CanonicalRecord<T> } = {
  users: (r) => ({ id: r.id, metadata: { ...(r.metadata ?? {}) } }),
  agents: (r) => ({ id: r.id, name: r.name, kind: r.kind }),
  sessions: (r) => ({ id: r.id, agentId: r.agentId, userId: r.userId ?? null, createdAt: canonicalInstant(r.createdAt) }),
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
    startedAt: canonicalInstant(r.startedAt),
    completedAt: instantOrNull(r.completedAt),
  }),
  messages: (r) => ({
    id: r.id,
    sessionId: r.sessionId,
    role: r.role,
    toolCalls: r.toolCalls ?? 0,
    inputTokens: r.inputTokens ?? 0,
    outputTokens: r.outputTokens ?? 0,
    createdAt: canonicalInstant(r.createdAt),
  }),
  feedback: (r) => ({
    id: r.id,
    sessionId: r.sessionId,
    messageId: r.messageId ?? null,
    helpful: r.helpful,
    createdAt: canonicalInstant(r.createdAt),
  }),
  kbFiles: (r) => ({
    id: r.id,
    knowledgeBaseId: r.knowledgeBaseId,
    extractInputTokens: r.extractInputTokens ?? 0,
    extractOutputTokens: r.extractOutputTokens ?? 0,
    processedAt: canonicalInstant(r.processedAt),
  }),
};

/** The records of one type in a batch, normalized, in batch order. */
export function normalizeRecords<T extends RecordType>(batch: IngestBatch, type: T): CanonicalRecord<T>[] {
  const normalize = normalizeRecord[type] as (raw: IngestRecord<T>) => CanonicalRecord<T>;
  return ((batch[type] ?? []) as IngestRecord<T>[]).map((raw) => normalize(raw));
}

/** Every record a batch carries, normalized. */
export function normalizeBatch(batch: IngestBatch): Records {
  const records = emptyRecords();
  for (const type of RECORD_TYPES) (records[type] as unknown[]) = normalizeRecords(batch, type);
  return records;
}

export function emptyRecords(): Records {
  return { users: [], agents: [], sessions: [], runs: [], messages: [], feedback: [], kbFiles: [] };
}

/** Two record sets as one (each type's records of `a`, then those of `b`). */
export function mergeRecords(a: Records, b: Records): Records {
  const merged = emptyRecords();
  for (const type of RECORD_TYPES) (merged[type] as unknown[]) = [...a[type], ...b[type]];
  return merged;
}

/**
 * A string equal for two canonical records exactly when they are the same content (the ingest
 * module's idempotency rule): every field equal, maps compared as maps (key order ignored).
 */
export function contentKey(record: object): string {
  return JSON.stringify(record, (_key, value: unknown) =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );
}

import type { RequestBodyOf } from "@agent-analytics/types";

/** A batch of the ingest module: the canonical records every figure is computed from. */
export type IngestBatch = RequestBodyOf<"ingestBatch">;

/** `users`, `agents`, `sessions`, `runs`, `messages`, `feedback`, `kbFiles`: the keys of a batch. */
export type RecordType = keyof IngestBatch;

/** One record of a type, as a batch carries it (optional fields may be absent). */
export type IngestRecord<T extends RecordType> = NonNullable<IngestBatch[T]>[number];

type OptionalKeys<R> = { [K in keyof R]-?: R extends Record<K, R[K]> ? never : K }[keyof R];

/**
 * What an absent optional field becomes (docs/semantics.md, "Defaults"): a counter 0, a map (user
 * metadata) `{}`, a group of counters (a run's tokens) all zeros; anything else null (references,
 * `model`, `error`, `completedAt`).
 */
type Defaulted<V> = [V] extends [number]
  ? number
  : [V] extends [object]
    ? string extends keyof V
      ? V
      : Required<V>[keyof V] extends number
        ? Required<V>
        : V | null
    : V | null;

/**
 * A record with the documented defaults applied: every field present, timestamps as ISO instants in
 * UTC with milliseconds (`2026-02-22T08:00:00.000Z`). The form records are stored in, compared for
 * idempotency and computed from; derived from the ingest schema, so a field added there must be
 * given its default in `normalizeRecord` before anything compiles.
 */
export type CanonicalRecord<T extends RecordType> = {
  [K in keyof IngestRecord<T>]-?: K extends OptionalKeys<IngestRecord<T>>
    ? Defaulted<NonNullable<IngestRecord<T>[K]>>
    : IngestRecord<T>[K];
};

/** Canonical records of every type. */
export type Records = { [T in RecordType]: CanonicalRecord<T>[] };

// Keyed by every record type (the compiler rejects a missing or unknown one), in the order
// references flow: a record refers only to records of earlier types.
const REFERENCE_ORDER = {
  users: true,
  agents: true,
  sessions: true,
  runs: true,
  messages: true,
  feedback: true,
  kbFiles: true,
} as const satisfies Record<RecordType, true>;

/** Every record type, users first: a record refers only to records of earlier types. */
export const RECORD_TYPES = Object.keys(REFERENCE_ORDER) as readonly RecordType[];

export function isRecordType(name: string): name is RecordType {
  return Object.hasOwn(REFERENCE_ORDER, name);
}

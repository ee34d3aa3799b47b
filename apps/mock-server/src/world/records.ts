import { epochMs, type CanonicalRecord, type RecordType } from "@agent-analytics/contract";

/**
 * The contract's canonical records (@agent-analytics/contract: the ingest schema's records with the
 * defaults of docs/semantics.md applied) as the world holds them: the same fields, with instants as
 * epoch milliseconds. The world compares, sorts and buckets hundreds of thousands of instants per
 * read, so it keeps numbers rather than ISO strings; this file is the one place that converts.
 */

// The instant fields of each record type (the compiler checks each is a field of that type).
const INSTANTS = {
  users: [],
  agents: [],
  sessions: ["createdAt"],
  runs: ["startedAt", "completedAt"],
  messages: ["createdAt"],
  feedback: ["createdAt"],
  kbFiles: ["processedAt"],
} as const satisfies { [T in RecordType]: readonly (keyof CanonicalRecord<T>)[] };

type InstantField<T extends RecordType> = (typeof INSTANTS)[T][number];

/** A canonical record with its instants as epoch milliseconds (an absent one stays null). */
export type WorldRecord<T extends RecordType> = {
  [K in keyof CanonicalRecord<T>]: K extends InstantField<T> ? (null extends CanonicalRecord<T>[K] ? number | null : number) : CanonicalRecord<T>[K];
};

export type User = WorldRecord<"users">;
export type Agent = WorldRecord<"agents">;
export type Session = WorldRecord<"sessions">;
export type Run = WorldRecord<"runs">;
export type Message = WorldRecord<"messages">;
export type Feedback = WorldRecord<"feedback">;
export type KbFile = WorldRecord<"kbFiles">;

export type AgentKind = Agent["kind"];
export type RunStatus = Run["status"];
export type Tokens = Run["tokens"];

export type Records = { [T in RecordType]: WorldRecord<T>[] };

export function emptyRecords(): Records {
  return { users: [], agents: [], sessions: [], runs: [], messages: [], feedback: [], kbFiles: [] };
}

/** A canonical record as the world holds it. */
export function fromCanonical<T extends RecordType>(type: T, record: CanonicalRecord<T>): WorldRecord<T> {
  const out: Record<string, unknown> = { ...record };
  for (const field of INSTANTS[type] as readonly string[]) {
    const value = out[field] as string | null;
    out[field] = value === null ? null : epochMs(value);
  }
  return out as WorldRecord<T>;
}

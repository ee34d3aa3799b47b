/** Public types of the conformance kit: what a run is asked to do and what it reports. */

/**
 * `warn`: passes at the run's level, but broke a rule that only this contract decided (reported
 * under `--level source`, with the decision).
 */
export type Status = "pass" | "warn" | "fail" | "skip";

/**
 * What a run holds a server to: `contract` (the default) every rule of the contract; `source` only
 * the rules the source systems document, so that a server faithful to the real API passes, while a
 * failure of a rule the contract decided is reported as a warning naming the decision.
 */
export type ConformanceLevel = "source" | "contract";

export interface ConformanceOptions {
  /** Root URL of the server under test, e.g. `http://localhost:3000`. */
  baseUrl: string;
  /** API key sent as `Authorization: Bearer <token>`. */
  token: string;
  /** Key for the `x-api-key` header form; defaults to trying `token` in that form. */
  apiKey?: string;
  /** A key of a different organisation: enables the `isolation` class. */
  tokenB?: string;
  /**
   * The key for the operations that need a role (`x-required-role`: ingest and the refresh), when
   * `token` is a member's: an admin key of the same organisation. Default: `token`. Enables the
   * `roles` class, which checks that `token` is refused those operations.
   */
  writeToken?: string;
  /** The same for `tokenB`'s organisation. Default: `tokenB`. */
  writeTokenB?: string;
  /** Classes the server claims; default every class of the document. */
  classes?: string[];
  /** An existing agent, for servers that do not implement ingest. */
  agentId?: string;
  /** An existing run of `agentId`, for servers that do not implement ingest. */
  runId?: string;
  /** Per-request timeout in milliseconds (default 10 000). */
  timeoutMs?: number;
  /** `contract` (default) or `source`. */
  level?: ConformanceLevel;
  /** Seed of every random choice of the run (generated cases, windows, queries); default random, always reported. */
  seed?: number;
  /** Generated cases per operation and kind (valid, invalid, hostile); default DEFAULT_MAX_EXAMPLES. */
  maxExamples?: number;
  /** Only these operations (by operationId); the others' requirements are reported as not selected. */
  operations?: string[];
  /** Only these checks (the last segment of a requirement id). */
  checks?: string[];
  /** Every check but these. */
  excludeChecks?: string[];
  /** Extra headers sent with every request (`-H 'Name: value'`). */
  headers?: Record<string, string>;
  onProgress?: (event: ProgressEvent) => void;
}

export type ProgressEvent =
  | { kind: "phase"; message: string }
  | { kind: "class"; classId: string; claimed: boolean }
  | { kind: "requirement"; result: RequirementResult };

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  /** `body` is the text sent as is (malformed JSON), not a value to serialise. */
  rawBody?: boolean;
}

export interface RecordedResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface Failure {
  message: string;
  request: RecordedRequest;
  /** The same request as a shell command. */
  curl: string;
  /** Absent when no response arrived (timeout, connection reset). */
  response?: RecordedResponse;
  expected: string;
  /** The rules the failure breaks (rule addresses, docs/invariants.md "Provenance"), with their module. */
  rules?: RuleRef[];
  /** Whose rules they are, in words: the source's (with where it says so), or a decision of the contract. */
  provenance?: string[];
  /** The contract's decisions behind it, when every rule it breaks is one (a contract-only failure). */
  decisions?: string[];
}

export interface RuleRef {
  module: string;
  address: string;
}

export interface RequirementResult {
  /** `<class>.<operationId>.<check>`, stable across versions. */
  id: string;
  class: string;
  operationId?: string;
  title: string;
  /** Where the contract states it: a JSON pointer into the merged document, or an invariant id. */
  specRef: string;
  status: Status;
  /** Why it was skipped, or a summary of why it failed. */
  reason?: string;
  failures: Failure[];
  /** Under `--level source`: failures of rules only the contract decided, each naming the decision. */
  warnings: Failure[];
  /**
   * Part of what the run holds the server to: its class is claimed, the module of its operation too,
   * and the options selected it. A required requirement that could not be checked fails.
   */
  required: boolean;
  /** Time spent on it, in milliseconds. */
  durationMs: number;
}

export interface ClassResult {
  id: string;
  claimed: boolean;
  status: Status;
  requirements: RequirementResult[];
}

export interface ConformanceResult {
  baseUrl: string;
  /** ISO 8601. */
  startedAt: string;
  durationMs: number;
  requestCount: number;
  level: ConformanceLevel;
  /** What makes the run reproducible: kit and contract versions, the seed, the options as given. */
  meta: RunMeta;
  /** Every claimed class passed (warnings included). */
  passed: boolean;
  classes: ClassResult[];
}

export interface RunMeta {
  kitVersion: string;
  contractVersion: string;
  /** SHA-256 of the merged contract document, as the kit read it. */
  contractHash: string;
  seed: number;
  maxExamples: number;
  /** The options that shape the run (keys left out). */
  options: Record<string, unknown>;
}
